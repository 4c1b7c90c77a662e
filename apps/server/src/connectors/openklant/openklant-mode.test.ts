import { randomUUID } from 'node:crypto';
import { storeRows } from '../../../test-support/store-rows';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import type { KoppelingenResponse } from '@kcc/contracts/klantbeeld';
import type { ContactKlantbeeldResponse } from '@kcc/contracts/klantbeeld';
import type { AfdelingenResponse, LinkPartijResponse, PartijSearchResponse } from '@kcc/contracts/rest';
import {
  bearer,
  INTEGRATION_KEY,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';
import {
  OPENKLANT_TOKEN,
  startOpenKlantMock,
  type OpenKlantMock,
} from '../../../test-support/connectors/openklant-mock';
import type { OpenKlantOutboxTables } from './openklant-outbox';
import { ZOEKEN_OP_NAAM_MELDING } from './openklant-register';
import { KLANTREGISTER_STORING } from '../../modules/klantbeeld/klantbeeld.routes';

const FATIMA = { bsn: '999993653', naam: { voornaam: 'Fatima', achternaam: 'El Amrani' } };

async function until<T>(what: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The outbox rows, read on the store the server uses (SQLite or PostgreSQL). */
function outboxRowsOf(server: TestServer, referentie?: string) {
  const q = server.store.kysely<OpenKlantOutboxTables>().selectFrom('openklant_outbox').selectAll();
  return (referentie ? q.where('referentienummer', '=', referentie) : q).execute();
}
const stateOf = (rows: { state: string }[]) => rows.map((r) => ({ state: r.state }));

/** The whole server with Open Klant as klantregister: every request it sends is validated against the spec. */
describeEachStore('the contact panel with Open Klant configured', (stores) => {
  let mock: OpenKlantMock;
  let database: FreshDatabase;
  let server: TestServer;
  let anna: AgentClient;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    mock = await startOpenKlantMock();
    mock.seedPartij({ ...FATIMA, telefoon: '0612345678' });
    database = await stores.freshDatabase();
    server = await startTestServer({
      ...database.env,
      KCC_OPENKLANT_URL: mock.base,
      KCC_OPENKLANT_TOKEN: OPENKLANT_TOKEN,
      KCC_REGISTER_TIMEOUT_MS: '1000',
      KCC_WRAP_UP_MS: '0',
    });
    for (const u of ['anna', 'bea', 'priya']) tokens[u] = await server.login(u);
    anna = await server.connectAgent(tokens.anna!);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    expect(mock.violations).toEqual([]);
    await mock.close();
  });

  const call = async <T>(method: string, path: string, body?: unknown, who = 'anna') => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...bearer(tokens[who]!),
        ...(body !== undefined
          ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() }
          : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  async function holdContact(channel: string, from: Record<string, string>): Promise<string> {
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel, externalId: randomUUID(), from });
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    return contact.id;
  }
  const outboxRows = (referentie?: string) => outboxRowsOf(server, referentie);
  const outboxState = async (referentie?: string) => stateOf(await outboxRows(referentie));
  /** Handed over (the outbox has `count` registrations) and every one forwarded. */
  const allForwarded = (count: number) =>
    until(async () => {
      const states = await outboxState();
      return states.length === count && states.every((r) => r.state === 'verstuurd') ? true : undefined;
    });

  it('recognises the caller in Open Klant, and shows a registration before and after it is forwarded', async () => {
    const partij = mock.store.partijen![0]!;
    const id = await holdContact('telefoon', { phone: '+31 6 12345678' });
    const first = await call<ContactKlantbeeldResponse>('GET', `/api/contacts/${id}/klantbeeld`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      herkenning: 'telefoon',
      partij: { uuid: partij.uuid, naam: 'Fatima El Amrani' },
      identificatie: { niveau: 'herkend', methode: 'telefoon' },
    });
    // Recognised, not verified: the BSN stays on the server.
    expect(first.body.partij).not.toHaveProperty('bsn');
    expect(first.body.integraal?.verantwoording.bronnen).toContainEqual(
      expect.objectContaining({ register: 'klantinteracties', bron: 'extern', status: 'beschikbaar' }),
    );
    expect(
      mock.requests.some((r) => r.url.includes('/digitaleadressen?') && r.url.includes('0612345678')),
    ).toBe(true);

    // Register with an interne taak for an afdeling; Open Klant refuses the first attempt (503).
    const afdeling = (await call<AfdelingenResponse>('GET', '/api/afdelingen')).body.items[0]!;
    mock.failPost('klantcontacten', 503, 1);
    const registered = await call('POST', `/api/contacts/${id}/registration`, {
      onderwerp: 'Bezwaar WOZ-waarde',
      inhoud: 'Vraagt naar de stand van het bezwaar',
      gespreksresultaat: 'doorverbonden_naar_afdeling',
      partij: { uuid: partij.uuid },
      afronden: false,
      interneTaak: { gevraagdeHandeling: 'Terugbellen over bezwaar', actor: { uuid: afdeling.actorUuid } },
    });
    expect(registered.status).toBe(201);
    // Handed over in the registration's transaction, in the outbox right after the commit.
    const payload = await until(async () => (await outboxRows())[0]?.payload);
    expect(JSON.parse(payload)).toMatchObject({
      klantcontact: { metadata: { identificatieniveau: 'herkend' } },
    });
    // Wait until the outbox has seen that refusal (it retries after a backoff of 2 s).
    await until(async () => ((await outboxRows())[0]?.attempts === 1 ? true : undefined));
    const waiting = await call<ContactKlantbeeldResponse>('GET', `/api/contacts/${id}/klantbeeld`);
    expect(waiting.body.klantcontacten).toMatchObject([
      { onderwerp: 'Bezwaar WOZ-waarde', doorsturen: 'wachtend', medewerker: 'Anna de Vries' },
    ]);
    expect(waiting.body.openInterneTaken).toMatchObject([
      { gevraagdeHandeling: 'Terugbellen over bezwaar', toegewezenAan: [afdeling.naam] },
    ]);

    // The beheerder sees the waiting registration (no personal data) and retries it now.
    const overzicht = await call<KoppelingenResponse>('GET', '/api/beheer/koppelingen', undefined, 'bea');
    expect(overzicht.status).toBe(200);
    const item = overzicht.body.openKlantOutbox!.items[0]!;
    expect(item).toMatchObject({ state: 'wachtend', attempts: 1 });
    expect(JSON.stringify(overzicht.body)).not.toContain('Bezwaar');
    expect((await call('GET', '/api/beheer/koppelingen')).status).toBe(403);
    expect(
      (await call('POST', `/api/beheer/koppelingen/openklant-outbox/${item.id}/opnieuw`, {}, 'bea')).status,
    ).toBe(200);
    await until(async () =>
      (await outboxState(item.referentienummer))[0]?.state === 'verstuurd' ? true : undefined,
    );

    const after = await call<ContactKlantbeeldResponse>('GET', `/api/contacts/${id}/klantbeeld`);
    expect(after.body.klantcontacten).toHaveLength(1);
    expect(after.body.klantcontacten[0]).toMatchObject({ onderwerp: 'Bezwaar WOZ-waarde' });
    expect(after.body.klantcontacten[0]!.doorsturen).toBeUndefined();
    expect(after.body.klantcontacten[0]!.gespreksresultaat).toBe('Doorverbonden naar afdeling');
    expect(after.body.openInterneTaken).toMatchObject([{ toegewezenAan: [afdeling.naam] }]);
    const betrokkene = mock.store.betrokkenen!.at(-1)!;
    expect((betrokkene.wasPartij as { uuid: string }).uuid).toBe(partij.uuid);
    const actor = mock.store.actoren!.find((a) => a.naam === afdeling.naam)!;
    expect(actor.soortActor).toBe('organisatorische_eenheid');

    // The privacy officer finds the views of this Open Klant partij by BSN.
    const log = await call<{ items: { handeling: string; contactId?: string }[] }>(
      'GET',
      `/api/audit/verwerkingen?bsn=${FATIMA.bsn}`,
      undefined,
      'priya',
    );
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.body)).toContain(id);

    // A second question closes the contact; it is forwarded without a betrokkene partij of its own.
    const closing = await call('POST', `/api/contacts/${id}/registration`, {
      onderwerp: 'Vraag over parkeren',
      gespreksresultaat: 'zelfstandig_afgehandeld',
    });
    expect(closing.status).toBe(201);
    await allForwarded(2);
  });

  it('forwards the transcript of a web form as a bijlage of its klantcontact in Open Klant', async () => {
    const offered = nextEvent(anna, 'contact:offered');
    const form = await fetch(`${server.url}/api/channels/webformulier`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': INTEGRATION_KEY },
      body: JSON.stringify({
        formulier: 'Melding openbare ruimte',
        velden: { Locatie: 'Marktplein', Omschrijving: 'Kapotte lantaarnpaal' },
        indiener: { naam: 'Jan Jansen', email: 'jan@example.nl' },
      }),
    });
    expect(form.status).toBe(201);
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    const registered = await call<{ klantcontact: { uuid: string } }>(
      'POST',
      `/api/contacts/${contact.id}/registration`,
      { onderwerp: 'Kapotte lantaarnpaal', gespreksresultaat: 'zelfstandig_afgehandeld' },
    );
    expect(registered.status).toBe(201);
    // The transcript link follows the registration's commit (it reads the contact's messages first).
    const bijlagenOfContact = () =>
      mock.store.bijlagen!.filter(
        (b) => (b.bijlageidentificator as { objectId?: string } | null)?.objectId === contact.id,
      );
    await until(() => (bijlagenOfContact().length > 0 ? true : undefined));
    await allForwarded(3);

    // The transcript is linked after the registration's commit: it may reach Open Klant with it or just after.
    const bijlagen = await until(() => {
      const found = mock.store.bijlagen!.filter(
        (b) => (b.bijlageidentificator as { objectId?: string } | null)?.objectId === contact.id,
      );
      return found.length > 0 ? found : undefined;
    });
    expect(bijlagen).toHaveLength(1);
    expect(bijlagen[0]!.bijlageidentificator).toEqual({
      codeRegister: 'kcc',
      codeObjecttype: 'transcript',
      codeSoortObjectId: 'contact_id',
      objectId: contact.id,
    });
    const remote = mock.store.klantcontacten!.find(
      (k) => k.uuid === (bijlagen[0]!.wasBijlageVanKlantcontact as { uuid: string }).uuid,
    );
    expect(remote).toMatchObject({ onderwerp: 'Kapotte lantaarnpaal', kanaal: 'webformulier' });
    // The embedded store keeps the same bijlage on its own copy of the registration (linked after the commit).
    const kc = registered.body.klantcontact.uuid as string;
    await expect
      .poll(() =>
        storeRows(
          server.store,
          sql<{ object_id: string }>`SELECT object_id FROM ki_bijlagen WHERE klantcontact_uuid = ${kc}`,
        ),
      )
      .toEqual([{ object_id: contact.id }]);
  });

  it('searches Open Klant by phone, explains why a name search cannot work, and creates a new persoon there', async () => {
    const id = await holdContact('chat', { name: 'Onbekend' });
    const unknown = await call<ContactKlantbeeldResponse>('GET', `/api/contacts/${id}/klantbeeld`);
    expect(unknown.body).toMatchObject({ herkenning: 'onbekend', kandidaten: [] });

    const byName = await call<PartijSearchResponse>('GET', '/api/partijen?q=El%20Amrani');
    expect(byName.body).toEqual({ items: [], melding: ZOEKEN_OP_NAAM_MELDING });
    const byPhone = await call<PartijSearchResponse>('GET', '/api/partijen?q=06-12345678');
    expect(byPhone.body.items.map((p) => p.naam)).toEqual(['Fatima El Amrani']);

    const created = await call<LinkPartijResponse>('POST', `/api/contacts/${id}/partij`, {
      nieuw: {
        voornaam: 'Fleur',
        achternaam: 'de Wit',
        telefoonnummer: '06 8765 4321',
        email: 'fleur@example.nl',
      },
    });
    expect(created.status).toBe(201);
    const remote = mock.store.partijen!.find((p) => p.uuid === created.body.partij.uuid);
    expect(remote).toBeDefined();
    expect(
      mock.store
        .digitaleadressen!.filter(
          (d) => (d.verstrektDoorPartij as { uuid?: string } | null)?.uuid === remote!.uuid,
        )
        .map((d) => d.adres)
        .sort(),
    ).toEqual(['0687654321', 'fleur@example.nl']);
    const linked = await call<ContactKlantbeeldResponse>('GET', `/api/contacts/${id}/klantbeeld`);
    expect(linked.body).toMatchObject({ herkenning: 'gekoppeld', partij: { naam: 'Fleur de Wit' } });

    // Creating the same BSN twice links the existing partij instead of duplicating it.
    const again = await call<LinkPartijResponse>('POST', `/api/contacts/${id}/partij`, {
      nieuw: { achternaam: 'Amrani', bsn: FATIMA.bsn },
    });
    expect(again.body.partij.naam).toBe('Fatima El Amrani');
  });

  it('removes a half-created partij when Open Klant refuses its address', async () => {
    const id = await holdContact('chat', {});
    const before = mock.store.partijen!.length;
    mock.failPost('digitaleadressen', 400, 1);
    const res = await call('POST', `/api/contacts/${id}/partij`, {
      nieuw: { achternaam: 'Bakker', telefoonnummer: '0611122233' },
    });
    expect(res.status).toBe(422);
    expect(mock.store.partijen!.length).toBe(before);
  });
});

describe('the contact panel when Open Klant cannot be reached', () => {
  let server: TestServer;
  let token: string;
  let anna: AgentClient;

  beforeAll(async () => {
    server = await startTestServer({
      KCC_OPENKLANT_URL: 'http://127.0.0.1:9/klantinteracties/api/v1',
      KCC_OPENKLANT_TOKEN: OPENKLANT_TOKEN,
      KCC_REGISTER_TIMEOUT_MS: '300',
    });
    token = await server.login('anna');
    anna = await server.connectAgent(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
  });
  afterAll(() => server?.stop());

  it('says so in the klantbeeld, refuses search with 503 and still accepts the registration', async () => {
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'telefoon', externalId: 'ok-down', from: { phone: '0612345678' } });
    const { offerId, contact } = await offered;
    await anna.emitWithAck('offer:accept', { offerId });
    const headers = { ...bearer(token), 'content-type': 'application/json' };

    const kb = await fetch(`${server.url}/api/contacts/${contact.id}/klantbeeld`, { headers });
    expect(kb.status).toBe(200);
    const body = (await kb.json()) as ContactKlantbeeldResponse;
    expect(body).toMatchObject({
      herkenning: 'onbekend',
      kandidaten: [],
      klantcontacten: [],
      openInterneTaken: [],
      storing: KLANTREGISTER_STORING,
      identificatie: { niveau: 'onbekend' },
    });
    expect(body).not.toHaveProperty('integraal');
    const search = await fetch(`${server.url}/api/partijen?q=0612345678`, { headers });
    expect(search.status).toBe(503);
    expect(search.headers.get('content-type')).toContain('application/problem+json');

    const reg = await fetch(`${server.url}/api/contacts/${contact.id}/registration`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ onderwerp: 'Vraag over afval', gespreksresultaat: 'zelfstandig_afgehandeld' }),
    });
    expect(reg.status).toBe(201);
    const rows = await until(async () => {
      const found = await outboxRowsOf(server);
      return found.length > 0 ? found : undefined;
    });
    expect(stateOf(rows)).toEqual([{ state: 'wachtend' }]);
  });
});
