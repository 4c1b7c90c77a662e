/**
 * Co-browse relay on several instances (issue 12, issue 10 §3): latency of one `cobrowse:events` part from the
 * resident's socket to the agent's pane, with both on one instance (state in memory) and with the resident on
 * instance A and the pane on instance B (Redis: shared state and the socket.io Redis Streams adapter). Floor in the
 * same run: a bare socket.io echo round trip with the same payload. Servers, Redis and clients run on this
 * machine; servers and clients share this process (one event loop, like the floor).
 *
 *   npx tsx apps/server/bench/cobrowse-relay.bench.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { CobrowseInvite } from '@kcc/contracts/cobrowse';
import { ack, COBROWSE_ENV, connectResident, next, onACall } from '../test-support/cobrowse-kit';
import { createFakeKlantinteracties } from '../test-support/fake-klantinteracties';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { startTwoInstances } from '../test-support/two-instances';
import {
  isMain,
  percentile,
  round,
  runDirectly,
  sortedCopy,
  type BenchResult,
  type BenchRow,
} from './bench-util';

export const RELAY_ROWS = {
  oneP50: 'Relay resident → pane, one instance, p50',
  oneP99: 'Relay resident → pane, one instance, p99',
  crossP50: 'Relay resident on A → pane on B (Redis), p50',
  crossP99: 'Relay resident on A → pane on B (Redis), p99',
  floorP50: 'Floor: socket.io echo round trip, p50',
  floorP99: 'Floor: socket.io echo round trip, p99',
} as const;

const WARMUP = 200;
const MEASURED = 2_000;
/** About one rrweb batch of a typed character with its mouse moves. */
const PART = JSON.stringify(
  Array.from({ length: 20 }, (_, i) => ({ type: 3, data: { source: 2, x: i, y: i } })),
);

/** One part at a time: send, wait for the pane to get it. Returns the latencies in ms after warm-up. */
async function measure(send: (seq: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let seq = 0; seq < WARMUP + MEASURED; seq++) {
    const started = performance.now();
    await send(seq);
    if (seq >= WARMUP) samples.push(performance.now() - started);
  }
  return samples;
}

/** A running session with the resident on `residentOn` and the pane on `paneOn`; returns the relay sender. */
async function relayBetween(
  servers: Record<string, TestServer>,
  residentOn: TestServer,
  paneName: string,
  sockets: Socket[],
): Promise<(seq: number) => Promise<void>> {
  const call = await onACall(servers, 'anna', `bench-${paneName}-${Date.now()}`);
  sockets.push(...call.sockets);
  const pane = call.panes[paneName]!;
  const resident = await connectResident(residentOn);
  sockets.push(resident);
  const code = await ack<{ code: string }>(resident, 'cobrowse:code');
  if (!code.ok) throw new Error(`code: ${code.error}`);
  const invited = next<CobrowseInvite>(resident, 'cobrowse:invite');
  const redeemed = await ack(pane, 'cobrowse:redeem', {
    contactId: call.contactIds[paneName],
    code: code.data.code,
  });
  if (!redeemed.ok) throw new Error(`redeem: ${redeemed.error}`);
  const { sessionId, token } = await invited;
  await ack(resident, 'cobrowse:join', { sessionId, token });
  await ack(resident, 'cobrowse:consent', { allow: true });
  return async (seq) => {
    const arrived = next<{ seq: number }>(pane, 'cobrowse:events', (p) => p.seq === seq);
    resident.emit('cobrowse:events', { seq, part: PART, final: true });
    await arrived;
  };
}

async function echoFloor(): Promise<number[]> {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  io.on('connection', (socket) =>
    socket.on('echo', (payload: unknown, cb: (p: unknown) => void) => cb(payload)),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const client = ioClient(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, {
    transports: ['websocket'],
  });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  try {
    return await measure(async (seq) => {
      await client.emitWithAck('echo', { seq, part: PART, final: true });
    });
  } finally {
    client.disconnect();
    await new Promise<void>((resolve) => void io.close(() => resolve()));
  }
}

const rows = (p50Name: string, p99Name: string, samples: number[], note: string): BenchRow[] => {
  const sorted = sortedCopy(samples);
  return [
    { name: p50Name, value: round(percentile(sorted, 50), 2), unit: 'ms', note },
    { name: p99Name, value: round(percentile(sorted, 99), 2), unit: 'ms', note },
  ];
};

export async function runCobrowseRelayBench(): Promise<BenchResult> {
  const sockets: Socket[] = [];
  const floor = await echoFloor();

  const single = await startTestServer(
    { ...COBROWSE_ENV, KCC_LOG_LEVEL: 'warn' },
    {
      klantinteracties: createFakeKlantinteracties(),
    },
  );
  let one: number[];
  try {
    one = await measure(await relayBetween({ only: single }, single, 'only', sockets));
  } finally {
    for (const s of sockets.splice(0)) s.disconnect();
    await single.stop();
  }

  const cluster = await startTwoInstances(COBROWSE_ENV, {
    a: { klantinteracties: createFakeKlantinteracties() },
    b: { klantinteracties: createFakeKlantinteracties() },
  });
  let cross: number[];
  try {
    cross = await measure(await relayBetween({ a: cluster.a, b: cluster.b }, cluster.a, 'b', sockets));
  } finally {
    for (const s of sockets.splice(0)) s.disconnect();
    await cluster.stop();
  }

  const n = `${MEASURED} parts of ${PART.length} chars, one at a time, after ${WARMUP} warm-up`;
  return {
    rows: [
      ...rows(RELAY_ROWS.oneP50, RELAY_ROWS.oneP99, one, `${n}; state in memory`),
      ...rows(RELAY_ROWS.crossP50, RELAY_ROWS.crossP99, cross, `${n}; shared state and adapter in Redis`),
      ...rows(RELAY_ROWS.floorP50, RELAY_ROWS.floorP99, floor, `${n}; bare socket.io server, same process`),
    ],
  };
}

if (isMain(import.meta.url)) runDirectly('Co-browse relay on several instances', runCobrowseRelayBench);
