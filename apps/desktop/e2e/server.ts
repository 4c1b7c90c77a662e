import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitForHealth } from '../src/launcher/health';

const repoRoot = path.resolve(__dirname, '../../..');

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The real server with demo data on a free port and a fresh data dir. */
export async function startServer(): Promise<TestServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-electron-smoke-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KCC_HOST: '127.0.0.1',
      KCC_PORT: String(port),
      KCC_DATA_DIR: dataDir,
      KCC_DEMO: '1',
      KCC_NO_DESKTOP: '1',
      KCC_SMTP_PORT: '0',
      KCC_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitForHealth(url, {
    timeoutMs: 60_000,
    gaveUp: () => (exited ? 'server exited before it was ready' : undefined),
  });
  return {
    url,
    async stop() {
      if (!exited) {
        const done = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await done;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
