import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '@kcc/contracts/domain';
import { createFakeKlantinteracties } from '../../testing/fake-klantinteracties';
import { bearer, nextEvent, startTestServer, type TestServer } from '../../testing/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const GRACE = { KCC_DISCONNECT_GRACE_MS: '300', KCC_RECONNECT_GRACE_MS: '900' };

describe('disconnects', () => {
  it('takes an agent offline after the disconnect grace and re-queues pending offers at once', async () => {
    server = await startTestServer(
      { ...GRACE, KCC_ACCEPT_TIMEOUT_MS: '60000' },
      { klantinteracties: createFakeKlantinteracties() },
    );
    const annaToken = await server.login('anna');
    const anna = await server.connectAgent(annaToken);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'telefoon', externalId: 'dc-1', from: {} });
    const { contact } = await offered;
    const disconnectedAt = Date.now();
    anna.disconnect();

    const bram = await server.connectAgent(await server.login('bram'));
    const reoffered = nextEvent(bram, 'contact:offered', 3000);
    await bram.emitWithAck('presence:set', { status: 'beschikbaar' });
    // Bram becomes available before the grace ends, yet gets the contact only once Anna is taken offline.
    expect((await reoffered).contact.id).toBe(contact.id);
    expect(Date.now() - disconnectedAt).toBeGreaterThanOrEqual(290);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: bearer(annaToken) })).json()) as {
      state: { presence: string };
    };
    expect(me.state.presence).toBe('offline');
  });

  it('keeps active contacts through a quick reconnect, and re-queues them after the reconnect grace', async () => {
    server = await startTestServer(GRACE, { klantinteracties: createFakeKlantinteracties() });
    const annaToken = await server.login('anna');
    let anna = await server.connectAgent(annaToken);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'chat', externalId: 'dc-2', from: { name: 'Els' } });
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });

    // Quick reconnect within the grace: nothing happens.
    anna.disconnect();
    anna = await server.connectAgent(annaToken);
    await new Promise((r) => setTimeout(r, 1000));
    const stillMine = (await (
      await fetch(`${server.url}/api/me/contacts`, { headers: bearer(annaToken) })
    ).json()) as {
      items: Contact[];
    };
    expect(stillMine.items.map((c) => c.id)).toEqual([contact.id]);

    // Gone for longer than the reconnect grace: the contact goes to Bram with its context.
    anna.disconnect();
    const bram = await server.connectAgent(await server.login('bram'));
    await bram.emitWithAck('presence:set', { status: 'beschikbaar' });
    const reoffered = await nextEvent(bram, 'contact:offered', 3000);
    expect(reoffered.contact).toMatchObject({ id: contact.id, channel: 'chat', from: { name: 'Els' } });
    expect(reoffered.contact.createdAt).toBe(contact.createdAt);
    const reasons = server.db
      .prepare("SELECT data FROM contact_events WHERE contact_id = ? AND type = 'requeued'")
      .all(contact.id)
      .map((r) => JSON.parse((r as { data: string }).data).reason);
    expect(reasons).toEqual(['agent-disconnected']);
  });
});
