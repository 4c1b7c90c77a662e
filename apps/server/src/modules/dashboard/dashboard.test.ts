import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DashboardSnapshot, DashboardDelta, IntradayResponse } from '@kcc/contracts/dashboard';
import { erlangCAgentsNeeded, erlangCServiceLevel } from '@kcc/routing';
import { TestClock } from '../../../test-support/test-clock';
import { bearer, nextEvent, startTestServer, type TestServer } from '../../../test-support/test-server';
import { connectDashboard, type DashboardView } from '../../../test-support/dashboard-client';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeRows } from '../../../test-support/store-rows';

let server: TestServer | undefined;
const views: DashboardView[] = [];
afterEach(async () => {
  for (const v of views.splice(0)) v.socket.disconnect();
  await server?.stop();
  server = undefined;
});

async function dashboardAs(s: TestServer, username: string): Promise<DashboardView> {
  const view = await connectDashboard(s.url, await s.login(username));
  views.push(view);
  return view;
}

async function call(s: TestServer, n: number) {
  const res = await s.inbound({ channel: 'telefoon', externalId: `call-${n}-${randomUUID()}`, from: {} });
  expect(res.status).toBe(201);
  return ((await res.json()) as { contactId: string }).contactId;
}

async function register(
  s: TestServer,
  token: string,
  contactId: string,
  gespreksresultaat = 'zelfstandig_afgehandeld',
) {
  const res = await fetch(`${s.url}/api/contacts/${contactId}/registration`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ onderwerp: 'Afval', gespreksresultaat }),
  });
  expect(res.status).toBe(201);
}

describeEachStore('/dashboard socket', (stores) => {
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await database?.drop();
    database = undefined;
  });
  const start = async (env: Record<string, string> = {}) => {
    database = await stores.freshDatabase();
    return startTestServer({ ...database.env, ...env });
  };

  it('refuses medewerkers and strangers, admits teamleider and beheerder with a valid snapshot', async () => {
    server = await start();
    await expect(connectDashboard(server.url, await server.login('anna'))).rejects.toThrow('forbidden');
    await expect(connectDashboard(server.url, 'not-a-token')).rejects.toThrow('unauthorized');
    const tess = await dashboardAs(server, 'tess');
    const bea = await dashboardAs(server, 'bea');
    for (const view of [tess, bea]) {
      const snap = DashboardSnapshot.parse(view.snapshot);
      expect(snap.queues.map((q) => q.id)).toContain('algemeen');
      expect(snap.agents.map((a) => a.id).sort()).toEqual(['user-anna', 'user-bram']);
      expect(snap.agents.every((a) => a.presence === 'offline')).toBe(true);
    }
    // beheerder reads but may not act
    const ack = await bea.socket.emitWithAck('agent:set-presence', {
      agentId: 'user-anna',
      presence: 'pauze',
      reason: 'overleg',
    });
    expect(ack).toEqual({ ok: false, error: 'forbidden' });
  });

  it('pushes deltas for a call that waits, is answered and handled; figures follow the event log', async () => {
    server = await start({ KCC_WRAP_UP_MS: '0' });
    const view = await dashboardAs(server, 'tess');
    const deltas: DashboardDelta[] = [];
    view.socket.on('dashboard:delta', (d) => deltas.push(DashboardDelta.parse(d)));

    const contactId = await call(server, 1);
    await view.waitFor((v) => v.queues.get('algemeen')?.waiting === 1, 'waiting 1');
    const waiting = view.queues.get('algemeen');
    expect(waiting?.waitingContacts).toEqual([
      expect.objectContaining({ id: contactId, channel: 'telefoon', priority: 0, offered: false }),
    ]);
    expect(waiting?.oldestWaitingSince).not.toBeNull();
    expect(waiting?.today.offered).toBe(1);
    // No personal data in the live view: the contact's from / subject are not there.
    expect(JSON.stringify(waiting)).not.toContain('subject');

    const annaToken = await server.login('anna');
    const anna = await server.connectAgent(annaToken);
    const offered = nextEvent(anna, 'contact:offered');
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offer = await offered;
    const accepted = await anna.emitWithAck('offer:accept', { offerId: offer.offerId });
    expect(accepted.ok).toBe(true);
    await view.waitFor(
      (v) => v.agents.get('user-anna')?.contacts.some((c) => c.id === contactId) === true,
      'anna holds the contact',
    );
    const annaLive = view.agents.get('user-anna');
    expect(annaLive).toMatchObject({ presence: 'beschikbaar', channels: ['telefoon'], handledToday: 0 });
    const q = view.queues.get('algemeen');
    expect(q).toMatchObject({ waiting: 0, inProgress: 1 });
    expect(q?.today).toMatchObject({ offered: 1, answered: 1, answeredWithinNorm: 1, serviceLevel: 1 });

    await register(server, annaToken, contactId);
    await view.waitFor((v) => v.agents.get('user-anna')?.handledToday === 1, 'handled 1');
    await view.waitFor((v) => v.queues.get('algemeen')?.today.handled === 1, 'queue handled 1');
    const done = view.queues.get('algemeen');
    expect(done?.inProgress).toBe(0);
    expect(done?.today.ahtSeconds).toBeGreaterThanOrEqual(0);
    expect(done?.last30).toMatchObject({ offered: 1, answered: 1, handled: 1 });

    // Deltas are numbered without gaps and never come faster than the throttle (250 ms) allows.
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => (deltas[0]?.seq ?? 0) + i));
    for (let i = 1; i < deltas.length; i++) {
      const gap = Date.parse(deltas[i]?.at ?? '') - Date.parse(deltas[i - 1]?.at ?? '');
      expect(gap).toBeGreaterThanOrEqual(240);
    }
    expect(view.resyncs).toBe(0);
  });

  it('is correct after a reconnect: the new snapshot carries the current seq and state', async () => {
    server = await start();
    const token = await server.login('tess');
    const first = await connectDashboard(server.url, token);
    views.push(first);
    await call(server, 1);
    await first.waitFor((v) => v.queues.get('algemeen')?.waiting === 1, 'waiting 1');
    first.socket.disconnect();

    // Changes while disconnected.
    await call(server, 2);
    await call(server, 3);

    const second = await dashboardAs(server, 'tess');
    expect(second.snapshot?.seq).toBeGreaterThanOrEqual(first.seq);
    expect(second.queues.get('algemeen')?.waiting).toBe(3);
    expect(second.queues.get('algemeen')?.today.offered).toBe(3);

    // A client that lost a delta resyncs on the gap and ends up with the same view.
    second.seq -= 1;
    await call(server, 4);
    await second.waitFor((v) => v.queues.get('algemeen')?.waiting === 4, 'waiting 4 after resync');
    expect(second.resyncs).toBe(1);
  });
});

describeEachStore('team-leader actions', (stores) => {
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await database?.drop();
    database = undefined;
  });
  const start = async () => {
    database = await stores.freshDatabase();
    return startTestServer(database.env);
  };

  it('sets an agent to pauze with a reason: logged, pushed to the agent and the dashboard', async () => {
    server = await start();
    const view = await dashboardAs(server, 'tess');
    const anna = await server.connectAgent(await server.login('anna'));
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const changed = nextEvent(anna, 'presence:changed');
    const ack = await view.socket.emitWithAck('agent:set-presence', {
      agentId: 'user-anna',
      presence: 'pauze',
      reason: 'Coachingsgesprek',
    });
    expect(ack).toMatchObject({
      ok: true,
      data: { id: 'user-anna', presence: 'pauze', presenceReason: 'Coachingsgesprek' },
    });
    expect((await changed).presence).toBe('pauze');
    await view.waitFor((v) => v.agents.get('user-anna')?.presence === 'pauze', 'anna pauze');

    const logged = await storeRows<{ data: string }>(
      server.store,
      sql`SELECT data FROM agent_events WHERE agent_id = 'user-anna' AND type = 'teamleider-action'`,
    );
    expect(logged.map((r) => JSON.parse(r.data) as unknown)).toEqual([
      {
        action: 'set-presence',
        by: 'user-tess',
        reason: 'Coachingsgesprek',
        presence: 'pauze',
        previous: 'beschikbaar',
      },
    ]);
  });

  it('changes an agent’s queues and skills over REST; bad input and roles get problem JSON', async () => {
    server = await start();
    const tess = await server.login('tess');
    const post = (path: string, body: unknown, token = tess) =>
      fetch(`${server?.url}${path}`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await post('/api/dashboard/agents/user-bram/queues', {
      queueIds: ['chat'],
      skills: { algemeen: 2 },
      reason: 'Drukte op de chat',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'user-bram', queueIds: ['chat'], skills: { algemeen: 2 } });
    const [profile] = await storeRows<{ queue_ids: string }>(
      server.store,
      sql`SELECT queue_ids FROM agent_profiles WHERE user_id = 'user-bram'`,
    );
    expect(JSON.parse(profile!.queue_ids)).toEqual(['chat']);
    // Bram now only serves chat: a waiting call is not his.
    const snap = (await (
      await fetch(`${server.url}/api/dashboard/snapshot`, { headers: bearer(tess) })
    ).json()) as DashboardSnapshot;
    expect(snap.agents.find((a) => a.id === 'user-bram')?.queueIds).toEqual(['chat']);

    const noReason = await post('/api/dashboard/agents/user-bram/queues', { queueIds: ['chat'], reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({
      status: 400,
      invalidParams: [expect.objectContaining({ name: 'reason' })],
    });
    const badQueue = await post('/api/dashboard/agents/user-bram/queues', {
      queueIds: ['nope'],
      reason: 'test 123',
    });
    expect(badQueue.status).toBe(400);
    expect(await badQueue.json()).toMatchObject({
      invalidParams: [{ name: 'queueIds', code: 'unknown_queue' }],
    });
    const unknownAgent = await post('/api/dashboard/agents/user-x/presence', {
      presence: 'pauze',
      reason: 'test 123',
    });
    expect(unknownAgent.status).toBe(404);
    const badPresence = await post('/api/dashboard/agents/user-bram/presence', {
      presence: 'nawerk',
      reason: 'test 123',
    });
    expect(badPresence.status).toBe(400);
    const asAgent = await post(
      '/api/dashboard/agents/user-bram/presence',
      { presence: 'pauze', reason: 'test 123' },
      await server.login('anna'),
    );
    expect(asAgent.status).toBe(403);
    const asBeheerder = await post(
      '/api/dashboard/agents/user-bram/presence',
      { presence: 'pauze', reason: 'test 123' },
      await server.login('bea'),
    );
    expect(asBeheerder.status).toBe(403);
    const noToken = await fetch(`${server.url}/api/dashboard/snapshot`);
    expect(noToken.status).toBe(401);
  });

  it('moves a waiting contact to another queue and raises a priority; socket acks validate input', async () => {
    server = await start();
    const view = await dashboardAs(server, 'tess');
    const first = await call(server, 1);
    const second = await call(server, 2);
    await view.waitFor((v) => v.queues.get('algemeen')?.waiting === 2, 'two waiting');

    const raised = await view.socket.emitWithAck('contact:set-priority', {
      contactId: second,
      priority: 5,
      reason: 'Spoed: wethouder',
    });
    expect(raised).toEqual({ ok: true });
    await view.waitFor((v) => v.queues.get('algemeen')?.waitingContacts[0]?.id === second, 'second first');
    expect(view.queues.get('algemeen')?.waitingContacts.map((c) => [c.id, c.priority])).toEqual([
      [second, 5],
      [first, 0],
    ]);

    const moved = await view.socket.emitWithAck('contact:move', {
      contactId: first,
      toQueueId: 'belastingen',
      reason: 'Vraag over WOZ',
    });
    expect(moved).toEqual({ ok: true });
    await view.waitFor((v) => v.queues.get('belastingen')?.waiting === 1, 'moved');
    expect(view.queues.get('algemeen')?.waiting).toBe(1);
    // The offered count moves with the contact.
    expect(view.queues.get('belastingen')?.today.offered).toBe(1);
    expect(view.queues.get('algemeen')?.today.offered).toBe(1);

    // The next available agent gets the raised contact first.
    const anna = await server.connectAgent(await server.login('anna'));
    const offered = nextEvent(anna, 'contact:offered');
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    expect((await offered).contact.id).toBe(second);

    const wrongChannel = await view.socket.emitWithAck('contact:move', {
      contactId: first,
      toQueueId: 'chat',
      reason: 'probeer chat',
    });
    expect(wrongChannel).toMatchObject({ ok: false, error: 'channel_not_served' });
    const notWaiting = await view.socket.emitWithAck('contact:set-priority', {
      contactId: second,
      priority: 9,
      reason: 'te laat',
    });
    // `second` is offered to anna: still in the queue, so raising is allowed; an unknown contact is not.
    expect(notWaiting).toEqual({ ok: true });
    const unknown = await view.socket.emitWithAck('contact:move', {
      contactId: 'x',
      toQueueId: 'algemeen',
      reason: 'abc',
    });
    expect(unknown).toMatchObject({ ok: false, error: 'unknown_contact' });
    const garbage = await view.socket.emitWithAck('contact:set-priority', {
      contactId: first,
      priority: -1,
    } as never);
    expect(garbage).toMatchObject({ ok: false, error: 'invalid_payload' });
    expect((garbage as { issues: { path: string[] }[] }).issues.map((i) => i.path[0]).sort()).toEqual([
      'priority',
      'reason',
    ]);

    const logged = await storeRows<{ contact_id: string; data: string }>(
      server.store,
      sql`SELECT contact_id, data FROM contact_events WHERE type = 'teamleider-action' ORDER BY seq`,
    );
    expect(
      logged.map((r) => [r.contact_id, (JSON.parse(r.data) as { action: string; reason: string }).action]),
    ).toEqual([
      [second, 'set-priority'],
      [first, 'move'],
      [second, 'set-priority'],
    ]);
    const [stored] = await storeRows<{ priority: number }>(
      server.store,
      sql`SELECT priority FROM contacts WHERE id = ${second}`,
    );
    expect(stored?.priority).toBe(9);
  });
});

describeEachStore('staffing advice', (stores) => {
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await database?.drop();
    database = undefined;
  });
  const start = async (env: Record<string, string>, clock: TestClock) => {
    database = await stores.freshDatabase();
    return startTestServer({ ...database.env, ...env }, { clock });
  };

  /** How long anna talks with each caller (the test clock moves on while she does). */
  const HANDLE_MS = 30_000;

  it('matches Erlang C on the last 30 minutes’ arrivals and handle time', async () => {
    const clock = new TestClock();
    server = await start({ KCC_WRAP_UP_MS: '0' }, clock);
    const view = await dashboardAs(server, 'tess');
    const annaToken = await server.login('anna');
    const anna = await server.connectAgent(annaToken);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    for (let i = 0; i < 3; i++) {
      const offered = nextEvent(anna, 'contact:offered');
      const contactId = await call(server, i);
      const offer = await offered;
      expect((await anna.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
      clock.advance(HANDLE_MS);
      await register(server, annaToken, contactId);
    }
    await call(server, 99); // waits: anna is available again, so it is offered, not answered
    await view.waitFor(
      (v) => v.queues.get('algemeen')?.today.handled === 3 && v.queues.get('algemeen')?.today.offered === 4,
      'figures',
    );
    const q = view.queues.get('algemeen');
    if (!q) throw new Error('no queue');
    const s = q.staffing;
    expect(s.targetPercent).toBe(80);
    expect(s.withinSeconds).toBe(30);
    expect(s.ahtSeconds).toBe(q.last30.ahtSeconds);
    expect(s.ahtSeconds).toBeGreaterThanOrEqual(HANDLE_MS / 1000);
    // 4 arrivals in a window of 29–30 minutes.
    expect(s.arrivalsPerHour).toBeGreaterThanOrEqual(8);
    expect(s.arrivalsPerHour).toBeLessThanOrEqual((4 * 3600) / (29 * 60));
    const aht = s.ahtSeconds ?? 0;
    const load = (s.arrivalsPerHour / 3600) * aht;
    expect(s.offeredLoadErlang).toBeCloseTo(load, 10);
    expect(s.agentsForArrivals).toBe(erlangCAgentsNeeded(load, aht, 30, 0.8));
    // the caller still waiting is a backlog Erlang C does not see: worked off within the 30-minute window
    expect(s.waiting).toBe(1);
    expect(s.agentsForBacklog).toBe(Math.ceil(aht / s.backlogHorizonSeconds));
    expect(s.agentsNeeded).toBe(erlangCAgentsNeeded(load, aht, 30, 0.8) + (s.agentsForBacklog ?? 0));
    expect(s.agentsAvailable).toBe(1); // anna; bram is offline
    expect(s.agentsLoggedIn).toBe(1);
    expect(s.predictedServiceLevel).toBeCloseTo(erlangCServiceLevel(load, 1, aht, 30), 10);

    // bezetting per queue: anna's time on algemeen's calls counts for algemeen, not for the other queues of her team
    const tess = await server.login('tess');
    const snapshot = DashboardSnapshot.parse(
      await (await fetch(`${server.url}/api/dashboard/snapshot`, { headers: bearer(tess) })).json(),
    );
    const algemeenNow = snapshot.queues.find((x) => x.id === 'algemeen');
    expect(algemeenNow?.today.busyAgentSeconds).toBeGreaterThanOrEqual((3 * HANDLE_MS) / 1000);
    const others = snapshot.queues.filter(
      (x) => x.id !== 'algemeen' && (x.today.availableAgentSeconds ?? 0) > 0,
    );
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(other.today).toMatchObject({ busyAgentSeconds: 0, occupancy: 0 });

    // the day so far, per 15 minutes
    const res = await fetch(`${server.url}/api/dashboard/intraday`, {
      headers: bearer(await server.login('tess')),
    });
    expect(res.status).toBe(200);
    const intraday = IntradayResponse.parse(await res.json());
    const algemeen = intraday.queues.find((x) => x.id === 'algemeen');
    const offered = algemeen?.intervals.reduce((sum, i) => sum + i.offered, 0);
    expect(offered).toBe(4);
    expect(algemeen?.intervals.at(-1)?.maxWaiting).toBeGreaterThanOrEqual(1);
    const annaCannot = await fetch(`${server.url}/api/dashboard/intraday`, { headers: bearer(annaToken) });
    expect(annaCannot.status).toBe(403);
  });

  it('does not count agents in nawerk or pauze as available', async () => {
    const clock = new TestClock();
    server = await start({ KCC_WRAP_UP_MS: '600000' }, clock);
    const view = await dashboardAs(server, 'tess');
    const annaToken = await server.login('anna');
    const anna = await server.connectAgent(annaToken);
    const bram = await server.connectAgent(await server.login('bram'));
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    await bram.emitWithAck('presence:set', { status: 'pauze' });
    const offered = nextEvent(anna, 'contact:offered');
    const contactId = await call(server, 1);
    expect((await anna.emitWithAck('offer:accept', { offerId: (await offered).offerId })).ok).toBe(true);
    clock.advance(HANDLE_MS);
    await register(server, annaToken, contactId);
    await view.waitFor((v) => v.queues.get('algemeen')?.staffing.agentsInNawerk === 1, 'anna in nawerk');
    const s = view.queues.get('algemeen')?.staffing;
    expect(s).toMatchObject({ agentsAvailable: 0, agentsInNawerk: 1, agentsLoggedIn: 2 });
  });
});
