/**
 * Chat benchmark (issue 3): resident → agent message latency (`chat:message` on /citizen until
 * `contact:message-added` arrives on the agent's /agent socket), p50 and p99, with 500 concurrent chats that are
 * all answered (100 agents × 5 chats). In the same run, the floor: a bare socket.io echo round trip from 500
 * sockets at the same rate and payload size. Servers run in their own processes; all clients share this one.
 *
 *   npx tsx apps/server/bench/chat.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { CitizenClientToServerEvents, CitizenServerToClientEvents } from '@kcc/contracts/channels';
import type { AgentClientToServerEvents, AgentServerToClientEvents } from '@kcc/contracts/realtime';
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
import { startEchoProcess, startServerProcess } from './processes';
import { benchServerEnv, seedBenchStore } from './seed';

type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;
type CitizenSocket = Socket<CitizenServerToClientEvents, CitizenClientToServerEvents>;

const CHATS = Number(process.env.CHAT_BENCH_CHATS ?? 500);
const AGENTS = Math.ceil(CHATS / 5);
const RATE = Number(process.env.CHAT_BENCH_RATE ?? 250);
const MESSAGES = Number(process.env.CHAT_BENCH_MESSAGES ?? 2500);
const WARMUP = 200;
const KEY = 'bench-integratie-sleutel';
const TEXT = 'Goedemorgen, ik heb een vraag over de ophaaldag van het grofvuil in mijn wijk. ';

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timeout: ${what}`);
    await sleep(20);
  }
}

function connect<S extends Socket>(url: string, opts: Parameters<typeof ioClient>[1]): Promise<S> {
  const socket = ioClient(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...opts,
  }) as unknown as S;
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function summary(prefix: string, samples: number[], note: string): BenchRow[] {
  const sorted = sortedCopy(samples);
  return [
    { name: `${prefix}, p50`, value: round(percentile(sorted, 50), 2), unit: 'ms', note },
    { name: `${prefix}, p99`, value: round(percentile(sorted, 99), 2), unit: 'ms', note },
  ];
}

async function floor(): Promise<BenchRow[]> {
  const echo = await startEchoProcess();
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < CHATS; i++) sockets.push(await connect<Socket>(echo.url, {}));
    const rtt: (number | undefined)[] = [];
    let received = 0;
    await openLoop(MESSAGES, RATE, (i) => {
      const sentAt = performance.now();
      (sockets[i % sockets.length] as Socket).emit('echo', { text: `${TEXT}${i}` }, () => {
        rtt[i] = performance.now() - sentAt;
        received++;
      });
    });
    await waitFor(() => received === MESSAGES, 15_000, 'echo replies');
    const measured = rtt.slice(WARMUP).filter((v): v is number => v !== undefined);
    return summary('Floor: bare socket.io echo round trip', measured, `${CHATS} sockets, ${RATE} msg/s`);
  } finally {
    for (const s of sockets) s.disconnect();
    await echo.stop();
  }
}

async function chat(): Promise<{ rows: BenchRow[]; loopP99: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-chat-bench-'));
  const seeded = await seedBenchStore(dataDir, { agents: AGENTS, capacity: { chat: 5 } });
  const server = await startServerProcess(
    benchServerEnv(dataDir, seeded.tokenSecret, KEY, {
      KCC_WIDGET_ORIGINS: '*',
      KCC_CHAT_MAX_CONNECTIONS_PER_IP: String(CHATS * 2),
      KCC_CHAT_CONNECTIONS_PER_IP_PER_MINUTE: String(CHATS * 4),
      KCC_CHAT_STARTS_PER_IP_PER_MINUTE: String(CHATS * 2),
      KCC_CHAT_MESSAGES_PER_MINUTE: '10000',
    }),
  );
  const agents: AgentSocket[] = [];
  const residents: CitizenSocket[] = [];
  try {
    let accepted = 0;
    const sentAt = new Map<string, number>();
    const latency: number[] = [];
    let seen = 0;
    for (const a of seeded.agents) {
      const socket = await connect<AgentSocket>(`${server.url}/agent`, { auth: { token: a.token } });
      socket.on('contact:offered', (offer) => {
        socket.emit('offer:accept', { offerId: offer.offerId }, (res) => {
          if (res.ok) accepted++;
        });
      });
      (
        socket as unknown as {
          on(e: string, fn: (p: { message: { body: string; direction: string } }) => void): void;
        }
      ).on('contact:message-added', ({ message }) => {
        if (message.direction !== 'in') return;
        const t0 = sentAt.get(message.body);
        if (t0 === undefined) return;
        const index = Number(message.body.slice(TEXT.length));
        if (index >= WARMUP) latency.push(performance.now() - t0);
        seen++;
      });
      await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
      agents.push(socket);
    }
    for (let i = 0; i < CHATS; i++) {
      const resident = await connect<CitizenSocket>(`${server.url}/citizen`, {
        extraHeaders: { origin: 'https://gemeente.example' },
      });
      const res = await resident.emitWithAck('chat:start', { name: `Inwoner ${i}` });
      if (!res.ok) throw new Error(`chat:start failed: ${res.error}`);
      residents.push(resident);
    }
    await waitFor(() => accepted === CHATS, 30_000, `all ${CHATS} chats answered (got ${accepted})`);
    const { p99Ms } = await withLoopDelay(async () => {
      await openLoop(MESSAGES, RATE, (i) => {
        const text = `${TEXT}${i}`;
        sentAt.set(text, performance.now());
        (residents[i % residents.length] as CitizenSocket).emit('chat:message', { text }, () => undefined);
      });
      await waitFor(() => seen === MESSAGES, 20_000, `all messages at the agents (got ${seen})`);
    });
    return {
      rows: [
        ...summary(
          'Chat: resident chat:message → agent contact:message-added',
          latency,
          `${CHATS} concurrent answered chats, ${AGENTS} agents, ${RATE} msg/s, stored before push`,
        ),
        {
          name: 'Chat: messages measured',
          value: latency.length,
          unit: 'messages',
          note: `after ${WARMUP} warm-up`,
        },
      ],
      loopP99: p99Ms,
    };
  } finally {
    for (const s of residents) s.disconnect();
    for (const s of agents) s.disconnect();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runChatBench(): Promise<BenchResult> {
  const measured = await chat();
  const floorRows = await floor();
  return {
    rows: [
      ...measured.rows,
      ...floorRows,
      {
        name: 'Client event-loop delay during chat load, p99',
        value: round(measured.loopP99, 1),
        unit: 'ms',
        note: 'load generator noise',
      },
    ],
  };
}

if (isMain(import.meta.url)) runDirectly('Chat message latency (issue 3)', runChatBench);
