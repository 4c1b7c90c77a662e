import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runStart } from './start';

/**
 * POSIX only (the fake Electron is a shell script; CI runs Debian). runStart against a throwaway repository root: a fake server (answers /health, exits 0 on SIGTERM), a built
 * workplace, a no-op desktop build and, where needed, a fake Electron via ELECTRON_OVERRIDE_DIST_PATH.
 */

const realNodeModules = path.resolve(__dirname, '../../../../node_modules');
const roots: string[] = [];

const FAKE_SERVER = `
import http from 'node:http';
const port = Number(process.env.KCC_PORT);
if (process.env.FAKE_SERVER_FAIL) { console.error('kapot'); process.exit(3); }
const server = http.createServer((req, res) => { res.statusCode = req.url === '/health' ? 200 : 404; res.end('{}'); });
server.listen(port, '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`;

function fakeRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-launcher-'));
  roots.push(root);
  const write = (file: string, text: string, mode?: number) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text, mode === undefined ? undefined : { mode });
  };
  fs.symlinkSync(realNodeModules, path.join(root, 'node_modules'), 'dir');
  write('apps/server/src/main.ts', FAKE_SERVER);
  write('apps/workplace/dist/index.html', '<!doctype html>');
  write('apps/widget/dist/widget.js', '// built widget');
  write('apps/desktop/build.mjs', '');
  return root;
}

function fakeElectron(script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-fake-electron-'));
  roots.push(dir);
  fs.writeFileSync(path.join(dir, 'electron'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return dir;
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function captureLog() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  return lines;
}

describe('runStart', () => {
  it('without an Electron binary: one line, keeps serving, SIGTERM stops the server with its exit code', async () => {
    const repoRoot = fakeRepo();
    const port = await freePort();
    const lines = captureLog();
    const env = {
      PATH: process.env['PATH'],
      KCC_PORT: String(port),
      ELECTRON_OVERRIDE_DIST_PATH: path.join(repoRoot, 'none'),
    };
    const run = runStart({ repoRoot, env });
    await until(() => lines.some((l) => l.startsWith('Electron is niet beschikbaar')));
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const electronLines = lines.filter((l) => l.includes('Electron'));
    expect(electronLines).toHaveLength(1);
    expect(electronLines[0]).toMatch(/de werkplek draait in de browser op http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines).toContain(`KCC Werkplek is klaar: http://127.0.0.1:${port}/`);
    process.emit('SIGTERM', 'SIGTERM');
    await expect(run).resolves.toBe(0);
  }, 30_000);

  it('reports an Electron that fails at start-up in one line with its reason', async () => {
    const repoRoot = fakeRepo();
    const port = await freePort();
    const lines = captureLog();
    const electronDir = fakeElectron('echo "[1:ERROR:ozone] Missing X server or \\$DISPLAY" >&2; exit 1');
    const run = runStart({
      repoRoot,
      env: { PATH: process.env['PATH'], KCC_PORT: String(port), ELECTRON_OVERRIDE_DIST_PATH: electronDir },
    });
    await until(() => lines.some((l) => l.startsWith('Electron is niet beschikbaar')));
    expect(lines.filter((l) => l.includes('Electron'))).toEqual([
      `Electron is niet beschikbaar (start mislukt: [1:ERROR:ozone] Missing X server or $DISPLAY); de werkplek draait in de browser op http://127.0.0.1:${port}/`,
    ]);
    process.emit('SIGINT', 'SIGINT');
    await expect(run).resolves.toBe(0);
  }, 30_000);

  it('passes the server URL to Electron and stops the server when the agent quits the app', async () => {
    const repoRoot = fakeRepo();
    const port = await freePort();
    const lines = captureLog();
    const marker = path.join(repoRoot, 'electron-args.txt');
    const electronDir = fakeElectron(`echo "$* $KCC_SERVER_URL" > "${marker}"; exit 0`);
    const code = await runStart({
      repoRoot,
      env: { PATH: process.env['PATH'], KCC_PORT: String(port), ELECTRON_OVERRIDE_DIST_PATH: electronDir },
    });
    expect(code).toBe(0);
    expect(fs.readFileSync(marker, 'utf8').trim()).toBe(
      `${path.join(repoRoot, 'apps/desktop')} --server-url=http://127.0.0.1:${port} http://127.0.0.1:${port}`,
    );
    expect(lines.some((l) => l.startsWith('Electron is niet beschikbaar'))).toBe(false);
  }, 30_000);

  it('exits with the server code when the server cannot start, and skips Electron with KCC_NO_DESKTOP=1', async () => {
    const repoRoot = fakeRepo();
    const port = await freePort();
    const lines = captureLog();
    const code = await runStart({
      repoRoot,
      env: { PATH: process.env['PATH'], KCC_PORT: String(port), KCC_NO_DESKTOP: '1', FAKE_SERVER_FAIL: '1' },
    });
    expect(code).toBe(3);
    expect(lines.join('\n')).toMatch(
      /De server is niet gestart: de server is gestopt voordat hij gereed was/,
    );
    expect(lines.some((l) => l.includes('Electron'))).toBe(false);
  }, 30_000);

  it('refuses a port that is already taken instead of talking to someone else’s server', async () => {
    const http = await import('node:http');
    const other = http.createServer((_req, res) => res.end());
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    const lines = captureLog();
    try {
      expect(await runStart({ repoRoot: fakeRepo(), env: { KCC_PORT: String(port) } })).toBe(1);
      expect(lines).toEqual([
        `Poort ${port} op 127.0.0.1 is al in gebruik. Stop het andere proces of kies een andere KCC_PORT.`,
      ]);
    } finally {
      await new Promise((r) => other.close(r));
    }
  });
});
