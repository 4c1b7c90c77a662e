/**
 * Registration benchmark (issue 2 §9): durable registrations per second through the real route
 * (`POST /api/contacts/:id/registration` with Idempotency-Key), next to raw better-sqlite3 writes of exactly the
 * same rows in the same run.
 *
 * - in process: `app.inject` into a server built by `createServer` (auth, validation, the route's transaction,
 *   the routing service's follow-up commits), one registration after the other;
 * - over HTTP: the server in a child process, a few concurrent keep-alive clients;
 * - raw: every row the in-process run inserted or updated, written again into a copy of the database taken just
 *   before that run, one transaction per registration, prepared statements, the server's opener (WAL, foreign
 *   keys) and its background checkpointer, once with synchronous = FULL (an fsync per commit: what the server's
 *   default KCC_DB_SYNCHRONOUS=full guarantees before it answers) and once with NORMAL (what
 *   KCC_DB_SYNCHRONOUS=normal guarantees). The "vs raw" rows compare with the raw run of the same guarantee.
 *
 *   BENCH_DB_SYNCHRONOUS=normal npx tsx apps/server/bench/registration.bench.ts   # the server with =normal
 *
 *   npx tsx apps/server/bench/registration.bench.ts
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RegistrationRequest } from '@kcc/contracts/rest';
import { createServer } from '../src/app';
import { loadConfig } from '../src/config';
import { startCheckpointer } from '../src/store/checkpointer';
import { openDatabase } from '../src/store/db';
import { isMain, round, runDirectly, type BenchResult, type BenchRow } from './bench-util';
import { startServerProcess } from './processes';
import { describeRows, diffAgainst, replay } from './row-replay';
import { benchDbSynchronous, benchServerEnv, seedBenchStore, type AssignedContact } from './seed';

export const REGISTRATION_ROWS = {
  inProcess: 'Registration: durable registrations/s, in process',
  http: 'Registration: durable registrations/s, over HTTP',
  raw: 'Raw better-sqlite3: same rows, one transaction per registration',
  httpVsRaw: 'Registration over HTTP vs raw',
  inProcessVsRaw: 'Registration in process vs raw',
} as const;

const AGENTS = 20;
const WARMUP = 50;
/** On a disk with slow fsync the time box ends a phase; on a fast one, the supply. */
const CONTACTS = 6_000;
const PHASE_MS = 8_000;
const HTTP_CLIENTS = 4;
const INTEGRATION_KEY = `bench-${randomUUID()}`;
/** Restored assignments of (offline) agents stay with them for the whole run. */
const KEEP_ASSIGNMENTS = { KCC_RECONNECT_GRACE_MS: String(24 * 3600 * 1000) };

const BODY: RegistrationRequest = {
  onderwerp: 'Afvalpas kwijt',
  inhoud: 'Inwoner is de afvalpas kwijt en wil een nieuwe.',
  reactie: 'Nieuwe pas aangevraagd via het webformulier.',
  gespreksresultaat: 'zelfstandig_afgehandeld',
};

const tempDir = (tag: string) => fs.mkdtempSync(path.join(os.tmpdir(), `kcc-bench-${tag}-`));

async function seeded(dataDir: string) {
  // Capacity high enough that every seeded chat can be restored to its agent at server start.
  const capacity = { chat: Math.ceil(CONTACTS / AGENTS) + 1 };
  return seedBenchStore(dataDir, { agents: AGENTS, capacity, assignedContacts: CONTACTS });
}

interface InProcessResult {
  count: number;
  ms: number;
  rawMs: number;
  rawNormalMs: number;
  rows: ReturnType<typeof describeRows>;
}

async function inProcessAndRaw(): Promise<InProcessResult> {
  const dataDir = tempDir('registration');
  const rawDir = tempDir('registration-raw');
  try {
    return await inProcessAndRawIn(dataDir, rawDir);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(rawDir, { recursive: true, force: true });
  }
}

async function inProcessAndRawIn(dataDir: string, rawDir: string): Promise<InProcessResult> {
  const store = await seeded(dataDir);
  const config = loadConfig({
    ...benchServerEnv(dataDir, store.tokenSecret, INTEGRATION_KEY, KEEP_ASSIGNMENTS),
    KCC_PORT: '0',
    KCC_LOG_LEVEL: 'silent',
  });
  const server = await createServer(config);
  try {
    const register = async (c: AssignedContact) => {
      const res = await server.app.inject({
        method: 'POST',
        url: `/api/contacts/${c.id}/registration`,
        headers: { authorization: `Bearer ${c.agent.token}`, 'idempotency-key': randomUUID() },
        payload: BODY,
      });
      if (res.statusCode !== 201)
        throw new Error(`registration ${res.statusCode}: ${res.body.slice(0, 300)}`);
    };
    const queue = store.assigned.slice();
    for (const c of queue.splice(0, WARMUP)) await register(c);

    // The state the timed run starts from, for the raw baseline.
    const beforeFile = path.join(rawDir, 'before.sqlite');
    await server.db.backup(beforeFile);

    let count = 0;
    const started = performance.now();
    for (const c of queue) {
      await register(c);
      count++;
      if (performance.now() - started >= PHASE_MS) break;
    }
    const ms = performance.now() - started;

    const changes = diffAgainst(server.db, beforeFile);
    const rows = describeRows(changes, count);

    const rawMs = await replayCopy(beforeFile, path.join(rawDir, 'full'), changes, count, 'FULL');
    const rawNormalMs = await replayCopy(beforeFile, path.join(rawDir, 'normal'), changes, count, 'NORMAL');
    return { count, ms, rawMs, rawNormalMs, rows };
  } finally {
    await server.close();
  }
}

async function replayCopy(
  beforeFile: string,
  dir: string,
  changes: ReturnType<typeof diffAgainst>,
  count: number,
  synchronous: 'FULL' | 'NORMAL',
): Promise<number> {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(beforeFile, path.join(dir, 'kcc.sqlite'));
  // The server's own opener (WAL, foreign keys on, busy timeout) and its checkpoints off the writing thread.
  const db = openDatabase(dir, 'kcc.sqlite', { synchronous });
  const checkpointer = startCheckpointer(db, { warn: () => undefined });
  try {
    return replay(db, changes, count);
  } finally {
    await checkpointer.stop();
    db.close();
  }
}

function post(
  agent: http.Agent,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function overHttp(): Promise<{ count: number; ms: number; errors: number }> {
  const dataDir = tempDir('registration-http');
  try {
    return await overHttpIn(dataDir);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function overHttpIn(dataDir: string): Promise<{ count: number; ms: number; errors: number }> {
  const store = await seeded(dataDir);
  const server = await startServerProcess(
    benchServerEnv(dataDir, store.tokenSecret, INTEGRATION_KEY, KEEP_ASSIGNMENTS),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: HTTP_CLIENTS });
  const body = JSON.stringify(BODY);
  try {
    const queue = store.assigned.slice();
    const send = (c: AssignedContact) =>
      post(agent, `${server.url}/api/contacts/${c.id}/registration`, body, {
        authorization: `Bearer ${c.agent.token}`,
        'idempotency-key': randomUUID(),
      });
    for (const c of queue.splice(0, WARMUP)) {
      const status = await send(c);
      if (status !== 201) throw new Error(`warm-up registration answered ${status}`);
    }
    let count = 0;
    let errors = 0;
    const started = performance.now();
    const client = async () => {
      while (performance.now() - started < PHASE_MS) {
        const c = queue.shift();
        if (!c) return; // all seeded contacts registered before the time box ended
        if ((await send(c)) === 201) count++;
        else errors++;
      }
    };
    await Promise.all(Array.from({ length: HTTP_CLIENTS }, client));
    return { count, ms: performance.now() - started, errors };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

export async function runRegistrationBench(): Promise<BenchResult> {
  const local = await inProcessAndRaw();
  const remote = await overHttp();
  const perSecond = (n: number, ms: number) => (n * 1000) / ms;
  const inProcess = perSecond(local.count, local.ms);
  const raw = perSecond(local.count, local.rawMs);
  const rawNormal = perSecond(local.count, local.rawNormalMs);
  const overHttpRate = perSecond(remote.count, remote.ms);
  const mode = benchDbSynchronous();
  // The raw run that gives what the server promised before answering.
  const baseline = mode === 'full' ? raw : rawNormal;
  const modeNote = `server KCC_DB_SYNCHRONOUS=${mode}: compared with raw synchronous = ${mode.toUpperCase()}`;
  const rowsNote = `${round(local.rows.inserted, 2)} rows inserted + ${round(local.rows.updated, 2)} updated per registration (${local.rows.text})`;
  const rows: BenchRow[] = [
    {
      name: REGISTRATION_ROWS.inProcess,
      value: round(inProcess),
      unit: 'registrations/s',
      note: `${local.count} registrations in ${round(local.ms / 1000, 1)} s, one at a time through app.inject (full route incl. auth, routing and the wait for the fsync); KCC_DB_SYNCHRONOUS=${mode}`,
    },
    {
      name: REGISTRATION_ROWS.http,
      value: round(overHttpRate),
      unit: 'registrations/s',
      note: `${remote.count} × 201 in ${round(remote.ms / 1000, 1)} s, ${HTTP_CLIENTS} concurrent keep-alive clients, server in a child process; ${remote.errors} non-201`,
    },
    {
      name: REGISTRATION_ROWS.raw,
      value: round(raw),
      unit: 'transactions/s',
      note: `${local.count} transactions, WAL + synchronous = FULL (an fsync per commit: survives a power cut); ${rowsNote}`,
    },
    {
      name: 'Raw better-sqlite3, synchronous = NORMAL',
      value: round(rawNormal),
      unit: 'transactions/s',
      note: 'same rows; WAL without fsync per commit: survives kill -9, not a power cut',
    },
    {
      name: REGISTRATION_ROWS.httpVsRaw,
      value: round((100 * overHttpRate) / baseline, 1),
      unit: '% of raw',
      note: modeNote,
    },
    {
      name: REGISTRATION_ROWS.inProcessVsRaw,
      value: round((100 * inProcess) / baseline, 1),
      unit: '% of raw',
      note: modeNote,
    },
  ];
  return { rows };
}

if (isMain(import.meta.url)) runDirectly('Registration', runRegistrationBench);
