import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../../test-support/each-store';
import { TestClock } from '../../../../test-support/test-clock';
import { INTEGRATION_KEY, bearer } from '../../../../test-support/test-server';
import { nextAgentEvent, startChannelKit, type ChannelKit } from '../../../../test-support/channel-test-kit';
import { storeSql } from '../../../../test-support/store-rows';

describeEachStore('telephony (CTI) events', (stores) => {
  let kit: ChannelKit;
  let database: FreshDatabase;
  let seq = 0;
  beforeAll(async () => {
    database = await stores.freshDatabase();
    kit = await startChannelKit({
      KCC_CTI_NUMBERS: '14020=algemeen, 020-1234567=belastingen',
      KCC_CTI_CALLBACK_QUEUES: 'algemeen',
      ...database.env,
    });
  });
  afterAll(async () => {
    await kit.stop();
    await database.drop();
  });

  const post = (body: unknown, key = INTEGRATION_KEY) =>
    fetch(`${kit.server.url}/api/channels/telefonie/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': key },
      body: JSON.stringify(body),
    });
  const event = (type: string, callId: string, extra: Record<string, unknown> = {}) => ({
    eventId: `ev-${++seq}`,
    type,
    callId,
    ...extra,
  });
  const contact = async (id: string) =>
    (await storeSql(kit.server.store).get(
      'SELECT status, queue_id, from_json FROM contacts WHERE id = ?',
      id,
    )) as {
      status: string;
      queue_id: string;
      from_json: string;
    };

  it('routes an offered call like any contact (screen pop by caller number), then ends it for the agent', async () => {
    const { socket: agent } = await kit.agent('anna');
    const offered = kit.acceptNext(agent);
    const res = await post(event('call.offered', 'call-1', { from: '+31 6 1234 5678', to: '14020' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; contactId: string };
    expect(body.status).toBe('processed');
    const offer = await offered;
    expect(offer.contact).toMatchObject({
      id: body.contactId,
      channel: 'telefoon',
      queue: 'algemeen',
      from: { phone: '0612345678' },
    });
    expect((await post(event('call.answered', 'call-1', { agentId: 'user-anna' }))).status).toBe(200);
    const ended = nextAgentEvent(agent, 'call:ended');
    expect((await post(event('call.ended', 'call-1'))).status).toBe(200);
    expect(await ended).toEqual({ contactId: body.contactId, callId: 'call-1' });
    expect((await contact(body.contactId)).status).toBe('assigned');
    await agent.emitWithAck('presence:set', { status: 'offline' });
  });

  it('marks a call abandoned before answer, and creates a callback when the queue wants one', async () => {
    const res = await post(event('call.offered', 'call-2', { from: '0612345678', to: '14020' }));
    const { contactId } = (await res.json()) as { contactId: string };
    expect((await contact(contactId)).status).toBe('queued');
    const abandoned = await post(event('call.abandoned', 'call-2'));
    const a = (await abandoned.json()) as { terugbelverzoekContactId: string };
    expect((await contact(contactId)).status).toBe('abandoned');
    expect(a.terugbelverzoekContactId).toBeDefined();
    const cb = await contact(a.terugbelverzoekContactId);
    expect(cb.queue_id).toBe('terugbellen');
    expect(JSON.parse(cb.from_json)).toMatchObject({ phone: '0612345678' });
    const types = (
      (await storeSql(kit.server.store).all(
        'SELECT type FROM contact_events WHERE contact_id = ?',
        contactId,
      )) as {
        type: string;
      }[]
    ).map((r) => r.type);
    expect(types).toContain('abandoned');

    // belastingen is not configured for callbacks
    const other = await post(event('call.offered', 'call-3', { from: '0201110001', to: '020 1234567' }));
    const o = (await other.json()) as { contactId: string };
    expect((await contact(o.contactId)).queue_id).toBe('belastingen');
    const gone = (await (await post(event('call.abandoned', 'call-3'))).json()) as {
      terugbelverzoekContactId?: string;
    };
    expect(gone.terugbelverzoekContactId).toBeUndefined();
  });

  it('processes an event delivered twice at once only once', async () => {
    const offered = event('call.offered', 'call-twice', { from: '0612345670' });
    const answered = event('call.answered', 'call-twice');
    expect((await post(offered)).status).toBe(200);
    const both = await Promise.all([post(answered), post(answered)]);
    const bodies = (await Promise.all(both.map((r) => r.json()))) as { status?: string }[];
    // The first is processed; the other is a duplicate, or (still being processed) refused to be sent again.
    const outcomes = both.map((r, i) => (r.status === 200 ? bodies[i]?.status : r.status)).sort();
    expect(['duplicate,processed', '409,processed']).toContain(outcomes.join(','));
    const contactId = ((await (await post(offered)).json()) as { contactId: string }).contactId;
    const answers = (
      (await storeSql(kit.server.store).all(
        "SELECT type FROM contact_events WHERE contact_id = ? AND type = 'cti-answered'",
        contactId,
      )) as unknown[]
    ).length;
    expect(answers).toBe(1);
  });

  it('answers replayed events as duplicates without doing anything twice', async () => {
    const offered = { eventId: 'replay-1', type: 'call.offered', callId: 'call-r', from: '0612345678' };
    const first = (await (await post(offered)).json()) as { contactId: string; status: string };
    const again = (await (await post(offered)).json()) as { contactId: string; status: string };
    expect(first.status).toBe('processed');
    expect(again).toEqual({ ...first, status: 'duplicate' });
    const abandon = { eventId: 'replay-2', type: 'call.abandoned', callId: 'call-r' };
    const x = (await (await post(abandon)).json()) as { terugbelverzoekContactId: string };
    const y = (await (await post(abandon)).json()) as { terugbelverzoekContactId: string; status: string };
    expect(y.status).toBe('duplicate');
    expect(y.terugbelverzoekContactId).toBe(x.terugbelverzoekContactId);
    const n = (await storeSql(kit.server.store).get(
      "SELECT COUNT(*) AS n FROM contacts WHERE channel = 'terugbelverzoek' AND external_id = 'cti-terugbel:call-r'",
    )) as { n: number };
    expect(n.n).toBe(1);
  });

  it('refuses unknown events, unknown calls, bad bodies and a wrong key with problem JSON', async () => {
    const unknown = await post({ eventId: 'u1', type: 'call.exploded', callId: 'c' });
    expect(unknown.status).toBe(400);
    const p = (await unknown.json()) as { invalidParams: { name: string; code: string }[] };
    expect(p.invalidParams[0]).toMatchObject({ name: 'type', code: 'unknown_event' });
    const noCall = await post(event('call.answered', 'bestaat-niet'));
    expect(noCall.status).toBe(400);
    expect(((await noCall.json()) as { invalidParams: { code: string }[] }).invalidParams[0]?.code).toBe(
      'unknown_call',
    );
    for (const bad of [
      null,
      [],
      'tekst',
      { type: 'call.offered' },
      { eventId: 'x', type: 'call.offered', callId: 'y' },
      { eventId: 'x', type: 1, callId: 'y' },
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await post(event('call.offered', 'k', { from: '1' }), 'fout')).status).toBe(401);
    const badQueue = await post(event('call.offered', 'q', { from: '0612345678', queue: 'chat' }));
    expect(badQueue.status).toBe(400);
  });

  it('transfers a waiting call to another queue', async () => {
    const { contactId } = (await (
      await post(event('call.offered', 'call-t', { from: '0612345678' }))
    ).json()) as { contactId: string };
    expect((await post(event('call.transferred', 'call-t', { toQueue: 'belastingen' }))).status).toBe(200);
    expect((await contact(contactId)).queue_id).toBe('belastingen');
    expect((await post(event('call.transferred', 'call-t', { toQueue: 'email' }))).status).toBe(400);
  });
});

describeEachStore('web forms and callback requests', (stores) => {
  let kit: ChannelKit;
  let database: FreshDatabase;
  const clock = new TestClock();
  beforeAll(async () => {
    database = await stores.freshDatabase();
    kit = await startChannelKit(
      { KCC_CALLBACK_MAX_ATTEMPTS: '2', KCC_WRAP_UP_MS: '0', ...database.env },
      { clock },
    );
  });
  afterAll(async () => {
    await kit.stop();
    await database.drop();
  });

  const form = (body: unknown, key = INTEGRATION_KEY) =>
    fetch(`${kit.server.url}/api/channels/webformulier`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': key },
      body: JSON.stringify(body),
    });

  it('turns a submission into a webformulier contact with the submission as its first message (idempotent)', async () => {
    const { token, socket: agent } = await kit.agent('anna');
    const offered = kit.acceptNext(agent);
    const submission = {
      formulier: 'Melding openbare ruimte',
      inzendingId: 'sub-1',
      velden: { Locatie: 'Dorpsstraat 1', Omschrijving: 'Losse stoeptegel', Foto: false },
      indiener: { naam: 'Jan Jansen', email: 'Jan@Example.nl', telefoon: '0612345678' },
      bsn: '999993653',
    };
    const res = await form(submission);
    expect(res.status).toBe(201);
    const { contactId } = (await res.json()) as { contactId: string };
    expect((await form(submission)).status).toBe(200);
    const offer = await offered;
    expect(offer.contact).toMatchObject({
      id: contactId,
      channel: 'webformulier',
      subject: 'Melding openbare ruimte',
    });
    const messages = (await (
      await fetch(`${kit.server.url}/api/contacts/${contactId}/messages`, { headers: bearer(token) })
    ).json()) as {
      items: { direction: string; body: string; from: string }[];
    };
    expect(messages.items).toHaveLength(1);
    expect(messages.items[0]?.body).toBe(
      'Formulier: Melding openbare ruimte\n\nLocatie: Dorpsstraat 1\nOmschrijving: Losse stoeptegel\nFoto: nee',
    );
    expect(messages.items[0]?.from).toBe('Jan Jansen');
    // The answer goes out by e-mail to the submitter.
    const reply = await fetch(`${kit.server.url}/api/contacts/${contactId}/messages`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'We repareren de tegel deze week.' }),
    });
    expect(reply.status).toBe(201);
    const mail = await kit.sink.next();
    expect(mail.subject).toBe('Re: Melding openbare ruimte');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '').toBe('jan@example.nl');

    const bad = await form({ formulier: '', velden: {}, bsn: '12' });
    expect(bad.status).toBe(400);
    const names = ((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map(
      (p) => p.name,
    );
    expect(names).toEqual(expect.arrayContaining(['formulier', 'bsn']));
    expect((await form(submission, 'fout-sleutel')).status).toBe(401);
    await agent.emitWithAck('presence:set', { status: 'offline' });
  });

  it('makes a callback from a contact, offers it when due, and re-queues it when not reached', async () => {
    const { token, socket: agent } = await kit.agent('anna');
    const offered = kit.acceptNext(agent);
    await kit.server.inbound({
      channel: 'telefoon',
      externalId: 'bel-1',
      from: { phone: '0612345678', name: 'Jan' },
    });
    const origin = await offered;
    const dueIn = 10 * 60_000;
    const res = await fetch(`${kit.server.url}/api/contacts/${origin.contact.id}/terugbelverzoek`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({
        telefoonnummer: '06-12345678',
        voorkeurVan: new Date(clock.now() + dueIn).toISOString(),
        voorkeurTot: new Date(clock.now() + 3600_000).toISOString(),
        notitie: 'Wil weten hoe het met de vergunning staat',
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      contactId: string;
      terugbelverzoek: { telLink: string; poging: number; maxPogingen: number };
    };
    expect(created.terugbelverzoek).toMatchObject({ telLink: 'tel:+31612345678', poging: 1, maxPogingen: 2 });

    // Finish the phone contact so anna is free for the (exclusive) callback.
    const reg = await fetch(`${kit.server.url}/api/contacts/${origin.contact.id}/registration`, {
      method: 'POST',
      headers: {
        ...bearer(token),
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ onderwerp: 'Vergunning', gespreksresultaat: 'contactverzoek_gemaakt' }),
    });
    expect(reg.status).toBe(201);
    // Anna is free, yet the callback waits for its window.
    const waiting = async () =>
      await storeSql(kit.server.store).get('SELECT status FROM contacts WHERE id = ?', created.contactId);
    expect(await waiting()).toEqual({ status: 'queued' });
    const offeredWhenDue = kit.acceptNext(agent, created.contactId);
    clock.advance(dueIn - 1000);
    expect(await waiting()).toEqual({ status: 'queued' });
    clock.advance(1000);
    const cbOffer = await offeredWhenDue;
    expect(cbOffer.contact).toMatchObject({ channel: 'terugbelverzoek', from: { phone: '0612345678' } });

    const view = await fetch(`${kit.server.url}/api/contacts/${created.contactId}/terugbelverzoek`, {
      headers: bearer(token),
    });
    expect(((await view.json()) as { notitie: string }).notitie).toBe(
      'Wil weten hoe het met de vergunning staat',
    );
    const outcome = await fetch(
      `${kit.server.url}/api/contacts/${created.contactId}/terugbelverzoek/uitkomst`,
      {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({
          uitkomst: 'niet-bereikt',
          nieuwVan: new Date(Date.now() + 3600_000).toISOString(),
        }),
      },
    );
    expect(outcome.status).toBe(200);
    const o = (await outcome.json()) as { poging: number; volgende: { contactId: string } };
    expect(o.poging).toBe(1);
    const next = (await storeSql(kit.server.store).get(
      'SELECT status, subject FROM contacts WHERE id = ?',
      o.volgende.contactId,
    )) as { status: string; subject: string };
    expect(next).toEqual({ status: 'queued', subject: 'Terugbelverzoek (poging 2)' });
    const twice = await fetch(
      `${kit.server.url}/api/contacts/${created.contactId}/terugbelverzoek/uitkomst`,
      {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ uitkomst: 'gelukt' }),
      },
    );
    expect(twice.status).toBe(409);
    await agent.emitWithAck('presence:set', { status: 'offline' });
  });
});
