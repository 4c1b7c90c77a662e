import { simpleParser } from 'mailparser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OntvangstbevestigingenResponse } from '@kcc/contracts/channels';
import { bearer, INTEGRATION_KEY } from '../../../../test-support/test-server';
import { startChannelKit, type ChannelKit } from '../../../../test-support/channel-test-kit';
import { describeEachStore, type FreshDatabase } from '../../../../test-support/each-store';
import { storeRows, storeSql } from '../../../../test-support/store-rows';
import { DEFAULT_CALENDAR } from '../../queues/due-time';
import { geenAutomatischAntwoord, ontvangenOnderwerp, werkdagenTussen } from './ontvangstbevestiging';

const EIGEN = 'klantcontact@gemeente.example';

async function weigering(headers: string, envelopeFrom: string | null = 'jan@example.nl') {
  const parsed = await simpleParser(`${headers}\r\nFrom: jan@example.nl\r\nSubject: x\r\n\r\nHallo\r\n`);
  return geenAutomatischAntwoord(parsed, {
    envelopeFrom: envelopeFrom ?? undefined,
    from: 'jan@example.nl',
    eigenAdres: EIGEN,
  });
}

describe('when an automatic reply may go out (RFC 3834)', () => {
  it('answers an ordinary message, also one marked Auto-Submitted: no', async () => {
    expect(await weigering('Message-ID: <a@x>')).toBeUndefined();
    expect(await weigering('Auto-Submitted: no')).toBeUndefined();
  });

  it('never answers automatic messages, lists, bulk mail or delivery reports', async () => {
    expect(await weigering('Auto-Submitted: auto-replied')).toBe('Auto-Submitted: auto-replied');
    expect(await weigering('Auto-Submitted: auto-generated; owner-email="x@y"')).toBe(
      'Auto-Submitted: auto-generated',
    );
    expect(await weigering('Precedence: bulk')).toBe('Precedence: bulk');
    expect(await weigering('Precedence: list')).toBe('Precedence: list');
    expect(await weigering('Precedence: junk')).toBe('Precedence: junk');
    expect(await weigering('List-Id: Nieuwsbrief <nieuws.example.nl>')).toBe('list-id aanwezig');
    expect(await weigering('List-Unsubscribe: <mailto:uit@example.nl>')).toBe('list-unsubscribe aanwezig');
    expect(await weigering('X-Autoreply: yes')).toBe('x-autoreply aanwezig');
    expect(await weigering('X-Auto-Response-Suppress: OOF, AutoReply')).toMatch(/^X-Auto-Response-Suppress/);
    expect(await weigering('Content-Type: multipart/report; report-type=delivery-status; boundary="b"')).toBe(
      'afleverrapport (multipart/report)',
    );
  });

  it('never answers a null return path, MAILER-DAEMON, no-reply senders or our own address', async () => {
    expect(await weigering('Message-ID: <a@x>', null)).toBe('leeg return-path');
    expect(await weigering('Message-ID: <a@x>', 'MAILER-DAEMON@mx.example.nl')).toBe(
      'automatische afzender MAILER-DAEMON',
    );
    expect(await weigering('Message-ID: <a@x>', 'noreply@webshop.example')).toBe(
      'automatische afzender noreply',
    );
    expect(await weigering('Message-ID: <a@x>', 'nieuws-request@lists.example')).toBe(
      'automatische afzender nieuws-request',
    );
    expect(await weigering('Message-ID: <a@x>', EIGEN)).toBe('eigen adres');
  });

  it('counts working days, skipping weekends and holidays', () => {
    const vrijdag = new Date(2026, 11, 4, 10).getTime();
    const dinsdag = new Date(2026, 11, 8, 10).getTime();
    expect(werkdagenTussen(vrijdag, dinsdag, DEFAULT_CALENDAR)).toBe(2);
    const metFeestdag = { ...DEFAULT_CALENDAR, holidays: new Set(['2026-12-07']) };
    expect(werkdagenTussen(vrijdag, dinsdag, metFeestdag)).toBe(1);
    expect(ontvangenOnderwerp('Afvalpas kwijt')).toBe('Ontvangen: Afvalpas kwijt');
    expect(ontvangenOnderwerp('')).toBe('Ontvangen: uw bericht aan de gemeente');
  });
});

describeEachStore('ontvangstbevestiging for e-mail and web forms', (stores) => {
  let kit: ChannelKit;
  let database: FreshDatabase;
  let bea: string;
  let anna: string;

  beforeAll(async () => {
    database = await stores.freshDatabase();
    kit = await startChannelKit({ KCC_ONTVANGSTBEVESTIGING: 'aan', ...database.env });
    bea = await kit.server.login('bea');
    anna = await kit.server.login('anna');
  });
  afterAll(async () => {
    await kit.stop();
    await database.drop();
  });

  const contactOf = async (messageId: string) =>
    (await storeSql(kit.server.store).get(
      "SELECT id, due_at FROM contacts WHERE channel = 'email' AND external_id = ?",
      messageId,
    )) as { id: string; due_at: number };
  const uitgaand = async (contactId: string) =>
    (
      await storeSql(kit.server.store).all(
        "SELECT meta FROM contact_messages WHERE contact_id = ? AND direction = 'uit'",
        contactId,
      )
    ).map((r) => JSON.parse((r as { meta: string }).meta) as { soort?: string; subject: string });
  const events = async (contactId: string, type: string) =>
    (await storeSql(kit.server.store).all(
      'SELECT data FROM contact_events WHERE contact_id = ? AND type = ?',
      contactId,
      type,
    )) as { data: string }[];

  it('answers a new e-mail once, threaded, marked automatic, with the due date in working days', async () => {
    await kit.sendMail({
      from: 'Jan Jansen <jan@example.nl>',
      to: EIGEN,
      subject: 'Vraag over parkeervergunning',
      messageId: '<ob-1@example.nl>',
      references: ['<ouder@example.nl>'],
      text: 'Hoe lang duurt een aanvraag?',
    });
    const receipt = await kit.sink.next();
    expect(receipt.subject).toBe('Ontvangen: Vraag over parkeervergunning');
    expect(receipt.headers.get('auto-submitted')).toBe('auto-replied');
    expect(receipt.inReplyTo).toBe('<ob-1@example.nl>');
    expect(receipt.references).toEqual(['<ouder@example.nl>', '<ob-1@example.nl>']);
    expect(receipt.to && !Array.isArray(receipt.to) ? receipt.to.value[0]?.address : '').toBe(
      'jan@example.nl',
    );
    const contact = await contactOf('<ob-1@example.nl>');
    const uiterlijk = new Date(contact.due_at).toLocaleDateString('nl-NL', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Amsterdam',
    });
    expect(receipt.text).toContain('Beste Jan Jansen,');
    expect(receipt.text).toContain(
      `U krijgt uiterlijk ${uiterlijk} een antwoord. Dat is binnen 2 werkdagen.`,
    );
    expect(receipt.text).toContain(`Uw kenmerk: ${contact.id.slice(0, 8).toUpperCase()}`);
    expect(receipt.text).toContain('Dit is een automatisch bericht.');
    // The promise is kept for the KPI voorspelbaarheid: due at the contact's due time, not yet answered.
    expect(
      await storeRows(
        kit.server.store,
        sql`SELECT beloofd_voor FROM ontvangstbevestigingen WHERE contact_id = ${contact.id}`,
      ),
    ).toEqual([{ beloofd_voor: contact.due_at }]);

    // The resident answers the receipt: the mail joins the same contact and gets no second receipt.
    await kit.sendMail({
      from: 'jan@example.nl',
      to: EIGEN,
      subject: 'Re: Ontvangen: Vraag over parkeervergunning',
      messageId: '<ob-2@example.nl>',
      inReplyTo: receipt.messageId,
      references: ['<ob-1@example.nl>', receipt.messageId ?? ''],
      text: 'Nog een vraag: kan het ook voor twee auto’s?',
    });
    expect(await contactOf('<ob-2@example.nl>')).toBeUndefined();
    expect((await uitgaand(contact.id)).filter((m) => m.soort === 'ontvangstbevestiging')).toHaveLength(1);
    // The same mail delivered twice is one contact with one receipt, too.
    await kit.sendMail({
      from: 'jan@example.nl',
      to: EIGEN,
      subject: 'Dubbel',
      messageId: '<ob-3@example.nl>',
      text: 'x',
    });
    await kit.sendMail({
      from: 'jan@example.nl',
      to: EIGEN,
      subject: 'Dubbel',
      messageId: '<ob-3@example.nl>',
      text: 'x',
    });
    expect(await uitgaand((await contactOf('<ob-3@example.nl>')).id)).toHaveLength(1);
    expect((await kit.sink.next()).subject).toBe('Ontvangen: Dubbel');
  });

  it('sends nothing to an auto-reply or a mailing list, and notes why on the contact', async () => {
    await kit.sendMail({
      from: 'jan@example.nl',
      to: EIGEN,
      subject: 'Afwezig: Vraag over parkeervergunning',
      messageId: '<ob-auto@example.nl>',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Ik ben afwezig tot maandag.',
    });
    await kit.sendMail({
      from: 'nieuws@vereniging.example',
      to: EIGEN,
      subject: 'Nieuwsbrief december',
      messageId: '<ob-list@vereniging.example>',
      headers: { 'List-Id': 'Nieuws <nieuws.vereniging.example>', Precedence: 'list' },
      text: 'Het laatste nieuws.',
    });
    for (const [id, reden] of [
      ['<ob-auto@example.nl>', 'Auto-Submitted: auto-replied'],
      ['<ob-list@vereniging.example>', 'Precedence: list'],
    ] as const) {
      const contact = await contactOf(id);
      expect(await uitgaand(contact.id)).toEqual([]);
      expect(
        (await events(contact.id, 'ontvangstbevestiging-overgeslagen')).map((e) => JSON.parse(e.data)),
      ).toEqual([{ reden }]);
    }
  });

  it('confirms a web form to the submitter, not threaded to anything', async () => {
    const res = await fetch(`${kit.server.url}/api/channels/webformulier`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': INTEGRATION_KEY },
      body: JSON.stringify({
        formulier: 'Melding openbare ruimte',
        inzendingId: 'ob-form-1',
        velden: { Omschrijving: 'Losse stoeptegel' },
        indiener: { naam: 'Sanne de Vries', email: 'Sanne@Example.nl' },
      }),
    });
    expect(res.status).toBe(201);
    const receipt = await kit.sink.next();
    expect(receipt.subject).toBe('Ontvangen: Melding openbare ruimte');
    expect(receipt.to && !Array.isArray(receipt.to) ? receipt.to.value[0]?.address : '').toBe(
      'sanne@example.nl',
    );
    expect(receipt.inReplyTo).toBeUndefined();
    expect(receipt.headers.get('auto-submitted')).toBe('auto-replied');
    expect(receipt.text).toContain('Beste Sanne de Vries,');
  });

  it('lets the beheerder change the text per queue, or switch the receipt off', async () => {
    const put = (who: string, body: unknown, queue = 'email') =>
      fetch(`${kit.server.url}/api/beheer/ontvangstbevestigingen/${queue}`, {
        method: 'PUT',
        headers: { ...bearer(who), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const list = await fetch(`${kit.server.url}/api/beheer/ontvangstbevestigingen`, { headers: bearer(bea) });
    const body = (await list.json()) as OntvangstbevestigingenResponse;
    expect(body.items.map((i) => [i.queueId, i.standaard, i.actief])).toEqual([['email', true, true]]);
    expect(body.plaatshouders).toContain('datum');
    expect(
      (await fetch(`${kit.server.url}/api/beheer/ontvangstbevestigingen`, { headers: bearer(anna) })).status,
    ).toBe(403);
    expect((await put(anna, { tekst: 'Dank voor uw bericht over {onderwerp}.', actief: true })).status).toBe(
      403,
    );
    const bad = await put(bea, { tekst: 'Dank voor uw bericht, {voornaam}. Tot snel.', actief: true });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('{voornaam}');
    expect((await put(bea, { tekst: 'Dank voor uw bericht.', actief: true }, 'algemeen')).status).toBe(404);

    const saved = await put(bea, {
      tekst: 'Beste {naam},\n\nDank voor uw bericht over {onderwerp}. Wij antwoorden uiterlijk {datum}.',
      actief: true,
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ queueId: 'email', standaard: false, bijgewerktDoor: 'bea' });
    await kit.sendMail({
      from: 'piet@example.nl',
      to: EIGEN,
      subject: 'Kapotte lantaarn',
      messageId: '<ob-t1@example.nl>',
      text: 'x',
    });
    expect((await kit.sink.next()).text).toMatch(
      /^Beste heer, mevrouw,\n\nDank voor uw bericht over Kapotte lantaarn\. Wij antwoorden uiterlijk \w+dag /,
    );

    expect((await put(bea, { tekst: 'Dank voor uw bericht over {onderwerp}.', actief: false })).status).toBe(
      200,
    );
    await kit.sendMail({
      from: 'piet@example.nl',
      to: EIGEN,
      subject: 'Nog een lantaarn',
      messageId: '<ob-t2@example.nl>',
      text: 'x',
    });
    expect(await uitgaand((await contactOf('<ob-t2@example.nl>')).id)).toEqual([]);
  });
});
