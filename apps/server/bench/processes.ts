import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../src/config';
import { sleep } from './bench-util';

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere.
 * Assumes the usual 100 clock ticks per second.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * 10 : undefined;
  } catch {
    return undefined;
  }
}

export function freePort(): Promise<number> {
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

/** The parent's environment without KCC_* settings, so only what a bench passes reaches the child. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('KCC_')) env[k] = v;
  return { ...env, ...extra };
}

/**
 * Extra node flags for the sync server child, e.g. `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`
 * to profile the server under a bench's load (NODE_OPTIONS does not allow `--cpu-prof`).
 */
const serverNodeArgs = (): string[] =>
  (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

function spawnTs(
  file: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], {
    cwd: REPO_ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => tail };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = sleep(5000).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
}

/**
 * The real sync server (`apps/server/src/main.ts`) in its own process, so its event loop and CPU are not
 * shared with the load generator. Resolves once `/health` answers 200.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  const { child, output } = spawnTs(
    path.join(REPO_ROOT, 'apps/server/src/main.ts'),
    { ...env, KCC_HOST: '127.0.0.1', KCC_PORT: String(port) },
    serverNodeArgs(),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server process exited (${child.exitCode}): ${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return { url, pid: child.pid ?? -1, stop: stopper(child) };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stopper(child)();
  throw new Error(`server process did not become healthy within 60 s: ${output()}`);
}

/** The bare socket.io echo server (`echo-server.ts`) in its own process; it prints its port. */
export async function startEchoProcess(): Promise<ChildServer> {
  const { child, output } = spawnTs(path.join(REPO_ROOT, 'apps/server/bench/echo-server.ts'), {});
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`echo server did not start: ${output()}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`echo server exited (${code}): ${output()}`));
    });
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = /ECHO_PORT (\d+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop: stopper(child) };
}
