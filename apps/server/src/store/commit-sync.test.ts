import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDataDir } from '../../test-support/test-server';
import { startCheckpointer } from './checkpointer';
import { createCommitSync } from './commit-sync';
import { openDatabase, type Db } from './db';

const dirs: string[] = [];
const dbs: Db[] = [];

function open(): Db {
  const dir = tempDataDir();
  dirs.push(dir);
  const db = openDatabase(dir, 'kcc.sqlite', { synchronous: 'NORMAL' });
  dbs.push(db);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  return db;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('commit sync', () => {
  it('opens with synchronous NORMAL when asked', () => {
    expect(open().pragma('synchronous', { simple: true })).toBe(1);
  });

  it('fsyncs the WAL once for the commits made while waiting, and not at all without new commits', async () => {
    const db = open();
    const sync = createCommitSync(db);
    const fdatasync = vi.spyOn(fs, 'fdatasync');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');

    insert.run('a');
    await sync.durable();
    expect(fdatasync).toHaveBeenCalledTimes(1);

    await sync.durable();
    expect(fdatasync).toHaveBeenCalledTimes(1);

    insert.run('b');
    const first = sync.durable();
    insert.run('c');
    const second = sync.durable();
    insert.run('d');
    const third = sync.durable();
    await Promise.all([first, second, third]);
    // The first sync covers "b"; "c" and "d" share the next one.
    expect(fdatasync).toHaveBeenCalledTimes(3);
    sync.close();
  });

  it('rejects when the fsync fails, and syncs again on the next call', async () => {
    const db = open();
    const sync = createCommitSync(db);
    db.prepare('INSERT INTO t (body) VALUES (?)').run('a');
    vi.spyOn(fs, 'fdatasync').mockImplementationOnce(((_fd: number, cb: (err: Error | null) => void) =>
      cb(new Error('EIO'))) as typeof fs.fdatasync);
    await expect(sync.durable()).rejects.toThrow('EIO');
    await expect(sync.durable()).resolves.toBeUndefined();
    sync.close();
  });
});

describe('background checkpointer', () => {
  it('copies committed pages into the database file without the writer checkpointing', async () => {
    const db = open();
    const file = db.name;
    const checkpointer = startCheckpointer(db, { warn: () => undefined }, { intervalMs: 20 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const before = fs.statSync(file).size;
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    // ~2 MB: far below the writer's own checkpoint threshold (10,000 pages).
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run('x'.repeat(2000));
    })();
    // The worker checkpoints on its own interval: wait for its outcome.
    await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 1_000_000), {
      timeout: 15_000,
      interval: 20,
    });
    await checkpointer.stop();
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(1000);
  });
});
