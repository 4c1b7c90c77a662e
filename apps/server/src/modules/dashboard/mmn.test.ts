import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ContactOfferedEvent } from '@kcc/contracts/realtime';
import { erlangCAverageSpeedOfAnswer, erlangCServiceLevel } from '@kcc/routing';
import { exponential, mulberry32 } from '@kcc/routing/simulator';
import { createServer, type RunningServer } from '../../app';
import { loadConfig } from '../../config';
import { openDatabase } from '../../store/db';
import { openStore } from '../../store/store';
import { TestClock } from '../../../test-support/test-clock';
import { bearer, tempDataDir } from '../../../test-support/test-server';
import { createQueuesRepository } from '../queues';
import { SIM_AGENT_PASSWORD, simUsername } from './sim-agents';
import { connectDashboard } from '../../../test-support/dashboard-client';
import { localDay, startOfDayAmsterdam } from './local-day';
import { login } from '../../../test-support/simulation/sim-agent';

/**
 * The M/M/N check (docs/service-level.md): one queue, N bot agents over the real `/agent` socket and
 * registration route, Poisson arrivals through `/api/inbound`, exponential handle times, no nawerk, accept at once.
 * Time is the server's injected clock, standing still except when the test moves it: every arrival and every
 * registration happens at its sampled moment, whatever the machine's load. The seed is fixed, so the sample path
 * and its own sampling error are fixed (for this seed an ideal FCFS queue is 0.5 points from Erlang C; a random
 * path of 600 contacts is typically 2–3 points off at this load) and the check is reproducible. The dashboard must
 * equal the exact FCFS waits of the same sample path, and be within 2 percentage points of Erlang C (service level)
 * and 2 % of the mean handle time (ASA).
 */
const N = 8;
const MEAN_HANDLE_S = 60;
const LOAD = 5; // Erlang: utilisation 62.5 %
const T_S = 6; // service level threshold: T/h = 0.1
/** 600 by default; KCC_MMN_CONTACTS=20000 for a long run where sampling noise is well below 2 points. */
const CONTACTS = Number(process.env.KCC_MMN_CONTACTS ?? 600) || 600;
const SEED = 20_260_601;
const RATE = LOAD / MEAN_HANDLE_S; // contacts per second
const INTEGRATION_KEY = 'mmn-integratie-sleutel';

/** Exact waits of a FCFS queue with N servers for given arrivals and service times (Kiefer–Wolfowitz). */
function fcfsWaits(arrivals: number[], services: number[], servers: number): number[] {
  const free = new Array<number>(servers).fill(0);
  return arrivals.map((a, i) => {
    let k = 0;
    for (let j = 1; j < servers; j++) if ((free[j] ?? 0) < (free[k] ?? 0)) k = j;
    const start = Math.max(a, free[k] ?? 0);
    free[k] = start + (services[i] ?? 0);
    return start - a;
  });
}

// 08:00 tomorrow (Amsterdam): the sampled hours fall within one day, whenever the test runs.
const START = startOfDayAmsterdam(localDay(Date.now() + 86_400_000)) + 8 * 3600_000;
const clock = new TestClock({ frozenAt: START });
let server: RunningServer | undefined;
let dataDir = '';

function start(): Promise<RunningServer> {
  const config = loadConfig({
    KCC_PORT: '0',
    KCC_DATA_DIR: dataDir,
    KCC_LOG_LEVEL: 'silent',
    KCC_INTEGRATION_KEY: INTEGRATION_KEY,
    KCC_SMTP_PORT: '0',
    KCC_WRAP_UP_MS: '0',
    KCC_WORKPLACE_DIR: path.join(dataDir, 'no-workplace'),
  });
  return createServer(config, { simAgents: N, clock });
}

beforeAll(async () => {
  dataDir = tempDataDir();
  // The first start creates the store and the bot agents; then the M/M/N queue is configured and the server
  // restarts (queues are loaded at start).
  const first = await start();
  await first.close();
  const db = openDatabase(dataDir);
  const store = openStore({ sqlite: db });
  const queues = createQueuesRepository(store);
  await queues.upsert(
    {
      config: {
        id: 'mmn',
        name: 'M/M/N',
        channels: ['telefoon'],
        requiredSkills: [],
        priority: 1,
        servicenorm: { targetPercent: 80, withinSeconds: T_S },
        acceptTimeoutMs: 10_000,
        wrapUpMs: 0,
      },
      defaultForChannels: [],
    },
    99,
  );
  for (let i = 1; i <= N; i++) {
    const id = `user-${simUsername(i)}`;
    const profile = await queues.agentProfile(id);
    if (profile) await queues.upsertAgentProfile({ ...profile, queueIds: ['mmn'] });
  }
  await store.close();
  db.close();
  server = await start();
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Bot {
  token: string;
  socket: Socket;
}

describe('M/M/N: the dashboard against Erlang C', () => {
  it('equals the exact FCFS waits of its sample path; service level within 2 points and ASA within 2 % of Erlang C', async () => {
    if (!server) throw new Error('no server');
    const url = server.url;
    const random = mulberry32(SEED);
    const arrivals: number[] = [];
    const services: number[] = [];
    let t = 0;
    for (let i = 0; i < CONTACTS; i++) {
      t += exponential(random, 1 / RATE);
      arrivals.push(t);
      services.push(exponential(random, MEAN_HANDLE_S));
    }
    const serviceOf = new Map(services.map((s, i) => [`mmn-${i}`, s]));

    // The bots: each accepts every offer at once; the test registers the contact when its handle time is over.
    const completions: { at: number; contactId: string; bot: Bot }[] = [];
    let accepted: ((externalId: string) => void) | undefined;
    const bots: Bot[] = [];
    for (let i = 1; i <= N; i++) {
      const { token } = await login(url, simUsername(i), SIM_AGENT_PASSWORD);
      const socket = ioClient(`${url}/agent`, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const bot = { token, socket };
      socket.on('contact:offered', (event: ContactOfferedEvent) => {
        socket.emit(
          'offer:accept',
          { offerId: event.offerId },
          (ack: Ack<{ contact: { id: string; externalId: string } }>) => {
            if (!ack.ok) throw new Error(`accept refused: ${ack.error}`);
            const { id, externalId } = ack.data.contact;
            const handle = serviceOf.get(externalId) ?? 0;
            completions.push({ at: (clock.now() - START) / 1000 + handle, contactId: id, bot });
            accepted?.(externalId);
          },
        );
      });
      const ack = (await socket.emitWithAck('presence:set', { status: 'beschikbaar' })) as Ack;
      expect(ack.ok).toBe(true);
      bots.push(bot);
    }
    /** Routing decides within the request: when one is due, exactly one offer follows, and is accepted. */
    const nextAccept = () => new Promise<string>((resolve) => (accepted = resolve));

    // One event at a time in order of its moment: an arrival, or the end of a conversation.
    let free = N;
    let waiting = 0;
    let next = 0;
    while (next < CONTACTS || completions.length > 0) {
      completions.sort((a, b) => a.at - b.at);
      const done = completions[0];
      const arrival = next < CONTACTS ? (arrivals[next] ?? Infinity) : Infinity;
      if (done && done.at <= arrival) {
        completions.shift();
        clock.advance(Math.max(0, Math.round(START + done.at * 1000) - clock.now()));
        const offered = waiting > 0 ? nextAccept() : undefined;
        const res = await fetch(`${url}/api/contacts/${done.contactId}/registration`, {
          method: 'POST',
          headers: {
            ...bearer(done.bot.token),
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ onderwerp: 'Simulatie', gespreksresultaat: 'zelfstandig_afgehandeld' }),
        });
        expect(res.status).toBe(201);
        if (offered) {
          waiting--;
          await offered;
        } else free++;
      } else {
        clock.advance(Math.max(0, Math.round(START + arrival * 1000) - clock.now()));
        const offered = free > 0 ? nextAccept() : undefined;
        const res = await fetch(`${url}/api/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-integration-key': INTEGRATION_KEY },
          body: JSON.stringify({ channel: 'telefoon', externalId: `mmn-${next}`, from: {}, queue: 'mmn' }),
        });
        expect(res.status).toBe(201);
        next++;
        if (offered) {
          free--;
          expect(await offered).toBe(`mmn-${next - 1}`);
        } else waiting++;
      }
    }
    for (const bot of bots) bot.socket.disconnect();

    const view = await connectDashboard(url, (await login(url, 'tess', 'demo')).token);
    await view.waitFor((v) => v.queues.get('mmn')?.today.handled === CONTACTS, 'all handled');
    const q = view.queues.get('mmn');
    view.socket.disconnect();
    if (!q) throw new Error('queue missing');
    expect(q.today).toMatchObject({ offered: CONTACTS, answered: CONTACTS, abandoned: 0 });
    const sl = q.today.serviceLevel ?? NaN;
    const asa = q.today.asaSeconds ?? NaN;
    const aht = q.today.ahtSeconds ?? NaN;

    // The same sample path through an ideal FCFS queue: on a clock that only the samples move, the server's
    // figures are this path's exactly (up to the rounding of seconds in the figures).
    const waits = fcfsWaits(arrivals, services, N);
    const pathSl = waits.filter((w) => w <= T_S).length / CONTACTS;
    const pathAsa = waits.reduce((a, b) => a + b, 0) / CONTACTS;
    const pathAht = services.reduce((a, b) => a + b, 0) / CONTACTS;
    // Erlang C for the system run: the generator's arrival rate and the handle time the dashboard measured.
    const load = RATE * aht;
    const erlangSl = erlangCServiceLevel(load, N, aht, T_S);
    const erlangAsa = erlangCAverageSpeedOfAnswer(load, N, aht);
    const summary = JSON.stringify({ sl, pathSl, erlangSl, asa, pathAsa, erlangAsa, aht, pathAht, load });
    console.info('M/M/N', summary);

    expect(Math.abs(sl - pathSl), summary).toBeLessThanOrEqual(1 / CONTACTS);
    expect(Math.abs(asa - pathAsa), summary).toBeLessThanOrEqual(0.01);
    expect(Math.abs(aht - pathAht), summary).toBeLessThanOrEqual(0.01);
    expect(Math.abs(sl - erlangSl), summary).toBeLessThanOrEqual(0.02);
    expect(Math.abs(asa - erlangAsa), summary).toBeLessThanOrEqual(0.02 * MEAN_HANDLE_S);
  }, 600_000);
});
