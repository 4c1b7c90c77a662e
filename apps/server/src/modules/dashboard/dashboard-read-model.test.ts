import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { DashboardDelta } from '@kcc/contracts/dashboard';
import type { Presence } from '@kcc/contracts/domain';
import type { Store } from '../../store/store';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import { contactsMigrations } from '../contacts/contacts.migrations';
import type { ContactsRepository, ContactsTables } from '../contacts/contacts.repository';
import { contactsUnitOfWork } from '../contacts/index';
import type { RoutingService } from '../routing/routing.service';
import { DashboardService } from './dashboard.service';
import { startOfDayAmsterdam } from './local-day';

/*
 * The read model on a real event log (SQLite and PostgreSQL) with a fixed clock, and a stand-in for the routing engine (one
 * queue, one agent), so "today" can be checked across midnight and after a restart.
 */

const MIN = 60_000;
const MIDNIGHT = startOfDayAmsterdam('2026-01-16'); // 2026-01-15T23:00:00Z
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function fakeRouting(presence: () => Presence): RoutingService {
  const queue = {
    id: 'algemeen',
    name: 'Algemeen',
    channels: ['telefoon'],
    servicenorm: { targetPercent: 80, withinSeconds: 30 },
  };
  const agent = { id: 'user-anna', skills: {}, capacity: { telefoon: 1 }, queueIds: [] };
  const fake = {
    queueIds: () => ['algemeen'],
    hasQueue: (id: string) => id === 'algemeen',
    queueConfig: (id: string) => (id === 'algemeen' ? queue : undefined),
    queueSnapshot: () => ({ waiting: 0, offered: 0, assigned: 0, oldestArrivedAt: undefined }),
    agentIds: () => ['user-anna'],
    isAgent: (id: string) => id === 'user-anna',
    agentConfig: (id: string) => (id === 'user-anna' ? agent : undefined),
    servedQueueIds: () => ['algemeen'],
    agentSnapshot: () => ({ presence: presence() }),
    agentState: () => ({ presence: presence(), since: new Date().toISOString() }),
    activeContactIds: () => [],
  };
  return fake as unknown as RoutingService;
}

let opened: OpenTestStore;
let store: Store;
let presence: Presence;
const services: DashboardService[] = [];

async function dashboard(
  throttleMs?: number,
): Promise<{ service: DashboardService; contacts: ContactsRepository }> {
  const { events, contacts } = contactsUnitOfWork(store, silent);
  const service = new DashboardService({
    routing: fakeRouting(() => presence),
    contacts,
    userName: () => undefined,
    events,
    log: silent,
    ...(throttleMs !== undefined ? { throttleMs } : {}),
  });
  await service.start();
  services.push(service);
  return { service, contacts };
}

async function arrive(contacts: ContactsRepository, id: string): Promise<void> {
  const now = Date.now();
  await contacts.transaction(async () => {
    await contacts.insertIfNew({
      id,
      channel: 'telefoon',
      externalId: id,
      queueId: 'algemeen',
      status: 'queued',
      priority: 0,
      from: {},
      createdAt: now,
    });
    await contacts.appendEvent({ contactId: id, type: 'created', at: now, data: { channel: 'telefoon' } });
    await contacts.appendEvent({ contactId: id, type: 'queued', at: now, data: { queueId: 'algemeen' } });
  });
}

async function setPresence(contacts: ContactsRepository, p: Presence): Promise<void> {
  const previous = presence;
  presence = p;
  await contacts.appendAgentEvent({
    agentId: 'user-anna',
    type: 'presence-changed',
    at: Date.now(),
    data: { presence: p, previous },
  });
}

describeEachStore('dashboard read model with a fixed clock', (stores) => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    opened = await stores.openStore(contactsMigrations);
    store = opened.store;
    presence = 'offline';
  });

  afterEach(async () => {
    for (const s of services.splice(0)) s.stop();
    await opened.close();
    vi.useRealTimers();
  });

  it('counts a call that arrived at 23:58 and was answered at 00:01 today, live and after a restart', async () => {
    vi.setSystemTime(MIDNIGHT - 10 * MIN); // 23:50
    const { service, contacts } = await dashboard();
    await setPresence(contacts, 'beschikbaar');
    vi.setSystemTime(MIDNIGHT - 2 * MIN); // 23:58
    await arrive(contacts, 'c1');
    const before = await service.snapshot();
    expect(before.day).toBe('2026-01-15');
    expect(before.queues[0]?.today).toMatchObject({ offered: 1, answered: 0 });

    vi.setSystemTime(MIDNIGHT + MIN); // 00:01
    await contacts.appendEvent({ contactId: 'c1', type: 'assigned', at: Date.now(), agentId: 'user-anna' });
    vi.setSystemTime(MIDNIGHT + 11 * MIN); // 00:11
    const live = await service.snapshot();
    expect(live.day).toBe('2026-01-16');
    const expected = {
      offered: 1,
      answered: 1,
      answeredWithinNorm: 0, // waited 180 s, the norm is 30 s
      serviceLevel: 0,
      asaSeconds: 180,
      // Anna was beschikbaar all of today's 11 minutes and in gesprek from 00:01: 10 of 11 minutes.
      occupancy: 10 / 11,
      busyAgentSeconds: 600,
      availableAgentSeconds: 660,
    };
    expect(live.queues[0]?.today).toMatchObject(expected);
    expect(live.totals.today).toMatchObject(expected);
    // 23:42–00:11 is the recent window: beschikbaar since 23:50 (21 min), in gesprek 10 of them.
    expect(live.queues[0]?.last30).toMatchObject({ busyAgentSeconds: 600, availableAgentSeconds: 1260 });

    // A restart rebuilds the same "today" from the log (the 23:58 arrival lies before the day).
    service.stop();
    const { service: restarted } = await dashboard();
    const rebuilt = await restarted.snapshot();
    expect(rebuilt.queues[0]?.today).toMatchObject(expected);
    expect(rebuilt.totals.today).toMatchObject(expected);
  });

  it('folds exactly the committed stream: a rolled-back unit or savepoint counts nothing', async () => {
    vi.setSystemTime(MIDNIGHT + 8 * 60 * MIN); // 08:00
    const { service, contacts } = await dashboard();
    await arrive(contacts, 'c1');
    await arrive(contacts, 'c2');
    expect((await service.snapshot()).queues[0]?.today.offered).toBe(2);

    // Rolled back: the event never existed, so it must not count.
    await expect(
      contacts.transaction(async () => {
        await contacts.appendEvent({ contactId: 'c1', type: 'abandoned', at: Date.now() });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await service.snapshot()).queues[0]?.today).toMatchObject({ offered: 2, abandoned: 0 });

    // A nested unit that throws is rolled back to its savepoint; the outer unit commits the rest.
    vi.setSystemTime(MIDNIGHT + 8 * 60 * MIN + 20_000);
    await contacts.transaction(async () => {
      await expect(
        contacts.transaction(async () => {
          await contacts.appendEvent({ contactId: 'c2', type: 'abandoned', at: Date.now() });
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await contacts.appendEvent({ contactId: 'c1', type: 'abandoned', at: Date.now() });
    });
    const live = await service.snapshot();
    expect(live.queues[0]?.today).toMatchObject({ offered: 2, abandoned: 1 });

    // The same figures as a rebuild from what the log holds.
    service.stop();
    const { service: rebuilt } = await dashboard();
    expect((await rebuilt.snapshot()).queues[0]?.today).toEqual(live.queues[0]?.today);
  });

  it('rebuilds today from more rows than one page of each log, merged by time', async () => {
    vi.setSystemTime(MIDNIGHT + 20 * 60 * MIN);
    const db = store.kysely<ContactsTables>();
    const t0 = MIDNIGHT + 60 * MIN;
    const ids = Array.from({ length: 1100 }, (_, i) => `p${i}`);
    await db
      .insertInto('contacts')
      .values(
        ids.map((id, i) => ({
          id,
          channel: 'telefoon',
          external_id: id,
          queue_id: 'algemeen',
          status: 'closed',
          priority: 0,
          from_json: '{}',
          created_at: t0 + i * 1000,
          updated_at: t0 + i * 1000,
          registrations: 0,
        })),
      )
      .execute();
    // 2750 contact events: each contact arrives; every other one is answered 10 s later (within the 30 s norm).
    const events = ids.flatMap((id, i) => {
      const at = t0 + i * 1000;
      const q = { agent_id: null, data: JSON.stringify({ queueId: 'algemeen' }) };
      return [
        {
          contact_id: id,
          type: 'created',
          at,
          agent_id: null,
          data: JSON.stringify({ channel: 'telefoon' }),
        },
        { contact_id: id, type: 'queued', at, ...q },
        ...(i % 2 === 0
          ? [{ contact_id: id, type: 'assigned', at: at + 10_000, agent_id: 'user-anna', data: null }]
          : []),
      ];
    });
    for (let i = 0; i < events.length; i += 1000) {
      await db
        .insertInto('contact_events')
        .values(events.slice(i, i + 1000))
        .execute();
    }
    // 2100 agent events over the same hours.
    const agentEvents = Array.from({ length: 2100 }, (_, i) => ({
      agent_id: 'user-anna',
      type: 'presence-changed',
      at: t0 + i * 500,
      data: JSON.stringify({ presence: i % 2 === 0 ? 'beschikbaar' : 'pauze' }),
    }));
    for (let i = 0; i < agentEvents.length; i += 1000) {
      await db
        .insertInto('agent_events')
        .values(agentEvents.slice(i, i + 1000))
        .execute();
    }
    presence = 'pauze';
    const { service } = await dashboard();
    const today = (await service.snapshot()).queues[0]?.today;
    expect(today).toMatchObject({ offered: 1100, answered: 550, answeredWithinNorm: 550, asaSeconds: 10 });
  });

  it('builds no delta while nobody listens; after a snapshot the next delta carries what changed', async () => {
    // The fold (setImmediate after the commit) and the emit (setTimeout) run when the test moves the fake clock.
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setImmediate', 'setInterval', 'clearInterval'],
    });
    vi.setSystemTime(MIDNIGHT + 9 * 60 * MIN); // 09:00
    const { service, contacts } = await dashboard(0);
    const deltas: DashboardDelta[] = [];
    let audience = false;
    service.onDelta(
      (d) => deltas.push(d),
      () => audience,
    );
    await setPresence(contacts, 'beschikbaar');
    await arrive(contacts, 'c1');
    // The fold, then the (unthrottled) emit: a 0 ms timer set while fake timers run is due 1 ms later.
    await vi.advanceTimersByTimeAsync(1);
    await service.drain();
    await vi.advanceTimersByTimeAsync(1);
    expect(deltas).toEqual([]);

    audience = true; // a team leader connects: snapshot first
    const snap = await service.snapshot();
    expect(snap.queues[0]?.today.offered).toBe(1);
    vi.setSystemTime(MIDNIGHT + 9 * 60 * MIN + 10_000);
    await contacts.appendEvent({ contactId: 'c1', type: 'assigned', at: Date.now(), agentId: 'user-anna' });
    await vi.advanceTimersByTimeAsync(1);
    await service.drain();
    await vi.waitFor(() => expect(deltas).toHaveLength(1));
    expect(deltas[0]?.seq).toBe(snap.seq + 1);
    expect(deltas[0]?.queues[0]?.today).toMatchObject({ offered: 1, answered: 1, answeredWithinNorm: 1 });
    expect(deltas[0]?.agents.map((a) => a.id)).toEqual(['user-anna']);
  });
});
