import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * SQLite's `synchronous` pragma (WAL mode). `FULL` (default): every commit waits for an fsync of the WAL, so a
   * commit also survives a power cut. `NORMAL`: commits are written to the OS without an fsync, which survives
   * `kill -9` of the process but not a power cut; the server pairs it with `createCommitSync` (commit-sync.ts)
   * to fsync off the event loop, once for many commits, before it acknowledges anything.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Open the embedded store: WAL, foreign keys on, a busy timeout, and the given `synchronous` level. */
export function openDatabase(dataDir: string, fileName = 'kcc.sqlite', options: OpenOptions = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
