import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { describeEachStore, type StoreUnderTest } from '../../../test-support/each-store';
import { storeRows } from '../../../test-support/store-rows';
import type { Contact } from '@kcc/contracts/domain';
import type { KlantbeeldResponse } from '@kcc/contracts/rest';
import type { ContactOfferedEvent } from '@kcc/contracts/realtime';
import {
  createFakeKlantinteracties,
  type FakeKlantinteracties,
} from '../../../test-support/fake-klantinteracties';
import { TestClock } from '../../../test-support/test-clock';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function twoAvailableAgents(s: TestServer) {
  const annaToken = await s.login('anna');
  const bramToken = await s.login('bram');
  const anna = await s.connectAgent(annaToken);
  const bram = await s.connectAgent(bramToken);
  for (const socket of [anna, bram]) {
    const ack = await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
    expect(ack).toMatchObject({ ok: true, data: { presence: 'beschikbaar' } });
  }
  return { anna, bram, tokens: { anna: annaToken, bram: bramToken } };
}

/** The first `contact:offered` on any of the sockets, with the socket that got it. */
function firstOffer(sockets: Record<string, AgentClient>, ms = 5000) {
  return Promise.race(
    Object.entries(sockets).map(([name, socket]) =>
      nextEvent(socket, 'contact:offered', ms).then((event) => ({ name, socket, event })),
    ),
  );
}

/** A fresh database on the store under test (dropped when the test ends), as the server's environment. */
async function databaseEnv(stores: StoreUnderTest, env: Record<string, string> = {}) {
  const database = await stores.freshDatabase();
  onTestFinished(() => database.drop());
  return { ...database.env, ...env };
}

describeEachStore('universal queue over the agent socket', (stores) => {
  let fake: FakeKlantinteracties;

  it('routes, accepts, shows the klantbeeld, registers idempotently, and ends nawerk early', async () => {
    fake = createFakeKlantinteracties();
    server = await startTestServer(await databaseEnv(stores, { KCC_WRAP_UP_MS: '60000' }), {
      klantinteracties: fake,
    });
    const { anna, bram, tokens } = await twoAvailableAgents(server);

    const offered = firstOffer({ anna, bram });
    const res = await server.inbound({
      channel: 'telefoon',
      externalId: 'call-1',
      from: { phone: '0612345678' },
      subject: 'Vraag over afval',
    });
    expect(res.status).toBe(201);
    const { contactId } = (await res.json()) as { contactId: string };
    const { name, socket, event } = await offered;
    const other = name === 'anna' ? 'bram' : 'anna';
    const token = tokens[name as 'anna' | 'bram'];
    expect(event.contact).toMatchObject({
      id: contactId,
      channel: 'telefoon',
      queue: 'algemeen',
      subject: 'Vraag over afval',
    });
    expect(event.contact.from).toEqual({ phone: '0612345678' });
    expect(Date.parse(event.expiresAt)).toBeGreaterThan(Date.now());

    const offers = await fetch(`${server.url}/api/me/offers`, { headers: bearer(token) });
    expect(((await offers.json()) as { items: { offerId: string }[] }).items.map((o) => o.offerId)).toEqual([
      event.offerId,
    ]);

    const updated = nextEvent(socket, 'contact:updated');
    const ack = await socket.emitWithAck('offer:accept', { offerId: event.offerId });
    expect(ack).toMatchObject({
      ok: true,
      data: { contact: { id: contactId, status: 'assigned', assignedAgentId: `user-${name}` } },
    });
    expect((await updated).contact.status).toBe('assigned');

    // Accepting again, or by the other agent, fails cleanly.
    expect(await socket.emitWithAck('offer:accept', { offerId: event.offerId })).toMatchObject({
      ok: false,
      error: 'taken',
    });
    const otherSocket = name === 'anna' ? bram : anna;
    expect(await otherSocket.emitWithAck('offer:accept', { offerId: event.offerId })).toMatchObject({
      ok: false,
    });

    const mine = (await (
      await fetch(`${server.url}/api/me/contacts`, { headers: bearer(token) })
    ).json()) as {
      items: Contact[];
    };
    expect(mine.items.map((c) => c.id)).toEqual([contactId]);
    const otherToken = tokens[other as 'anna' | 'bram'];
    expect(
      (await fetch(`${server.url}/api/contacts/${contactId}`, { headers: bearer(otherToken) })).status,
    ).toBe(403);
    expect(
      (await fetch(`${server.url}/api/contacts/${contactId}/klantbeeld`, { headers: bearer(otherToken) }))
        .status,
    ).toBe(403);
    expect(
      (await fetch(`${server.url}/api/contacts/${randomUUID()}`, { headers: bearer(token) })).status,
    ).toBe(404);

    const beeld = (await (
      await fetch(`${server.url}/api/contacts/${contactId}/klantbeeld`, { headers: bearer(token) })
    ).json()) as KlantbeeldResponse;
    expect(beeld.herkenning).toBe('telefoon');
    expect(beeld.partij?.naam).toBe('Jan Jansen');
    const logged = await storeRows(
      server.store,
      sql<{
        user_id: string;
        partij_uuid: string;
        doel: string;
      }>`SELECT user_id, partij_uuid, doel FROM verwerkingen WHERE contact_id = ${contactId}`,
    );
    // One verwerking per register that delivered personal data for this view (klantinteracties, brp, zaken).
    expect(logged.length).toBeGreaterThanOrEqual(1);
    for (const row of logged) {
      expect(row).toEqual({
        user_id: `user-${name}`,
        partij_uuid: beeld.partij?.uuid,
        doel: `contact:${contactId}`,
      });
    }

    const url = `${server.url}/api/contacts/${contactId}/registration`;
    const body = {
      onderwerp: 'Afvalkalender',
      inhoud: 'Wanneer wordt het papier opgehaald?',
      gespreksresultaat: 'zelfstandig_afgehandeld',
      partij: { uuid: beeld.partij?.uuid },
    };
    const post = (key: string | undefined, payload: unknown = body) =>
      fetch(url, {
        method: 'POST',
        headers: {
          ...bearer(token),
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify(payload),
      });
    const noKey = await post(undefined);
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe(
      'Idempotency-Key',
    );
    expect((await post('geen-uuid')).status).toBe(400);

    const key = randomUUID();
    const nawerk = nextEvent(socket, 'presence:changed');
    const first = await post(key);
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { klantcontact: { uuid: string; url: string } };
    expect(firstBody.klantcontact.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const state = await nawerk;
    expect(state.presence).toBe('nawerk');
    expect(Date.parse(state.nawerkUntil ?? '')).toBeGreaterThan(Date.now() + 50_000);

    const again = await post(key);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(firstBody);
    expect(fake.registered).toHaveLength(1);
    const different = await post(key, { ...body, onderwerp: 'Iets anders' });
    expect(different.status).toBe(422);
    // A new key on a contact that is already closed is a conflict, not a second klantcontact.
    expect((await post(randomUUID())).status).toBe(409);
    expect(fake.registered).toHaveLength(1);

    const contactNow = (await (
      await fetch(`${server.url}/api/contacts/${contactId}`, { headers: bearer(token) })
    ).json()) as Contact;
    expect(contactNow).toMatchObject({ status: 'nawerk', registrations: 1 });

    const ended = await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
    expect(ended).toMatchObject({ ok: true, data: { presence: 'beschikbaar' } });
    const closed = (await (
      await fetch(`${server.url}/api/contacts/${contactId}`, { headers: bearer(token) })
    ).json()) as Contact;
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBeDefined();

    const types = (
      await storeRows(
        server.store,
        sql<{ type: string }>`SELECT type FROM contact_events WHERE contact_id = ${contactId} ORDER BY seq`,
      )
    ).map((r) => r.type);
    expect(types).toEqual([
      'created',
      'queued',
      'offered',
      'assigned',
      'registered',
      'nawerk',
      'removed',
      'closed',
    ]);
  });

  it('moves an offer that times out to the other agent and marks the first niet-reagerend', async () => {
    const clock = new TestClock();
    server = await startTestServer(await databaseEnv(stores, { KCC_ACCEPT_TIMEOUT_MS: '20000' }), {
      klantinteracties: createFakeKlantinteracties(),
      clock,
    });
    const { anna, bram } = await twoAvailableAgents(server);
    const offered = firstOffer({ anna, bram });
    expect(
      (
        await server.inbound({
          channel: 'telefoon',
          externalId: 'call-timeout',
          from: { phone: '0201234567' },
        })
      ).status,
    ).toBe(201);
    const first = await offered;
    const second = first.name === 'anna' ? bram : anna;
    const revoked = nextEvent(first.socket, 'offer:revoked');
    const presence = nextEvent(first.socket, 'presence:changed');
    const reofferedEvent = nextEvent(second, 'contact:offered');
    clock.advance(20_000);
    const reoffered: ContactOfferedEvent = await reofferedEvent;
    expect(reoffered.contact.id).toBe(first.event.contact.id);
    expect(reoffered.offerId).not.toBe(first.event.offerId);
    expect(await revoked).toMatchObject({ offerId: first.event.offerId, reason: 'expired' });
    expect((await presence).presence).toBe('niet-reagerend');
    expect(await first.socket.emitWithAck('offer:accept', { offerId: first.event.offerId })).toMatchObject({
      ok: false,
      error: 'expired',
    });
    expect(await second.emitWithAck('offer:accept', { offerId: reoffered.offerId })).toMatchObject({
      ok: true,
    });
  });

  it('offers a declined contact to someone else', async () => {
    server = await startTestServer(await databaseEnv(stores), {
      klantinteracties: createFakeKlantinteracties(),
    });
    const { anna, bram } = await twoAvailableAgents(server);
    const offered = firstOffer({ anna, bram });
    await server.inbound({ channel: 'chat', externalId: 'chat-1', from: { name: 'Piet' } });
    const first = await offered;
    expect(first.event.contact.queue).toBe('chat');
    const second = first.name === 'anna' ? bram : anna;
    const reoffered = nextEvent(second, 'contact:offered');
    expect(await first.socket.emitWithAck('offer:decline', { offerId: first.event.offerId })).toEqual({
      ok: true,
    });
    expect((await reoffered).contact.id).toBe(first.event.contact.id);
    expect(await first.socket.emitWithAck('offer:decline', { offerId: first.event.offerId })).toMatchObject({
      ok: false,
    });
  });

  it('pushes waiting counts and serves them over REST', async () => {
    server = await startTestServer(await databaseEnv(stores), {
      klantinteracties: createFakeKlantinteracties(),
    });
    const token = await server.login('anna');
    const anna = await server.connectAgent(token);
    const waiting = nextEvent(anna, 'queue:waiting-changed');
    await server.inbound({
      channel: 'email',
      externalId: 'mail-1',
      from: { email: 'a@b.nl' },
      subject: 'Vraag',
    });
    const pushed = await waiting;
    expect(pushed.items.find((i) => i.queue === 'email')?.waiting).toBe(1);
    const rest = (await (
      await fetch(`${server.url}/api/queues/waiting`, { headers: bearer(token) })
    ).json()) as {
      items: { queue: string; waiting: number }[];
    };
    expect(rest.items.find((i) => i.queue === 'email')?.waiting).toBe(1);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: bearer(token) })).json()) as {
      state: { presence: string };
      queues: { id: string }[];
    };
    expect(me.state.presence).toBe('offline');
    expect(me.queues.map((q) => q.id).sort()).toEqual([
      'algemeen',
      'balie',
      'belastingen',
      'chat',
      'email',
      'social',
      'terugbellen',
    ]);
  });
});
