/**
 * Loopback benchmark (issue 2 §9): inbound webhook POST → `contact:offered` received by an agent, p50 and p99,
 * at an open-loop 50 contacts/s with 200 connected agents that accept, register and go `beschikbaar` again.
 * In the same run, the floor: a bare socket.io echo round trip at the same rate with the same payload.
 * The sync server and the echo server each run in their own child process; all clients share this process.
 *
 *   npx tsx apps/server/bench/loopback.bench.ts
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { AgentClientToServerEvents, AgentServerToClientEvents } from '@kcc/contracts/realtime';
import type { InboundRequest, RegistrationRequest } from '@kcc/contracts/rest';
import { DEFAULT_CAPACITY } from '@kcc/routing';
import {
  isMain,
  openLoop,
  percentile,
  round,
  runDirectly,
  sleep,
  sortedCopy,
  withLoopDelay,
  type BenchResult,
  type BenchRow,
} from './bench-util';
import { commitLatency } from './disk-probe';
import { processCpuMs, startEchoProcess, startServerProcess } from './processes';
import { benchDbSynchronous, benchServerEnv, seedBenchStore, type BenchAgent } from './seed';

type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

export const LOOPBACK_ROWS = {
  p50: 'Loopback: inbound POST → contact:offered, p50',
  p99: 'Loopback: inbound POST → contact:offered, p99',
  floorP50: 'Floor: socket.io echo round trip, p50',
  floorP99: 'Floor: socket.io echo round trip, p99',
  limit: 'Loopback goal limit: 3 × floor p99 + 5 ms',
} as const;

const RATE = 50;
const AGENTS = 200;
const WARMUP = 100;
const MEASURED = 1_000;
const INTEGRATION_KEY = `bench-${randomUUID()}`;
const GESPREKSRESULTAAT = 'zelfstandig_afgehandeld';

/** How long an agent keeps a chat before registering it: 1–3 s, spread deterministically. */
const holdMs = (seq: number) => 1000 + ((seq * 7919) % 2000);

function inboundBody(runId: string, seq: number): InboundRequest {
  return {
    channel: 'chat',
    externalId: `bench-${runId}-${seq}`,
    subject: `bench-${seq}`,
    from: { name: `Inwoner ${seq}`, email: `inwoner${seq}@example.nl` },
    body: 'Goedemiddag, ik ben mijn afvalpas kwijt. Hoe kan ik een nieuwe aanvragen?',
  };
}

function request(
  agent: http.Agent,
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function connect<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await sleep(20);
}

interface Phase {
  latencies: number[];
  missing: number;
  lagP99: number;
  loopP99: number;
  seconds: number;
  /** CPU time the server process used while the schedule ran, ms (Linux only). */
  serverCpuMs: number | undefined;
}

function cpuSince(pid: number, before: number | undefined): number | undefined {
  const after = processCpuMs(pid);
  return before === undefined || after === undefined ? undefined : after - before;
}

/** The floor: one socket.io client against a bare echo server in a child process. */
async function measureFloor(runId: string): Promise<Phase> {
  const echo = await startEchoProcess();
  const socket = await connect(
    ioClient(echo.url, { transports: ['websocket'], reconnection: false, forceNew: true }),
  );
  try {
    const total = WARMUP + MEASURED;
    const rtt = new Array<number | undefined>(total);
    let received = 0;
    const cpuBefore = processCpuMs(echo.pid);
    const started = performance.now();
    const { result, p99Ms } = await withLoopDelay(async () => {
      const { lagMs } = await openLoop(total, RATE, (i) => {
        const payload = inboundBody(runId, i);
        const sentAt = performance.now();
        socket.emit('echo', payload, () => {
          rtt[i] = performance.now() - sentAt;
          received++;
        });
      });
      await waitFor(() => received === total, 10_000);
      return lagMs;
    });
    const measured = rtt.slice(WARMUP).filter((v): v is number => v !== undefined);
    return {
      latencies: measured,
      missing: MEASURED - measured.length,
      lagP99: percentile(sortedCopy(result), 99),
      loopP99: p99Ms,
      seconds: (performance.now() - started) / 1000,
      serverCpuMs: cpuSince(echo.pid, cpuBefore),
    };
  } finally {
    socket.disconnect();
    await echo.stop();
  }
}

interface AgentFlowStats {
  accepted: number;
  registered: number;
  /** Offers the server took back before the accept landed (e.g. the agent went into nawerk meanwhile). */
  withdrawn: number;
  expired: number;
  /** Accepts answered `taken`/`expired`: the expected answer after a withdrawal. */
  acceptRefused: number;
  errors: string[];
  /** Chats still running when the bench shut down (their failures after that are not errors). */
  unfinished: number;
  closing: boolean;
}

/** An agent as the workplace drives it: accept every offer, keep the chat a while, register, beschikbaar again. */
function driveAgent(
  socket: AgentSocket,
  agent: BenchAgent,
  baseUrl: string,
  http_: http.Agent,
  onOffered: (seq: number) => void,
  stats: AgentFlowStats,
  pending: Set<Promise<void>>,
): void {
  socket.on('offer:revoked', (event) => {
    if (event.reason === 'withdrawn') stats.withdrawn++;
    else if (event.reason === 'expired') stats.expired++;
  });
  socket.on('contact:offered', (event) => {
    const seq = Number(/^bench-(\d+)$/.exec(event.contact.subject ?? '')?.[1] ?? Number.NaN);
    if (Number.isFinite(seq)) onOffered(seq);
    const flow = (async () => {
      const accepted = await socket.emitWithAck('offer:accept', { offerId: event.offerId });
      if (!accepted.ok) {
        if (accepted.error === 'taken' || accepted.error === 'expired') stats.acceptRefused++;
        else stats.errors.push(`accept: ${accepted.error}`);
        return;
      }
      stats.accepted++;
      await sleep(holdMs(Number.isFinite(seq) ? seq : 0));
      const body: RegistrationRequest = {
        onderwerp: 'Afvalpas kwijt',
        inhoud: 'Inwoner is de afvalpas kwijt en wil een nieuwe.',
        reactie: 'Nieuwe pas aangevraagd via het webformulier.',
        gespreksresultaat: GESPREKSRESULTAAT,
      };
      const res = await request(http_, `${baseUrl}/api/contacts/${event.contact.id}/registration`, body, {
        authorization: `Bearer ${agent.token}`,
        'idempotency-key': randomUUID(),
      });
      if (res.status !== 201) {
        stats.errors.push(`registration ${res.status}: ${res.text.slice(0, 200)}`);
        return;
      }
      stats.registered++;
      // Ends nawerk early, as an agent who is ready for the next contact does.
      const presence = await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
      if (!presence.ok) stats.errors.push(`presence: ${presence.error}`);
    })().catch((err: unknown) => {
      if (!stats.closing) stats.errors.push(String(err));
    });
    pending.add(flow);
    void flow.finally(() => pending.delete(flow));
  });
}

type LoopbackPhase = Phase & { stats: AgentFlowStats; inboundP99: number };

async function measureLoopback(runId: string): Promise<LoopbackPhase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-bench-loopback-'));
  try {
    return await loopbackIn(dataDir, runId);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function loopbackIn(dataDir: string, runId: string): Promise<LoopbackPhase> {
  const seeded = await seedBenchStore(dataDir, { agents: AGENTS, capacity: { ...DEFAULT_CAPACITY } });
  const server = await startServerProcess(benchServerEnv(dataDir, seeded.tokenSecret, INTEGRATION_KEY));
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const sockets: AgentSocket[] = [];
  const stats: AgentFlowStats = {
    accepted: 0,
    registered: 0,
    withdrawn: 0,
    expired: 0,
    acceptRefused: 0,
    errors: [],
    unfinished: 0,
    closing: false,
  };
  const pending = new Set<Promise<void>>();
  const total = WARMUP + MEASURED;
  const sentAt = new Array<number | undefined>(total);
  const offeredAt = new Array<number | undefined>(total);
  const inboundMs: number[] = [];
  let offered = 0;
  try {
    // Connect in small batches, as a shift start would, and make every agent available.
    for (let i = 0; i < seeded.agents.length; i += 20) {
      await Promise.all(
        seeded.agents.slice(i, i + 20).map(async (agent) => {
          const socket: AgentSocket = await connect(
            ioClient(`${server.url}/agent`, {
              auth: { token: agent.token },
              transports: ['websocket'],
              reconnection: false,
              forceNew: true,
            }),
          );
          sockets.push(socket);
          driveAgent(
            socket,
            agent,
            server.url,
            httpAgent,
            (seq) => {
              if (seq < total && offeredAt[seq] === undefined) {
                offeredAt[seq] = performance.now();
                offered++;
              }
            },
            stats,
            pending,
          );
          const ack = await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
          if (!ack.ok) throw new Error(`presence:set failed for ${agent.username}: ${ack.error}`);
        }),
      );
    }

    const cpuBefore = processCpuMs(server.pid);
    const started = performance.now();
    const { result, p99Ms } = await withLoopDelay(async () => {
      const { lagMs } = await openLoop(total, RATE, (i) => {
        const body = inboundBody(runId, i);
        sentAt[i] = performance.now();
        request(httpAgent, `${server.url}/api/inbound`, body, { 'x-integration-key': INTEGRATION_KEY }).then(
          (res) => {
            inboundMs.push(performance.now() - (sentAt[i] ?? 0));
            if (res.status !== 201) stats.errors.push(`inbound ${res.status}: ${res.text.slice(0, 200)}`);
          },
          (err: unknown) => stats.errors.push(`inbound: ${String(err)}`),
        );
      });
      await waitFor(() => offered === total, 10_000);
      return lagMs;
    });
    const seconds = (performance.now() - started) / 1000;
    const serverCpuMs = cpuSince(server.pid, cpuBefore);
    // Let the running chats finish so errors in accept/registration are counted.
    await waitFor(() => pending.size === 0, 10_000);
    stats.unfinished = pending.size;

    const latencies: number[] = [];
    for (let i = WARMUP; i < total; i++) {
      const s = sentAt[i];
      const o = offeredAt[i];
      if (s !== undefined && o !== undefined) latencies.push(o - s);
    }
    return {
      latencies,
      missing: MEASURED - latencies.length,
      lagP99: percentile(sortedCopy(result), 99),
      loopP99: p99Ms,
      seconds,
      serverCpuMs,
      stats,
      inboundP99: percentile(sortedCopy(inboundMs), 99),
    };
  } finally {
    stats.closing = true;
    for (const s of sockets) s.disconnect();
    httpAgent.destroy();
    await server.stop();
  }
}

export async function runLoopbackBench(): Promise<BenchResult> {
  const runId = randomUUID().slice(0, 8);
  const floor = await measureFloor(runId);
  const diskBefore = commitLatency();
  const loop = await measureLoopback(runId);
  const diskAfter = commitLatency();

  const f = sortedCopy(floor.latencies);
  const l = sortedCopy(loop.latencies);
  const floorP99 = percentile(f, 99);
  const p99 = percentile(l, 99);
  const limit = 3 * floorP99 + 5;
  const total = WARMUP + MEASURED;
  const perContact = (p: Phase) => (p.serverCpuMs === undefined ? Number.NaN : p.serverCpuMs / total);
  const cpuShare = (p: Phase) =>
    p.serverCpuMs === undefined ? 'n/a' : `${round((100 * p.serverCpuMs) / (p.seconds * 1000))} %`;
  const client = (p: Phase) =>
    `client event-loop delay p99 ${round(p.loopP99, 1)} ms, send lag p99 ${round(p.lagP99, 1)} ms`;
  const rows: BenchRow[] = [
    {
      name: LOOPBACK_ROWS.p50,
      value: round(percentile(l, 50), 2),
      unit: 'ms',
      note: `${l.length} contacts at ${RATE}/s open loop after ${WARMUP} warm-up, ${AGENTS} agents connected; server in a child process`,
    },
    {
      name: LOOPBACK_ROWS.p99,
      value: round(p99, 2),
      unit: 'ms',
      note: `max ${round(l[l.length - 1] ?? Number.NaN, 1)} ms; ${loop.missing} offers missing; ${client(loop)}`,
    },
    {
      name: 'Loopback: inbound POST response time, p99',
      value: round(loop.inboundP99, 2),
      unit: 'ms',
      note: '201 after the contact is committed (all contacts incl. warm-up)',
    },
    {
      name: 'Loopback: agent flows completed',
      value: loop.stats.registered,
      unit: 'registrations',
      note:
        `${loop.stats.accepted} accepted; ${loop.stats.withdrawn} offers withdrawn and ${loop.stats.expired} expired ` +
        `(${loop.stats.acceptRefused} accepts answered taken/expired, then offered to another agent); ` +
        `${loop.stats.unfinished} still running at the end; ${loop.stats.errors.length} errors${loop.stats.errors[0] ? ` (first: ${loop.stats.errors[0]})` : ''}; ` +
        'chats held 1–3 s, then registered and beschikbaar again',
    },
    {
      name: LOOPBACK_ROWS.floorP50,
      value: round(percentile(f, 50), 2),
      unit: 'ms',
      note: `${f.length} round trips at ${RATE}/s, same JSON payload, bare socket.io server in a child process`,
    },
    {
      name: LOOPBACK_ROWS.floorP99,
      value: round(floorP99, 2),
      unit: 'ms',
      note: `max ${round(f[f.length - 1] ?? Number.NaN, 1)} ms; ${floor.missing} missing; ${client(floor)}`,
    },
    {
      name: 'Loopback: server CPU per contact',
      value: round(perContact(loop), 2),
      unit: 'ms',
      note: `${cpuShare(loop)} of one core while the schedule ran (inbound, routing, accept, registration, presence; user + system time from /proc)`,
    },
    {
      name: 'Floor: echo server CPU per round trip',
      value: round(perContact(floor), 3),
      unit: 'ms',
      note: `${cpuShare(floor)} of one core`,
    },
    {
      name: 'Disk: one durable commit (WAL, synchronous = FULL), p50',
      value: round((diskBefore.p50 + diskAfter.p50) / 2, 2),
      unit: 'ms',
      note: `p50 ${round(diskBefore.p50, 2)} ms before and ${round(diskAfter.p50, 2)} ms after the loopback phase; p99 ${round(diskBefore.p99, 1)} / ${round(diskAfter.p99, 1)} ms. With KCC_DB_SYNCHRONOUS=full (this run: ${benchDbSynchronous()}) every answer waits for an fsync like this, run off the event loop and shared by the commits made meanwhile`,
    },
    {
      name: LOOPBACK_ROWS.limit,
      value: round(limit, 2),
      unit: 'ms',
      note: `goal p99 ≤ limit: ${p99 <= limit ? 'met' : 'NOT met'} (p99 ${round(p99, 2)} ms)`,
    },
  ];
  return { rows };
}

if (isMain(import.meta.url)) runDirectly('Loopback', runLoopbackBench);
