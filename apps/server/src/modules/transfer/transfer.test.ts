import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContactContextResponse } from '@kcc/contracts/channels';
import { bearer } from '../../../test-support/test-server';
import {
  nextAgentEvent,
  nextCitizenEvent,
  startChannelKit,
  type ChannelKit,
} from '../../../test-support/channel-test-kit';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeSql } from '../../../test-support/store-rows';

describeEachStore('transfer, consult and kanaalswitch', (stores) => {
  let kit: ChannelKit;
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await stores.freshDatabase();
    kit = await startChannelKit({ KCC_WRAP_UP_MS: '0', ...database.env });
  });
  afterAll(async () => {
    await kit.stop();
    await database.drop();
  });

  const json = (token: string) => ({ ...bearer(token), 'content-type': 'application/json' });

  it('transfers a chat to a colleague with the whole context; the resident does not repeat anything', async () => {
    const anna = await kit.agent('anna');
    const resident = await kit.citizen();
    const offered = kit.acceptNext(anna.socket);
    const started = await resident.emitWithAck('chat:start', {
      name: 'Jan',
      email: 'jan@example.nl',
      subject: 'Belasting',
    });
    expect(started.ok).toBe(true);
    const { contact } = await offered;
    await resident.emitWithAck('chat:message', { text: 'Ik heb bezwaar tegen mijn aanslag.' });
    const draft = { onderwerp: 'Bezwaar WOZ', inhoud: 'Inwoner wil bezwaar maken' };
    const saved = await fetch(`${kit.server.url}/api/contacts/${contact.id}/draft`, {
      method: 'PUT',
      headers: json(anna.token),
      body: JSON.stringify({ draft }),
    });
    expect(saved.status).toBe(200);

    // bram is not available yet: refused clearly.
    const bramToken = await kit.server.login('bram');
    const early = await fetch(`${kit.server.url}/api/contacts/${contact.id}/transfer`, {
      method: 'POST',
      headers: json(anna.token),
      body: JSON.stringify({ toAgentId: 'user-bram', note: 'Graag overnemen' }),
    });
    expect(early.status).toBe(409);

    const bram = await kit.agent('bram');
    const heard = nextAgentEvent(bram.socket, 'contact:transferred');
    const bramOffer = new Promise<{ offerId: string; contact: { id: string } }>((resolve) =>
      bram.socket.once('contact:offered', resolve),
    );
    const annaLetGo = new Promise<{ contact: { id: string; status: string } }>((resolve) =>
      anna.socket.once('contact:updated', resolve),
    );
    const res = await fetch(`${kit.server.url}/api/contacts/${contact.id}/transfer`, {
      method: 'POST',
      headers: json(anna.token),
      body: JSON.stringify({ toAgentId: 'user-bram', note: 'Bezwaar WOZ, partij is bekend' }),
    });
    expect(res.status).toBe(200);
    const transfer = (await res.json()) as { offerId: string };
    const push = await heard;
    expect(push).toMatchObject({
      contactId: contact.id,
      fromAgentId: 'user-anna',
      fromName: expect.any(String),
      note: 'Bezwaar WOZ, partij is bekend',
      offerId: transfer.offerId,
    });
    const offer = await bramOffer;
    expect(offer.contact.id).toBe(contact.id);
    expect((await annaLetGo).contact).toMatchObject({ id: contact.id, status: 'offered' });
    // anna no longer holds it
    expect(
      (await fetch(`${kit.server.url}/api/contacts/${contact.id}/messages`, { headers: bearer(anna.token) }))
        .status,
    ).toBe(403);

    // bram may read the context before accepting, and gets everything
    const ctx = (await (
      await fetch(`${kit.server.url}/api/contacts/${contact.id}/context`, { headers: bearer(bramToken) })
    ).json()) as ContactContextResponse;
    expect(ctx.messages.map((m) => m.body)).toEqual(['Ik heb bezwaar tegen mijn aanslag.']);
    expect(ctx.notes).toEqual([
      expect.objectContaining({
        kind: 'overdracht',
        fromAgentId: 'user-anna',
        text: 'Bezwaar WOZ, partij is bekend',
      }),
    ]);
    expect(ctx.drafts).toEqual([expect.objectContaining({ agentId: 'user-anna', draft })]);
    expect(ctx.chat).toMatchObject({ ended: false });
    expect(ctx.events.map((e) => e.type)).toContain('transferred');

    const accepted = nextCitizenEvent(resident, 'chat:accepted');
    const ack = await bram.socket.emitWithAck('offer:accept', { offerId: offer.offerId });
    expect(ack.ok).toBe(true);
    expect((await accepted).name).toBeTruthy();
    const toResident = nextCitizenEvent(resident, 'chat:message');
    const sent = await fetch(`${kit.server.url}/api/contacts/${contact.id}/messages`, {
      method: 'POST',
      headers: json(bramToken),
      body: JSON.stringify({ body: 'Ik neem het over. U hoeft niets te herhalen.' }),
    });
    expect(sent.status).toBe(201);
    expect((await toResident).text).toBe('Ik neem het over. U hoeft niets te herhalen.');

    // transfer to a queue that does not serve chat: refused; to the chat queue: back in line
    const wrongQueue = await fetch(`${kit.server.url}/api/contacts/${contact.id}/transfer`, {
      method: 'POST',
      headers: json(bramToken),
      body: JSON.stringify({ toQueue: 'algemeen', note: '' }),
    });
    expect(wrongQueue.status).toBe(400);
    const both = await fetch(`${kit.server.url}/api/contacts/${contact.id}/transfer`, {
      method: 'POST',
      headers: json(bramToken),
      body: JSON.stringify({ toQueue: 'chat', toAgentId: 'user-anna' }),
    });
    expect(both.status).toBe(400);
    await anna.socket.emitWithAck('presence:set', { status: 'offline' });
    await bram.socket.emitWithAck('presence:set', { status: 'offline' });
    const toQueue = await fetch(`${kit.server.url}/api/contacts/${contact.id}/transfer`, {
      method: 'POST',
      headers: json(bramToken),
      body: JSON.stringify({ toQueue: 'chat', note: 'Terug in de rij' }),
    });
    expect(toQueue.status).toBe(200);
    const row = (await storeSql(kit.server.store).get(
      'SELECT status, assigned_agent_id FROM contacts WHERE id = ?',
      contact.id,
    )) as { status: string; assigned_agent_id: string | null };
    expect(row).toEqual({ status: 'queued', assigned_agent_id: null });
  });

  it('lets an agent consult a colleague without giving the contact away', async () => {
    const anna = await kit.agent('anna');
    const bram = await kit.agent('bram');
    const offered = kit.acceptNext(anna.socket);
    await kit.server.inbound({
      channel: 'email',
      externalId: '<consult@example.nl>',
      from: { email: 'x@example.nl' },
      subject: 'Lastige vraag',
    });
    const { contact } = await offered;
    const received = nextAgentEvent(bram.socket, 'consult:received');
    const res = await fetch(`${kit.server.url}/api/contacts/${contact.id}/consult`, {
      method: 'POST',
      headers: json(anna.token),
      body: JSON.stringify({ toAgentId: 'user-bram', text: 'Weet jij hoe lang een bezwaar duurt?' }),
    });
    expect(res.status).toBe(201);
    const consult = await received;
    expect(consult).toMatchObject({
      contactId: contact.id,
      fromAgentId: 'user-anna',
      text: 'Weet jij hoe lang een bezwaar duurt?',
    });
    const replied = nextAgentEvent(anna.socket, 'consult:replied');
    const reply = await fetch(`${kit.server.url}/api/consults/${consult.consultId}/reply`, {
      method: 'POST',
      headers: json(bram.token),
      body: JSON.stringify({ text: 'Zes weken.' }),
    });
    expect(reply.status).toBe(201);
    expect(await replied).toMatchObject({ consultId: consult.consultId, text: 'Zes weken.' });
    // anna still holds it; bram cannot reply to a consult that is not his, nor consult himself
    const row = (await storeSql(kit.server.store).get(
      'SELECT assigned_agent_id FROM contacts WHERE id = ?',
      contact.id,
    )) as { assigned_agent_id: string };
    expect(row.assigned_agent_id).toBe('user-anna');
    expect(
      (
        await fetch(`${kit.server.url}/api/consults/${consult.consultId}/reply`, {
          method: 'POST',
          headers: json(anna.token),
          body: JSON.stringify({ text: 'x' }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(`${kit.server.url}/api/contacts/${contact.id}/consult`, {
          method: 'POST',
          headers: json(anna.token),
          body: JSON.stringify({ toAgentId: 'user-anna', text: 'x' }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await fetch(`${kit.server.url}/api/contacts/${contact.id}/consult`, {
          method: 'POST',
          headers: json(anna.token),
          body: JSON.stringify({ toAgentId: 'user-niemand', text: 'x' }),
        })
      ).status,
    ).toBe(400);
    await anna.socket.emitWithAck('presence:set', { status: 'offline' });
    await bram.socket.emitWithAck('presence:set', { status: 'offline' });
  });

  it('records a kanaalswitch when the same partij comes back on another channel within 14 days', async () => {
    const phone = await kit.server.inbound({
      channel: 'telefoon',
      externalId: 'ks-1',
      from: { phone: '0612345678' },
    });
    const { contactId: first } = (await phone.json()) as { contactId: string };
    const mail = await kit.server.inbound({
      channel: 'email',
      externalId: '<ks-2@example.nl>',
      from: { email: 'jan@example.nl' },
      subject: 'Nog een vraag',
    });
    const { contactId: second } = (await mail.json()) as { contactId: string };
    const again = await kit.server.inbound({
      channel: 'email',
      externalId: '<ks-3@example.nl>',
      from: { email: 'jan@example.nl' },
      subject: 'En nog een',
    });
    const { contactId: third } = (await again.json()) as { contactId: string };
    const unknown = await kit.server.inbound({
      channel: 'chat',
      externalId: 'ks-4',
      from: { email: 'onbekend@example.nl' },
    });
    const { contactId: fourth } = (await unknown.json()) as { contactId: string };
    const switchOf = async (id: string) =>
      (await storeSql(kit.server.store).get(
        "SELECT data FROM contact_events WHERE contact_id = ? AND type = 'kanaalswitch'",
        id,
      )) as { data: string } | undefined;
    // Jan chatted in the first test of this file: the call is a switch from chat.
    expect(JSON.parse((await switchOf(first))?.data ?? '{}')).toMatchObject({
      fromChannel: 'chat',
      toChannel: 'telefoon',
    });
    expect(JSON.parse((await switchOf(second))?.data ?? '{}')).toEqual({
      fromChannel: 'telefoon',
      fromContactId: first,
      partijUuid: '0b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
      toChannel: 'email',
    });
    // e-mail after e-mail is no switch; an unrecognised resident is none either
    expect(await switchOf(third)).toBeUndefined();
    expect(await switchOf(fourth)).toBeUndefined();
  });
});
