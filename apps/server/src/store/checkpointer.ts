import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db';

/**
 * Pages a WAL may grow to before the server's own connection checkpoints in line (a safety net: normally the
 * background checkpointer keeps the WAL far below this).
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

export interface CheckpointerOptions {
  /** How often the background connection checkpoints (ms). */
  intervalMs?: number;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

// CommonJS, evaluated in the worker: no loader or build step needed, the driver path comes from the main thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
// A checkpoint fsyncs the WAL before it copies pages into the database and the database after.
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/**
 * Move WAL checkpoints off the event loop: a second connection in a worker thread copies committed pages into
 * the database file every `intervalMs` (PASSIVE: it never blocks the server's writes or reads). The server's
 * connection only checkpoints itself when the WAL grows past FALLBACK_AUTOCHECKPOINT_PAGES. Checkpoints keep
 * SQLite's crash safety; they only decide when pages move from the WAL into the database file.
 */
export function startCheckpointer(
  db: Db,
  log: { warn(obj: unknown, msg?: string): void },
  options: CheckpointerOptions = {},
): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file: db.name, intervalMs: options.intervalMs ?? 200 },
  });
  worker.unref();
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  let lastWarning = 0;
  worker.on('message', (message: { error?: string }) => {
    // A busy or failing checkpoint is retried on the next tick; warn at most once a minute.
    if (message.error !== undefined && Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      log.warn({ error: message.error }, 'background checkpoint failed');
    }
  });
  worker.on('error', (err) => log.warn({ err }, 'background checkpointer stopped'));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        const done = () => resolve();
        worker.once('exit', done);
        worker.on('message', (message: { stopped?: boolean }) => {
          if (message.stopped) void worker.terminate().then(done, done);
        });
        worker.postMessage('stop');
        // A worker that does not answer (it crashed) must not hold up the shutdown.
        setTimeout(() => void worker.terminate().then(done, done), 2000).unref();
      });
      return stopping;
    },
  };
}
