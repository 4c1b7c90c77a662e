import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erlangCAverageSpeedOfAnswer, erlangCServiceLevel } from '@kcc/routing';
import { exponential, mulberry32 } from '@kcc/routing/simulator';
import { openDatabase } from '../../store/db';
import { INTEGRATION_KEY, startTestServer, tempDataDir, type TestServer } from '../../testing/test-server';
import { createSqliteQueuesRepository } from '../queues/queues.repository';
import { simUsername, SIM_AGENT_PASSWORD } from './sim-agents';
import { sendInbound, SimAgent } from './simulation/sim-agent';
import { connectDashboard } from './testing/dashboard-client';

/**
 * The M/M/N check (docs/service-level.md): one queue, N bot agents over the real `/agent` socket and
 * registration route, Poisson arrivals through `/api/inbound`, exponential handle times, no nawerk, accept at once.
 * Time is compressed (mean handle 0.2 s) so ~1200 contacts fit in a minute. With a fixed seed the sample path
 * is fixed: the dashboard must match (a) the exact FCFS waits of that same sample path closely (server
 * fidelity) and (b) Erlang C within 2 percentage points (service level) and 2 % of the handle time (ASA).
 */
const N = 8;
const MEAN_HANDLE_S = 0.2;
const LOAD = 4; // Erlang: utilisation 50 %
const T_S = 0.02; // service level threshold: T/h = 0.1
const CONTACTS = 1200;
const SEED = 20_260_601;
const RATE = LOAD / MEAN_HANDLE_S; // 20 contacts per second

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

let server: TestServer;
const agents: SimAgent[] = [];

beforeAll(async () => {
  const dataDir = tempDataDir();
  // First start creates the store; then the M/M/N queue and its bot agents are configured and the server restarts
  // (queues are loaded at start).
  const first = await startTestServer({}, { simAgents: N }, dataDir);
  await first.close();
  const db = openDatabase(dataDir);
  const queues = createSqliteQueuesRepository(db);
  queues.upsert(
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
    const profile = queues.agentProfile(id);
    if (profile) queues.upsertAgentProfile({ ...profile, queueIds: ['mmn'] });
  }
  db.close();
  server = await startTestServer({ KCC_WRAP_UP_MS: '0' }, { simAgents: N }, dataDir);
}, 60_000);

afterAll(async () => {
  for (const a of agents) a.stop();
  await server?.stop();
});

describe('M/M/N: the dashboard against Erlang C', () => {
  it(
    'service level within 2 percentage points and ASA within 2 % of the handle time',
    async () => {
      const random = mulberry32(SEED);
      const arrivals: number[] = [];
      const services: number[] = [];
      let t = 0;
      for (let i = 0; i < CONTACTS; i++) {
        t += exponential(random, 1 / RATE);
        arrivals.push(t);
        services.push(exponential(random, MEAN_HANDLE_S));
      }
      const handleOf = new Map(services.map((s, i) => [`mmn-${i}`, s * 1000]));

      let registered = 0;
      const errors: unknown[] = [];
      for (let i = 1; i <= N; i++) {
        const agent = new SimAgent(
          server.url,
          simUsername(i),
          SIM_AGENT_PASSWORD,
          {
            handleMs: (contact) => handleOf.get(contact.externalId) ?? 0,
            gespreksresultaat: () => 'zelfstandig_afgehandeld',
            onderwerp: () => 'Simulatie',
          },
          { onRegistered: () => registered++, onError: (_id, what, err) => errors.push([what, err]) },
        );
        agents.push(agent);
        await agent.start();
      }

      // Arrivals at their absolute sampled times (no drift from timer lateness).
      const t0 = performance.now() + 200;
      const sends: Promise<string>[] = [];
      await new Promise<void>((resolve) => {
        let i = 0;
        const next = () => {
          while (i < CONTACTS && (arrivals[i] ?? 0) * 1000 <= performance.now() - t0) {
            sends.push(sendInbound(server.url, INTEGRATION_KEY, { channel: 'telefoon', externalId: `mmn-${i}`, queue: 'mmn' }));
            i++;
          }
          if (i >= CONTACTS) return resolve();
          setTimeout(next, Math.max(0, t0 + (arrivals[i] ?? 0) * 1000 - performance.now()));
        };
        next();
      });
      await Promise.all(sends);
      const deadline = Date.now() + 30_000;
      while (registered < CONTACTS && Date.now() < deadline && errors.length === 0) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(errors).toEqual([]);
      expect(registered).toBe(CONTACTS);

      const view = await connectDashboard(server.url, await server.login('tess'));
      await view.waitFor((v) => v.queues.get('mmn')?.today.handled === CONTACTS, 5000, 'all handled');
      const q = view.queues.get('mmn');
      view.socket.disconnect();
      if (!q) throw new Error('queue missing');
      expect(q.today).toMatchObject({ offered: CONTACTS, answered: CONTACTS, abandoned: 0 });
      const sl = q.today.serviceLevel ?? NaN;
      const asa = q.today.asaSeconds ?? NaN;

      const waits = fcfsWaits(arrivals, services, N);
      const pathSl = waits.filter((w) => w <= T_S).length / CONTACTS;
      const pathAsa = waits.reduce((a, b) => a + b, 0) / CONTACTS;
      const erlangSl = erlangCServiceLevel(LOAD, N, MEAN_HANDLE_S, T_S);
      const erlangAsa = erlangCAverageSpeedOfAnswer(LOAD, N, MEAN_HANDLE_S);
      const summary = { sl, pathSl, erlangSl, asa, pathAsa, erlangAsa, aht: q.today.ahtSeconds };
      console.info('M/M/N', JSON.stringify(summary));

      expect(Math.abs(sl - pathSl), JSON.stringify(summary)).toBeLessThanOrEqual(0.015);
      expect(Math.abs(sl - erlangSl), JSON.stringify(summary)).toBeLessThanOrEqual(0.02);
      expect(Math.abs(asa - erlangAsa), JSON.stringify(summary)).toBeLessThanOrEqual(0.02 * MEAN_HANDLE_S);
    },
    150_000,
  );
});
