import fs from 'node:fs';
import path from 'node:path';

/** One small JSON document on disk (settings, window state). */
export interface JsonStore {
  /** The stored value, or `undefined` when the file is missing or not valid JSON. */
  read(): unknown;
  write(value: unknown): void;
}

/**
 * A JSON file in userData. Writes go to a temp file first and are renamed into place, so a crash mid-write
 * never leaves a half-written file behind; a corrupt file reads as `undefined` and the caller falls back to defaults.
 */
export function createJsonFileStore(filePath: string): JsonStore {
  return {
    read() {
      let text: string;
      try {
        text = fs.readFileSync(filePath, 'utf8');
      } catch {
        return undefined;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
    write(value) {
      fs.mkdirSync(path.dirname(filePath), { recursive: true });
      const temp = `${filePath}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
      fs.renameSync(temp, filePath);
    },
  };
}

/** In-memory store for tests and for running without a writable userData. */
export function createMemoryStore(initial?: unknown): JsonStore & { writes: number } {
  let value = initial === undefined ? undefined : structuredClone(initial);
  const store = {
    writes: 0,
    read: () => (value === undefined ? undefined : structuredClone(value)),
    write: (next: unknown) => {
      value = structuredClone(next);
      store.writes += 1;
    },
  };
  return store;
}
