import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Open the embedded store. `synchronous = FULL` with WAL: a commit is on disk before we acknowledge it,
 * so whatever the server answered survives `kill -9` (and a power cut).
 */
export function openDatabase(dataDir: string, fileName = 'kcc.sqlite'): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
