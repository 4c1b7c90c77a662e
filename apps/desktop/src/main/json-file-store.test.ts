import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonFileStore } from './json-file-store';

const dirs: string[] = [];
function tempFile(name = 'settings.json'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-desktop-'));
  dirs.push(dir);
  return path.join(dir, 'nested', name);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('createJsonFileStore', () => {
  it('reads undefined when the file does not exist yet', () => {
    expect(createJsonFileStore(tempFile()).read()).toBeUndefined();
  });

  it('writes and reads back, creating the folder and leaving no temp files', () => {
    const file = tempFile();
    const store = createJsonFileStore(file);
    store.write({ serverUrl: 'http://127.0.0.1:4700', n: 1 });
    expect(store.read()).toEqual({ serverUrl: 'http://127.0.0.1:4700', n: 1 });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('treats a corrupt file as missing', () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"serverUrl": "http://');
    expect(createJsonFileStore(file).read()).toBeUndefined();
  });
});
