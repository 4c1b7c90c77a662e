import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface TestRedis {
  /** `redis://…` for KCC_REDIS_URL, a database of its own. */
  url: string;
  stop(): Promise<void>;
}

const MISSING =
  'Voor deze test is Redis nodig: zet KCC_TEST_REDIS_URL, of installeer redis-server (apt-get install redis-server).';

/**
 * A Redis for a test. With `KCC_TEST_REDIS_URL` (CI) that server, in a database of its own that is emptied first
 * (test files run in parallel); else a throwaway `redis-server` from PATH on a free port, in a temp dir, without
 * persistence. Neither: the test fails and says how to get one.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const given = process.env.KCC_TEST_REDIS_URL;
  if (given) return ownDatabase(given);
  if (spawnSync('redis-server', ['--version']).error) throw new Error(MISSING);
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-redis-test-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await ready(child);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Databases 1–15 of a shared server, handed out in turn (database 0 holds the counter). */
async function ownDatabase(url: string): Promise<TestRedis> {
  const admin = new Redis(url, { lazyConnect: true });
  await admin.connect();
  const n = await admin.incr('kcc-test:next-database');
  admin.disconnect();
  const u = new URL(url);
  u.pathname = `/${1 + (n % 15)}`;
  const db = new Redis(u.toString());
  await db.flushdb();
  db.disconnect();
  return { url: u.toString(), stop: async () => undefined };
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    // Keeps reading after the start too, so the log never fills the pipe.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (out.length < 10_000) out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('error', () => reject(new Error(MISSING)));
    child.once('exit', (code) => reject(new Error(`redis-server stopte meteen (code ${code}): ${out}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
