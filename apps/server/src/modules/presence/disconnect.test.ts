import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '@kcc/contracts/domain';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { TestClock } from '../../../test-support/test-clock';
import { bearer, nextEvent, startTestServer, type TestServer } from '../../../test-support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const DISCONNECT_GRACE_MS = 30_000;
const RECONNECT_GRACE_MS = 120_000;
const GRACE = {
  KCC_DISCONNECT_GRACE_MS: String(DISCONNECT_GRACE_MS),
  KCC_RECONNECT_GRACE_MS: String(RECONNECT_GRACE_MS),
};

async function offersOf(token: string): Promise<{ offerId: string }[]> {
  const res = await fetch(`${server?.url}/api/me/offers`, { headers: bearer(token) });
  return ((await res.json()) as { items: { offerId: string }[] }).items;
}

describe('disconnects', () => {
  it('re-offers a pending offer as soon as all sockets of its agent are gone, and takes the agent offline after the grace', async () => {
    const clock = new TestClock();
    server = await startTestServer(
      { ...GRACE, KCC_ACCEPT_TIMEOUT_MS: '600000' },
      { klantinteracties: createFakeKlantinteracties(), clock },
    );
    const annaToken = await server.login('anna');
    const anna = await server.connectAgent(annaToken);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const bramToken = await server.login('bram');
    const bram = await server.connectAgent(bramToken);
    await bram.emitWithAck('presence:set', { status: 'pauze' });
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'telefoon', externalId: 'dc-1', from: {} });
    const { contact } = await offered;
    await bram.emitWithAck('presence:set', { status: 'beschikbaar' });
    expect(await offersOf(bramToken)).toEqual([]);

    // Anna's only window goes: the caller must not ring on for the 10-minute accept timeout (issue 11 §10).
    const reoffered = nextEvent(bram, 'contact:offered');
    anna.disconnect();
    expect((await reoffered).contact.id).toBe(contact.id);
    expect(await offersOf(annaToken)).toEqual([]);

    await clock.whenPending(DISCONNECT_GRACE_MS);
    clock.advance(DISCONNECT_GRACE_MS);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: bearer(annaToken) })).json()) as {
      state: { presence: string };
    };
    expect(me.state.presence).toBe('offline');
  });

  it('a quick reconnect makes the agent beschikbaar again, and no offer waits for a closed window meanwhile', async () => {
    const clock = new TestClock();
    server = await startTestServer(
      { ...GRACE, KCC_ACCEPT_TIMEOUT_MS: '600000' },
      { klantinteracties: createFakeKlantinteracties(), clock },
    );
    const annaToken = await server.login('anna');
    const anna = await server.connectAgent(annaToken);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    anna.disconnect();
    await clock.whenPending(DISCONNECT_GRACE_MS);
    // While no window is open, a new call is not offered to Anna.
    await server.inbound({ channel: 'telefoon', externalId: 'dc-2', from: {} });
    expect(await offersOf(annaToken)).toEqual([]);

    const back = await server.connectAgent(annaToken);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: bearer(annaToken) })).json()) as {
      state: { presence: string };
    };
    expect(me.state.presence).toBe('beschikbaar');
    // The waiting call is offered to her now (the window reads its offers on connect).
    expect(await offersOf(annaToken)).toHaveLength(1);
    expect(clock.pending(DISCONNECT_GRACE_MS)).toBe(0);
    back.disconnect();
  });

  it('keeps active contacts through a quick reconnect, and re-queues them after the reconnect grace', async () => {
    const clock = new TestClock();
    server = await startTestServer(GRACE, { klantinteracties: createFakeKlantinteracties(), clock });
    const annaToken = await server.login('anna');
    let anna = await server.connectAgent(annaToken);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'chat', externalId: 'dc-2', from: { name: 'Els' } });
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });

    // Quick reconnect within the grace: the timers are cancelled and nothing happens, however long it takes.
    anna.disconnect();
    await clock.whenPending(RECONNECT_GRACE_MS);
    anna = await server.connectAgent(annaToken);
    expect(clock.pending(RECONNECT_GRACE_MS)).toBe(0);
    clock.advance(RECONNECT_GRACE_MS);
    const stillMine = (await (
      await fetch(`${server.url}/api/me/contacts`, { headers: bearer(annaToken) })
    ).json()) as {
      items: Contact[];
    };
    expect(stillMine.items.map((c) => c.id)).toEqual([contact.id]);

    // Gone for longer than the reconnect grace: the contact goes to Bram with its context.
    anna.disconnect();
    await clock.whenPending(RECONNECT_GRACE_MS);
    const bram = await server.connectAgent(await server.login('bram'));
    await bram.emitWithAck('presence:set', { status: 'beschikbaar' });
    const reofferedEvent = nextEvent(bram, 'contact:offered');
    clock.advance(RECONNECT_GRACE_MS);
    const reoffered = await reofferedEvent;
    expect(reoffered.contact).toMatchObject({ id: contact.id, channel: 'chat', from: { name: 'Els' } });
    expect(reoffered.contact.createdAt).toBe(contact.createdAt);
    const reasons = server.db
      .prepare("SELECT data FROM contact_events WHERE contact_id = ? AND type = 'requeued'")
      .all(contact.id)
      .map((r) => JSON.parse((r as { data: string }).data).reason);
    expect(reasons).toEqual(['agent-disconnected']);
  });
});
