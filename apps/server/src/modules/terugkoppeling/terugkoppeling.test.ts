import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AfdelingenResponse, RegistrationResponse } from '@kcc/contracts/rest';
import type { ToestemmingenResponse, Toestemming } from '@kcc/contracts/toestemmingen';
import type { AuditExport } from '@kcc/contracts/verwerkingen';
import {
  NOTIFY_API_KEY,
  startNotifyMock,
  type NotifyMock,
} from '../../../test-support/connectors/register-mocks';
import { describeEachStore, type FreshDatabase, type StoreUnderTest } from '../../../test-support/each-store';
import { storeRows, storeSql } from '../../../test-support/store-rows';
import { TestClock } from '../../../test-support/test-clock';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';
import { startSmtpSink, type SmtpSink } from '../../../test-support/channel-test-kit';

const KI_TOKEN = 'ki-test-token-123';
const TEMPLATE_TERUGKOPPELING = '0b6c8f0e-7a57-4c43-9d2f-3c1a4e5b6d70';
const TEMPLATE_BEOORDELING = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
// Demo data (klantinteracties/seed-demo.ts, klantbeeld/demo-registers-data.ts).
const FATIMA = { telefoon: '0612345678', geboortedatum: '1984-03-12', postcode: '1234AB', huisnummer: 4 };

let server: TestServer;
let sink: SmtpSink;
let notify: NotifyMock;
let clock: TestClock;
let anna: { token: string; socket: AgentClient };
let database: FreshDatabase;

/** A fresh server (with its own mail sink and NotifyNL mock) on the store under test, for each variant. */
function startServer(stores: StoreUnderTest): void {
  beforeAll(async () => {
    database = await stores.freshDatabase();
    sink = await startSmtpSink();
    notify = await startNotifyMock();
    clock = new TestClock();
    server = await startTestServer(
      {
        KCC_SMTP_RELAY: `127.0.0.1:${sink.port}`,
        KCC_NOTIFY_URL: notify.url,
        KCC_NOTIFY_API_KEY: NOTIFY_API_KEY,
        KCC_NOTIFY_TEMPLATE_TERUGKOPPELING: TEMPLATE_TERUGKOPPELING,
        KCC_NOTIFY_TEMPLATE_BEOORDELING: TEMPLATE_BEOORDELING,
        KCC_KLANTINTERACTIES_TOKEN: KI_TOKEN,
        KCC_WRAP_UP_MS: '0',
        ...database.env,
      },
      { clock },
    );
    // Ten days ahead of the wall clock: times the server records come from the injected clock, not Date.now().
    clock.advance(10 * 86_400_000);
    const token = await server.login('anna');
    const socket = await server.connectAgent(token);
    await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
    anna = { token, socket };
  });
  afterAll(async () => {
    await server.stop();
    await notify.close();
    await sink.close();
    await database.drop();
  });
}

async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...bearer(anna.token),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A call that anna answers; returns the contact id. */
async function aangenomenContact(inbound: Record<string, unknown>): Promise<string> {
  const offered = nextEvent(anna.socket, 'contact:offered');
  const res = await server.inbound(inbound);
  const { contactId } = (await res.json()) as { contactId: string };
  const offer = await offered;
  expect((await anna.socket.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
  return contactId;
}

const belFatima = (id: string) =>
  aangenomenContact({
    channel: 'telefoon',
    externalId: id,
    from: { phone: FATIMA.telefoon },
    subject: 'Vraag',
  });

async function verifieer(contactId: string) {
  const res = await api<{ resultaat: string }>('POST', `/api/contacts/${contactId}/verificatie`, {
    geboortedatum: FATIMA.geboortedatum,
    postcode: FATIMA.postcode,
    huisnummer: FATIMA.huisnummer,
  });
  expect(res.body.resultaat).toBe('geverifieerd');
}

async function registreer(contactId: string, body: Record<string, unknown>) {
  const res = await api<RegistrationResponse>('POST', `/api/contacts/${contactId}/registration`, body, {
    'idempotency-key': randomUUID(),
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function afdeling() {
  return (await api<AfdelingenResponse>('GET', '/api/afdelingen')).body.items[0]!;
}

async function smsCount(n: number) {
  await expect.poll(() => notify.sms.length, { timeout: 10_000 }).toBe(n);
}

describeEachStore('terugkoppeling and toestemmingen', (stores) => {
  startServer(stores);
  let partijUuid: string;
  let taakUuid: string;
  let voorkeur: Toestemming;

  it('records toestemmingen only for a verified resident, validated, with a verwerkingenlog line', async () => {
    const contactId = await belFatima('tk-1');
    const before = await api<ToestemmingenResponse>('GET', `/api/contacts/${contactId}/toestemmingen`);
    expect(before.status).toBe(200);
    expect(before.body.vastleggenToegestaan).toBe(false);
    expect(before.body.actueel).toEqual([]);
    partijUuid = before.body.partij!.uuid;

    const geweigerd = await api('POST', `/api/contacts/${contactId}/toestemmingen`, {
      soort: 'voorkeurskanaal',
      kanaal: 'sms',
      adres: FATIMA.telefoon,
    });
    expect(geweigerd.status).toBe(403);

    await verifieer(contactId);
    const fout = await api<{ invalidParams: { name: string }[] }>(
      'POST',
      `/api/contacts/${contactId}/toestemmingen`,
      { soort: 'voorkeurskanaal', kanaal: 'sms', adres: 'geen nummer' },
    );
    expect(fout.status).toBe(400);
    expect(fout.body.invalidParams.map((p) => p.name)).toEqual(['adres']);

    const sms = await api<Toestemming>('POST', `/api/contacts/${contactId}/toestemmingen`, {
      soort: 'voorkeurskanaal',
      kanaal: 'sms',
      adres: FATIMA.telefoon,
    });
    expect(sms.status).toBe(201);
    expect(sms.body).toMatchObject({ wijze: 'mondeling gegeven', gegevenVia: 'telefoon', kanaal: 'sms' });
    // The time comes from the injected clock.
    expect(Date.parse(sms.body.gegevenOp) - Date.now()).toBeGreaterThan(9 * 86_400_000);
    voorkeur = sms.body;
    const proactief = await api<Toestemming>('POST', `/api/contacts/${contactId}/toestemmingen`, {
      soort: 'proactief_contact',
      kanaal: 'sms',
      adres: FATIMA.telefoon,
    });
    expect(proactief.status).toBe(201);

    const gelezen = async () =>
      (
        await storeRows(
          server.store,
          sql<{
            n: number;
          }>`SELECT count(*) AS n FROM verwerkingen WHERE partij_uuid = ${partijUuid} AND categorieen LIKE '%toestemmingen%' AND handeling = 'inzien'`,
        )
      )[0]!.n;
    // The reads before there was anything to show handed out nothing: not logged. This one is.
    expect(await gelezen()).toBe(0);
    const now = await api<ToestemmingenResponse>('GET', `/api/contacts/${contactId}/toestemmingen`);
    expect(await gelezen()).toBe(1);
    expect(now.body.actueel.map((t) => t.soort).sort()).toEqual(['proactief_contact', 'voorkeurskanaal']);
    expect(now.body.voorkeurskanaal).toEqual({ kanaal: 'sms', adres: FATIMA.telefoon });
    const [log] = await storeRows(
      server.store,
      sql<{
        n: number;
      }>`SELECT count(*) AS n FROM verwerkingen WHERE partij_uuid = ${partijUuid} AND categorieen LIKE '%toestemmingen%' AND handeling = 'aanmaken'`,
    );
    expect(log!.n).toBe(2);

    // A phone contact with a follow-up: "doorgestuurd" by SMS, and (proactief contact allowed) a rating link.
    const afd = await afdeling();
    const reg = await registreer(contactId, {
      onderwerp: 'Bezwaar WOZ',
      gespreksresultaat: 'contactverzoek_gemaakt',
      partij: { uuid: partijUuid },
      interneTaak: { gevraagdeHandeling: 'Bel mevrouw terug', actor: { uuid: afd.actorUuid } },
    });
    taakUuid = reg.interneTaak!.uuid;
    await smsCount(2);
    const vervolg = notify.sms.find((s) => s.template_id === TEMPLATE_TERUGKOPPELING)!;
    expect(vervolg.phone_number).toBe('+31612345678');
    expect(vervolg.personalisation.bericht).toContain(`doorgestuurd naar ${afd.naam}`);
    expect(vervolg.personalisation.bericht).not.toMatch(/Fatima|El Amrani|1984/);
    expect(notify.violations).toEqual([]);
  });

  it('tells the resident when the interne taak is verwerkt through the Klantinteracties API, once', async () => {
    const patch = (status: string) =>
      fetch(`${server.url}/klantinteracties/api/v1/internetaken/${taakUuid}`, {
        method: 'PATCH',
        headers: { authorization: `Token ${KI_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    const first = await patch('verwerkt');
    expect(first.status, await first.clone().text()).toBe(200);
    await smsCount(3);
    expect(notify.sms[2]!.personalisation.bericht).toContain('is afgehandeld');
    // Again verwerkt (no transition), and reopened and closed again (the same event): nothing more goes out.
    expect((await patch('verwerkt')).status).toBe(200);
    expect((await patch('te_verwerken')).status).toBe(200);
    expect((await patch('verwerkt')).status).toBe(200);
    const [rows] = await storeRows(
      server.store,
      sql<{
        n: number;
      }>`SELECT count(*) AS n FROM terugkoppelingen WHERE sleutel = ${`interne-taak:${taakUuid}`}`,
    );
    expect(rows!.n).toBe(1);
    expect(notify.sms).toHaveLength(3);

    // One verwerkingenlog line per message sent (written right after NotifyNL accepted it).
    const lines = async () =>
      (
        await storeRows(
          server.store,
          sql<{
            n: number;
          }>`SELECT count(*) AS n FROM audit_verwerkingsacties WHERE activiteit_code = 'kcc-terugkoppeling' AND handeling = 'exporteren'`,
        )
      )[0]!.n;
    await expect.poll(lines).toBe(3);
  });

  it('the rating link after the call records tevredenheid for telefoon once, and is unguessable', async () => {
    const bericht = notify.sms.find((s) => s.template_id === TEMPLATE_BEOORDELING)!.personalisation.bericht!;
    const link = /https?:\/\/\S+\/beoordeling\/[A-Za-z0-9_-]{43}/.exec(bericht)?.[0];
    expect(link).toBeDefined();
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Hoe tevreden bent u over het telefoongesprek?');
    const post = () =>
      fetch(link!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ score: 4 }),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(409);
    const csat = (await storeSql(server.store).all(
      "SELECT data FROM contact_events WHERE type = 'csat'",
    )) as {
      data: string;
    }[];
    expect(csat.map((r) => JSON.parse(r.data) as { channel: string; score: number })).toEqual([
      { score: 4, channel: 'telefoon' },
    ]);
    const guessed = await fetch(link!.replace(/[A-Za-z0-9_-]{43}$/, 'A'.repeat(43)));
    expect(guessed.status).toBe(404);
  });

  it('retries on the injected clock when NotifyNL is down, and sends exactly once', async () => {
    const contactId = await belFatima('tk-2');
    notify.setOutage(503);
    await registreer(contactId, {
      onderwerp: 'Parkeervergunning',
      gespreksresultaat: 'contactverzoek_gemaakt',
      partij: { uuid: partijUuid },
      interneTaak: { gevraagdeHandeling: 'Vergunning nakijken' },
    });
    const rows = () =>
      storeRows(
        server.store,
        sql<{
          aanleiding: string;
          status: string;
          pogingen: number;
        }>`SELECT aanleiding, status, pogingen FROM terugkoppelingen WHERE contact_id = ${contactId} ORDER BY aanleiding`,
      );
    // The follow-up and this call's rating link both failed once and wait for their next attempt.
    await expect.poll(rows).toEqual([
      { aanleiding: 'beoordeling', status: 'wachtend', pogingen: 1 },
      { aanleiding: 'vervolg_geregistreerd', status: 'wachtend', pogingen: 1 },
    ]);
    const sent = notify.sms.length;
    notify.setOutage(undefined);
    clock.advance(30_000);
    await smsCount(sent + 2);
    // Both delivered on the second attempt, and nothing is left waiting: no later attempt can send them again.
    await expect.poll(rows).toEqual([
      { aanleiding: 'beoordeling', status: 'verstuurd', pogingen: 2 },
      { aanleiding: 'vervolg_geregistreerd', status: 'verstuurd', pogingen: 2 },
    ]);
    expect(
      await storeRows(
        server.store,
        sql`SELECT count(*) AS n FROM terugkoppelingen WHERE status = 'wachtend'`,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('tells the resident when a terugbelverzoek is closed (reached), once', async () => {
    const contactId = await belFatima('tk-cb');
    const cb = await api<{ contactId: string }>('POST', `/api/contacts/${contactId}/terugbelverzoek`, {
      telefoonnummer: FATIMA.telefoon,
    });
    expect(cb.status).toBe(201);
    const sent = notify.sms.length;
    // The callback is routed as soon as the agent is free again.
    const offered = nextEvent(anna.socket, 'contact:offered');
    await registreer(contactId, {
      onderwerp: 'Terugbellen afgesproken',
      gespreksresultaat: 'zelfstandig_afgehandeld',
    });
    await smsCount(sent + 1); // the rating link for this call
    const offer = await offered;
    expect(offer.contact.id).toBe(cb.body.contactId);
    expect((await anna.socket.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
    const uitkomst = () =>
      api('POST', `/api/contacts/${cb.body.contactId}/terugbelverzoek/uitkomst`, { uitkomst: 'gelukt' });
    expect((await uitkomst()).status).toBe(200);
    expect((await uitkomst()).status).toBe(409);
    await smsCount(sent + 2);
    expect(notify.sms.at(-1)!.personalisation.bericht).toContain('Wij hebben u teruggebeld');
    await registreer(cb.body.contactId, {
      onderwerp: 'Teruggebeld',
      gespreksresultaat: 'zelfstandig_afgehandeld',
    });
    expect(
      await storeRows(
        server.store,
        sql`SELECT count(*) AS n FROM terugkoppelingen WHERE sleutel = ${`terugbelverzoek:${cb.body.contactId}`}`,
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('after a withdrawal nothing goes out, and the agent sees why', async () => {
    const contactId = await belFatima('tk-3');
    const ingetrokken = await api<Toestemming>(
      'POST',
      `/api/contacts/${contactId}/toestemmingen/${voorkeur.id}/intrekken`,
    );
    expect(ingetrokken.status).toBe(200);
    expect(ingetrokken.body.ingetrokkenOp).toBeDefined();
    expect(
      (await api('POST', `/api/contacts/${contactId}/toestemmingen/${voorkeur.id}/intrekken`)).status,
    ).toBe(404);
    const lijst = () => api<ToestemmingenResponse>('GET', `/api/contacts/${contactId}/toestemmingen`);
    const proactief = (await lijst()).body.actueel[0]!;
    expect(proactief.soort).toBe('proactief_contact');
    await api('POST', `/api/contacts/${contactId}/toestemmingen/${proactief.id}/intrekken`);
    const na = (await lijst()).body;
    expect(na.actueel).toEqual([]);
    expect(na.geschiedenis).toHaveLength(2);
    expect(
      na.geschiedenis.every((t) => t.ingetrokkenOp !== undefined && t.ingetrokkenDoor === 'Anna de Vries'),
    ).toBe(true);

    const sent = notify.sms.length;
    await registreer(contactId, {
      onderwerp: 'Afvalpas',
      gespreksresultaat: 'contactverzoek_gemaakt',
      partij: { uuid: partijUuid },
      interneTaak: { gevraagdeHandeling: 'Nieuwe pas sturen' },
      afronden: false,
    });
    await expect
      .poll(async () =>
        (await lijst()).body.terugkoppelingen
          .filter((t) => t.status === 'niet_verstuurd')
          .map((t) => [t.aanleiding, t.reden])
          .sort(),
      )
      .toEqual([
        ['beoordeling', 'De inwoner gaf geen toestemming om zelf contact op te nemen.'],
        [
          'vervolg_geregistreerd',
          'Geen toestemming voor berichten via een voorkeurskanaal en de vraag kwam niet per e-mail binnen.',
        ],
      ]);
    expect(notify.sms).toHaveLength(sent);
    await registreer(contactId, { onderwerp: 'Afvalpas', gespreksresultaat: 'zelfstandig_afgehandeld' });
  });

  it('an e-mail question with a follow-up gets an e-mail through the relay, without toestemming', async () => {
    const contactId = await aangenomenContact({
      channel: 'email',
      externalId: `<tk-4-${randomUUID()}@example.nl>`,
      from: { email: 'onbekend@example.nl', name: 'J. Onbekend' },
      subject: 'Vraag over de markt',
      body: 'Mag ik een kraam huren?',
    });
    const body = {
      onderwerp: 'Marktkraam huren',
      gespreksresultaat: 'contactverzoek_gemaakt',
      interneTaak: { gevraagdeHandeling: 'Beschikbaarheid nakijken' },
    };
    // The workplace retries a registration with the same Idempotency-Key: one klantcontact, one message.
    const key = randomUUID();
    for (let i = 0; i < 2; i++) {
      const res = await api('POST', `/api/contacts/${contactId}/registration`, body, {
        'idempotency-key': key,
      });
      expect(res.status).toBe(201);
    }
    expect(
      await storeRows(
        server.store,
        sql`SELECT count(*) AS n FROM terugkoppelingen WHERE contact_id = ${contactId}`,
      ),
    ).toEqual([{ n: 1 }]);
    let mail = await sink.next();
    // The agent's work may have produced an ontvangstbevestiging first; find ours.
    while (mail.subject !== 'Wij zoeken uw vraag verder uit') mail = await sink.next();
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('onbekend@example.nl');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('"Marktkraam huren"');
    expect(sink.mails.filter((m) => m.parsed.subject === 'Wij zoeken uw vraag verder uit')).toHaveLength(1);
  });

  it('puts the toestemmingen with their history in the inzage export', async () => {
    const priya = await server.login('priya');
    const res = await fetch(`${server.url}/api/audit/verwerkingen/export?partij=${partijUuid}&format=json`, {
      headers: bearer(priya),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AuditExport;
    expect(body.toestemmingen?.map((t) => [t.soort, t.ingetrokkenOp !== undefined]).sort()).toEqual([
      ['proactief_contact', true],
      ['voorkeurskanaal', true],
    ]);
    expect(body.verwerkingsacties.some((a) => a.verwerkingsactiviteitCode === 'kcc-terugkoppeling')).toBe(
      true,
    );
  });

  it('rate-limits the public rating page per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await fetch(`${server.url}/beoordeling/${'B'.repeat(43)}`)).status);
    }
    // The earlier tests used a few of the 30 per minute already; the 31st here is certainly over.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([]);
  });
});
