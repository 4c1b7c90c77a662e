import fs from 'node:fs';
import type { Db } from './db';

export interface CommitSync {
  /**
   * Resolves once every commit made before the call is on disk (an fdatasync of the WAL file, run on the libuv
   * thread pool, shared by all commits made while the previous one ran); rejects when the sync fails.
   */
  durable(): Promise<void>;
  close(): void;
}

/**
 * Durable commits without blocking the event loop, for a database opened with `synchronous = NORMAL` in WAL
 * mode: SQLite writes each commit to the WAL (surviving `kill -9`), and `durable()` fsyncs the WAL before the
 * server acknowledges (surviving a power cut, as `synchronous = FULL` would). SQLite itself still syncs the WAL
 * before every checkpoint and the database after it. Commits are counted with `total_changes()`, so a caller
 * that wrote nothing since the last sync does not wait.
 */
export function createCommitSync(db: Db): CommitSync {
  const walPath = `${db.name}-wal`;
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const changes = () => Number(totalChanges.get());
  let fd: number | undefined;
  /** `total_changes()` covered by the last completed sync; 0 at start, so start-up writes get synced too. */
  let synced = 0;
  let running: Promise<void> | undefined;

  const syncOnce = (): Promise<void> => {
    const covers = changes();
    return new Promise<void>((resolve, reject) => {
      try {
        fd ??= fs.openSync(walPath, 'r');
      } catch (err) {
        reject(err as Error);
        return;
      }
      fs.fdatasync(fd, (err) => {
        if (err) {
          reject(err);
          return;
        }
        if (covers > synced) synced = covers;
        resolve();
      });
    });
  };

  return {
    async durable() {
      const target = changes();
      while (synced < target) {
        running ??= syncOnce().finally(() => {
          running = undefined;
        });
        await running;
      }
    },
    close() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}
