// `npm run cluster`: three instances of the server on one throwaway PostgreSQL and Redis, behind a small load
// balancer, so anyone can try a cluster on one machine. Ctrl-C stops everything and removes the temp dirs.
//   KCC_CLUSTER_PORT   the load balancer's port (default 4700, as `npm start`)
//   KCC_CLUSTER_SIZE   the number of instances (default 3)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startLoadBalancer, type LoadBalancer } from '../apps/server/src/cluster/load-balancer';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVICES = path.join(ROOT, 'scripts/throwaway-services.sh');
const port = Number(process.env.KCC_CLUSTER_PORT ?? 4700);
const size = Number(process.env.KCC_CLUSTER_SIZE ?? 3);

interface Instance {
  id: string;
  url: string;
  dataDir: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

const cleanups: (() => Promise<void> | void)[] = [];
let stopping: Promise<void> | undefined;

/** Runs a function of throwaway-services.sh; `set -m` gives Redis its own process group, out of Ctrl-C's reach. */
function bash(script: string): string {
  return execFileSync('bash', ['-c', `set -euo pipefail -m; source ${JSON.stringify(SERVICES)}; ${script}`], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
  });
}

async function waitForHealth(instance: Instance): Promise<void> {
  let exited = false;
  void instance.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${instance.id} stopte tijdens het starten`);
    try {
      if ((await fetch(`${instance.url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `npm start` (scripts/start.mjs) in its own process group, so Ctrl-C reaches only this script. */
function startInstance(id: string, instancePort: number, env: Record<string, string>): Instance {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kcc-${id}-`));
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      KCC_NO_DESKTOP: '1',
      KCC_PORT: String(instancePort),
      KCC_INSTANCE_ID: id,
      KCC_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${id}] ${line}`));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { id, url: `http://127.0.0.1:${instancePort}`, dataDir, process: child, exited };
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.process.exitCode === null && instance.process.signalCode === null) {
    instance.process.kill('SIGTERM');
    const killer = setTimeout(() => {
      try {
        process.kill(-instance.process.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 15_000);
    await instance.exited;
    clearTimeout(killer);
  }
  fs.rmSync(instance.dataDir, { recursive: true, force: true });
}

async function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (err) {
        console.error(err instanceof Error ? err.message : err);
      }
    }
  })();
  return stopping;
}

function portFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  if (!(await portFree(port))) {
    throw new Error(
      `Poort ${port} is al in gebruik. Stop het andere proces of kies een andere KCC_CLUSTER_PORT.`,
    );
  }
  const workplaceBuilt = fs.existsSync(path.join(ROOT, 'apps/workplace/dist/index.html'));
  const widgetBuilt = fs.existsSync(path.join(ROOT, 'apps/widget/dist/widget.js'));
  if (!workplaceBuilt || !widgetBuilt) {
    // Once here, not in each instance at the same time.
    console.log('De werkplek en de chatwidget worden nu gebouwd (npm run build).');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }

  console.log('PostgreSQL en Redis starten (tijdelijk, in een temp-map)…');
  const [pgDir, pgUrl] = bash('start_throwaway_postgres; echo "$THROWAWAY_PG_DIR"; echo "$THROWAWAY_PG_URL"')
    .trim()
    .split('\n');
  cleanups.push(() => void bash(`stop_throwaway_postgres ${JSON.stringify(pgDir)}`));
  const [redisPid, redisUrl] = bash(
    'start_throwaway_redis; echo "$THROWAWAY_REDIS_PID"; echo "$THROWAWAY_REDIS_URL"',
  )
    .trim()
    .split('\n');
  cleanups.push(() => {
    try {
      process.kill(Number(redisPid), 'SIGTERM');
    } catch {
      // already gone
    }
  });

  const publicUrl = `http://127.0.0.1:${port}`;
  const shared = {
    KCC_DATABASE_URL: pgUrl as string,
    KCC_REDIS_URL: redisUrl as string,
    // Tokens one instance issues are accepted by all.
    KCC_TOKEN_SECRET: randomBytes(32).toString('hex'),
    KCC_PUBLIC_URL: publicUrl,
  };
  const instances: Instance[] = [];
  cleanups.push(() => Promise.all(instances.map(stopInstance)).then(() => undefined));
  // The first one alone, so it runs the migrations and takes the routing lease; the others then together.
  for (let i = 1; i <= size; i++) {
    const instance = startInstance(`instance-${i}`, await freePort(), shared);
    instances.push(instance);
    if (i === 1) await waitForHealth(instance);
  }
  await Promise.all(instances.map(waitForHealth));

  const lb: LoadBalancer = await startLoadBalancer({ backends: instances.map((i) => i.url), port });
  cleanups.push(() => lb.close());
  for (const instance of instances) {
    void instance.exited.then((code) => {
      if (!stopping)
        console.log(`[${instance.id}] gestopt (exit code ${code}); de load balancer slaat het over.`);
    });
  }

  console.log('');
  console.log(`KCC-cluster draait: ${publicUrl}  (load balancer, round robin)`);
  for (const instance of instances) {
    const health = (await (await fetch(`${instance.url}/health`)).json()) as { routingLeader?: boolean };
    console.log(`  ${instance.id}  ${instance.url}${health.routingLeader ? '  (routing-leider)' : ''}`);
  }
  console.log(`  PostgreSQL ${pgUrl}`);
  console.log(`  Redis      ${redisUrl}`);
  console.log('Stoppen: Ctrl-C');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // tsx passes the terminal's Ctrl-C on too: the second one changes nothing.
    if (stopping) return;
    console.log('\nHet cluster stopt…');
    void stopAll().then(() => process.exit(0));
  });
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await stopAll();
  process.exit(1);
});
