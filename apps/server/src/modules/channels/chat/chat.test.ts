import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../../test-support/each-store';
import { storeRows, storeSql } from '../../../../test-support/store-rows';
import type { MessagesResponse } from '@kcc/contracts/channels';
import { bearer, nextEvent } from '../../../../test-support/test-server';
import {
  nextAgentEvent,
  nextCitizenEvent,
  startChannelKit,
  type ChannelKit,
} from '../../../../test-support/channel-test-kit';

describeEachStore('citizen chat (/citizen) end to end', (stores) => {
  let kit: ChannelKit;
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await stores.freshDatabase();
    kit = await startChannelKit({
      KCC_CHAT_MESSAGES_PER_MINUTE: '5',
      KCC_CHAT_MAX_CONNECTIONS_PER_IP: '40',
      ...database.env,
    });
  });
  afterAll(async () => {
    await kit.stop();
    await database.drop();
  });

  it('refuses to start when no medewerker is available and takes a left message instead', async () => {
    const resident = await kit.citizen();
    const availability = await resident.emitWithAck('chat:availability', {});
    expect(availability).toEqual({
      ok: true,
      data: { available: false, open: true, reason: 'geen-medewerkers', openingHours: 'altijd' },
    });
    expect(await resident.emitWithAck('chat:start', { name: 'Els' })).toEqual({
      ok: false,
      error: 'unavailable',
    });

    const left = await resident.emitWithAck('chat:leave-message', {
      name: 'Els',
      email: 'els@example.nl',
      text: 'Mijn container is niet geleegd.',
    });
    expect(left.ok).toBe(true);
    if (!left.ok) return;
    expect(left.data.kind).toBe('email');
    const row = (await storeSql(kit.server.store).get(
      'SELECT channel, status, from_json FROM contacts WHERE id = ?',
      left.data.contactId,
    )) as {
      channel: string;
      from_json: string;
    };
    expect(row.channel).toBe('email');
    expect(JSON.parse(row.from_json)).toEqual({ email: 'els@example.nl', name: 'Els' });

    const callback = await resident.emitWithAck('chat:leave-message', {
      text: 'Bel mij over mijn aanvraag',
      terugbellen: { telefoonnummer: '06 1234 5678' },
    });
    expect(callback.ok && callback.data.kind).toBe('terugbelverzoek');
    const missing = await resident.emitWithAck('chat:leave-message', { text: 'zonder adres' } as never);
    expect(missing).toMatchObject({ ok: false, error: 'invalid_payload' });
  });

  it('runs a whole chat: start → queue position → offer → accept → messages both ways → typing → end → rating', async () => {
    const { token, socket: agent } = await kit.agent('anna');
    const resident = await kit.citizen();
    const queued = nextCitizenEvent(resident, 'chat:queue');
    const offeredEvent = nextEvent(agent, 'contact:offered');
    const started = await resident.emitWithAck('chat:start', {
      name: 'Piet',
      email: 'piet@example.nl',
      subject: 'Afval',
      pageUrl: 'https://gemeente.example/afval',
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { conversationId, resumeToken } = started.data;
    expect(resumeToken.length).toBeGreaterThan(30);
    const accepted = nextCitizenEvent(resident, 'chat:accepted');
    const offer = await offeredEvent;
    expect(offer.contact).toMatchObject({
      channel: 'chat',
      queue: 'chat',
      subject: 'Afval',
      from: { name: 'Piet' },
    });
    // Waiting, the resident hears their place in line; then Anna accepts.
    const position = await queued;
    expect(position.position).toBe(1);
    expect(position.expectedWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(await agent.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    expect(await accepted).toEqual({ name: 'Anna' });
    const contactId = offer.contact.id;

    // resident → agent
    const added = nextAgentEvent(agent, 'contact:message-added', (e) => e.contactId === contactId);
    expect(await resident.emitWithAck('chat:message', { text: 'Wanneer komt de papierbak?' })).toEqual({
      ok: true,
    });
    const pushed = await added;
    expect(pushed.message).toMatchObject({
      direction: 'in',
      body: 'Wanneer komt de papierbak?',
      from: 'Piet',
    });

    // typing both ways
    const residentTyping = nextAgentEvent(agent, 'chat:typing');
    resident.emit('chat:typing', { typing: true });
    expect(await residentTyping).toEqual({ contactId, typing: true });
    const agentTyping = nextCitizenEvent(resident, 'chat:typing');
    const typingAck = await (
      agent as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }
    ).emitWithAck('chat:typing', { contactId, typing: true });
    expect(typingAck).toEqual({ ok: true });
    expect(await agentTyping).toEqual({ typing: true });

    // agent → resident through the CONTRACT REST call
    const incoming = nextCitizenEvent(resident, 'chat:message');
    const res = await fetch(`${kit.server.url}/api/contacts/${contactId}/messages`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Volgende week dinsdag.' }),
    });
    expect(res.status).toBe(201);
    const posted = (await res.json()) as {
      message: { id: string; direction: string; body: string; at: string };
    };
    expect(posted.message).toMatchObject({ direction: 'uit', body: 'Volgende week dinsdag.' });
    const chatMessage = await incoming;
    expect(chatMessage).toMatchObject({ from: 'medewerker', name: 'Anna', text: 'Volgende week dinsdag.' });
    expect(Number.isNaN(Date.parse(chatMessage.at))).toBe(false);

    const list = (await (
      await fetch(`${kit.server.url}/api/contacts/${contactId}/messages`, { headers: bearer(token) })
    ).json()) as MessagesResponse;
    expect(list.items.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'Wanneer komt de papierbak?'],
      ['uit', 'Volgende week dinsdag.'],
    ]);

    // resume from another tab: same conversation and transcript
    const tab = await kit.citizen();
    const resumed = await tab.emitWithAck('chat:resume', { resumeToken });
    expect(resumed).toMatchObject({
      ok: true,
      data: { conversationId, status: 'verbonden', agentName: 'Anna' },
    });
    if (resumed.ok) expect(resumed.data.messages.map((m) => m.from)).toEqual(['inwoner', 'medewerker']);

    // rating only after the end; the resident ends; the agent hears it
    expect(await resident.emitWithAck('chat:rating', { score: 5 })).toEqual({
      ok: false,
      error: 'not_ended',
    });
    const endedForAgent = nextAgentEvent(agent, 'chat:ended');
    const endedOtherTab = nextCitizenEvent(tab, 'chat:ended');
    expect(await resident.emitWithAck('chat:end', {})).toEqual({ ok: true });
    expect(await endedForAgent).toEqual({ contactId, by: 'inwoner' });
    expect(await endedOtherTab).toEqual({ by: 'inwoner' });
    expect(await resident.emitWithAck('chat:message', { text: 'nog iets' })).toEqual({
      ok: false,
      error: 'ended',
    });
    expect(await resident.emitWithAck('chat:rating', { score: 4, comment: 'Snel geholpen' })).toEqual({
      ok: true,
    });
    const csat = (await storeSql(kit.server.store).get(
      "SELECT data FROM contact_events WHERE contact_id = ? AND type = 'csat'",
      contactId,
    )) as { data: string };
    expect(JSON.parse(csat.data)).toMatchObject({ score: 4, channel: 'chat' });
    // A message to an ended chat is refused clearly.
    const late = await fetch(`${kit.server.url}/api/contacts/${contactId}/messages`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Bent u er nog?' }),
    });
    expect(late.status).toBe(409);

    // transcript by e-mail through the relay
    expect(await resident.emitWithAck('chat:transcript', {})).toEqual({ ok: true });
    const mail = await kit.sink.next();
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toContain('piet@example.nl');
    expect(mail.text).toContain('Piet: Wanneer komt de papierbak?');
    expect(mail.text).toContain('Anna: Volgende week dinsdag.');

    // registration links the transcript to the klantcontact
    const reg = await fetch(`${kit.server.url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: {
        ...bearer(token),
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ onderwerp: 'Afval', gespreksresultaat: 'zelfstandig_afgehandeld' }),
    });
    expect(reg.status).toBe(201);
    const { klantcontact } = (await reg.json()) as { klantcontact: { uuid: string } };
    const transcript = await fetch(`${kit.server.url}/api/klantcontacten/${klantcontact.uuid}/transcript`, {
      headers: bearer(token),
    });
    expect(transcript.status).toBe(200);
    expect(((await transcript.json()) as { messages: unknown[] }).messages).toHaveLength(2);
    await agent.emitWithAck('presence:set', { status: 'offline' });
  });

  it('lets the agent end the chat (REST) and tells the resident', async () => {
    const { token, socket: agent } = await kit.agent('bram');
    const resident = await kit.citizen();
    const offered = kit.acceptNext(agent);
    const started = await resident.emitWithAck('chat:start', {});
    expect(started.ok).toBe(true);
    const offer = await offered;
    const ended = nextCitizenEvent(resident, 'chat:ended');
    const res = await fetch(`${kit.server.url}/api/contacts/${offer.contact.id}/chat/end`, {
      method: 'POST',
      headers: bearer(token),
    });
    expect(res.status).toBe(200);
    expect(await ended).toEqual({ by: 'medewerker' });
    const other = await kit.server.login('anna');
    const forbidden = await fetch(`${kit.server.url}/api/contacts/${offer.contact.id}/chat/end`, {
      method: 'POST',
      headers: bearer(other),
    });
    expect(forbidden.status).toBe(403);
    await agent.emitWithAck('presence:set', { status: 'offline' });
  });

  it('marks a chat the resident leaves while waiting as abandoned', async () => {
    const { socket: bram } = await kit.agent('bram');
    const resident = await kit.citizen();
    const offered = new Promise((resolve) => bram.once('contact:offered', resolve));
    const started = await resident.emitWithAck('chat:start', { name: 'Wachter' });
    expect(started.ok).toBe(true);
    await offered;
    const revoked = new Promise((resolve) => bram.once('offer:revoked', resolve));
    expect(await resident.emitWithAck('chat:end', {})).toEqual({ ok: true });
    expect(await revoked).toMatchObject({ reason: 'withdrawn' });
    const row = (
      await storeSql(kit.server.store).all<{ status: string; from_json: string }>(
        "SELECT status, from_json FROM contacts WHERE channel = 'chat'",
      )
    ).find((c) => (JSON.parse(c.from_json) as { name?: string }).name === 'Wachter') as { status: string };
    expect(row.status).toBe('abandoned');
    await bram.emitWithAck('presence:set', { status: 'offline' });
  });

  it('refuses floods, oversized messages, garbage payloads and unknown resume tokens without crashing', async () => {
    const { socket: agent } = await kit.agent('anna');
    const resident = await kit.citizen();
    expect(await resident.emitWithAck('chat:message', { text: 'te vroeg' })).toEqual({
      ok: false,
      error: 'no_conversation',
    });
    const started = await resident.emitWithAck('chat:start', {});
    expect(started.ok).toBe(true);
    expect(await resident.emitWithAck('chat:start', {})).toEqual({ ok: false, error: 'already_started' });
    const tooLong = await resident.emitWithAck('chat:message', { text: 'x'.repeat(2001) });
    expect(tooLong).toMatchObject({ ok: false, error: 'invalid_payload' });
    for (const bad of [null, 42, 'tekst', [], { text: 1 }, { text: '' }, { text: 'a', extra: true }]) {
      expect(await resident.emitWithAck('chat:message', bad as never)).toMatchObject({
        ok: false,
        error: 'invalid_payload',
      });
    }
    const results = [];
    for (let i = 0; i < 8; i++)
      results.push(await resident.emitWithAck('chat:message', { text: `bericht ${i}` }));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results[7]).toMatchObject({ ok: false, error: 'rate_limited' });
    expect(await resident.emitWithAck('chat:resume', { resumeToken: 'x'.repeat(43) })).toEqual({
      ok: false,
      error: 'not_found',
    });
    // Still alive and nothing lost: the 5 accepted messages are stored.
    const conversationId = started.ok ? started.data.conversationId : '';
    const [conv] = await storeRows(
      kit.server.store,
      sql<{ contact_id: string }>`SELECT contact_id FROM chat_conversations WHERE id = ${conversationId}`,
    );
    const stored = (await storeSql(kit.server.store).get(
      'SELECT COUNT(*) AS n FROM contact_messages WHERE contact_id = ?',
      conv?.contact_id,
    )) as { n: number };
    expect(stored.n).toBe(5);
    expect((await fetch(`${kit.server.url}/health`)).status).toBe(200);
    await agent.emitWithAck('presence:set', { status: 'offline' });
  });

  it('refuses other origins and too many connections per IP at connect', async () => {
    await expect(kit.citizen({ origin: 'https://evil.example' })).rejects.toThrow('origin_not_allowed');
    const server = kit.server;
    const { io: ioClient } = await import('socket.io-client');
    const noOrigin = ioClient(`${server.url}/citizen`, { transports: ['websocket'], reconnection: false });
    await expect(
      new Promise((resolve, reject) => {
        noOrigin.once('connect', () => resolve(undefined));
        noOrigin.once('connect_error', reject);
      }),
    ).rejects.toThrow('origin_not_allowed');
    noOrigin.disconnect();

    const open = [];
    let refused: Error | undefined;
    for (let i = 0; i < 45 && !refused; i++) {
      try {
        open.push(await kit.citizen());
      } catch (err) {
        refused = err as Error;
      }
    }
    expect(refused?.message).toBe('too_many_connections');
    for (const s of open) s.disconnect();
  });
});
