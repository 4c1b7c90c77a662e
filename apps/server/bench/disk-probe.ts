import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/store/db';
import { percentile, sortedCopy } from './bench-util';

/**
 * Latency of one small durable commit with the server's pragmas (WAL, synchronous = FULL): the fsync the event
 * loop waits for on every transaction. Measured in the same run, since a shared disk varies from minute to minute.
 */
export function commitLatency(commits = 200): { p50: number; p99: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-bench-disk-'));
  const db = openDatabase(dir, 'probe.sqlite');
  try {
    db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO probe (payload) VALUES (?)');
    const commit = db.transaction((payload: string) => insert.run(payload));
    const payload = 'x'.repeat(300);
    const times: number[] = [];
    for (let i = 0; i < commits; i++) {
      const t0 = performance.now();
      commit(payload);
      times.push(performance.now() - t0);
    }
    const sorted = sortedCopy(times);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
