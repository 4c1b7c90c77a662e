import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { KanaalsturingStatsResponse } from '@kcc/contracts/kennisbank';
import type { RegistrationResponse } from '@kcc/contracts/rest';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeRows } from '../../../test-support/store-rows';

/** The real flow: inbound contact → agent accepts → registration with kanaalsturing and bronnen. */
describeEachStore('kanaalsturing recorded with a registration', (stores) => {
  let database: FreshDatabase;
  let server: TestServer;
  let anna: string;
  let socket: AgentClient;
  let n = 0;

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ KCC_WRAP_UP_MS: '0', ...database.env });
    anna = await server.login('anna');
    socket = await server.connectAgent(anna);
    expect(await socket.emitWithAck('presence:set', { status: 'beschikbaar' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  async function acceptedContact(): Promise<string> {
    const offered = nextEvent(socket, 'contact:offered');
    const res = await server.inbound({
      channel: 'telefoon',
      externalId: `ks-${++n}`,
      from: { phone: '0201234567' },
    });
    expect(res.status).toBe(201);
    const { offerId, contact } = await offered;
    expect(await socket.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    return contact.id;
  }

  const register = (contactId: string, body: unknown, key: string = randomUUID()) =>
    fetch(`${server.url}/api/contacts/${contactId}/registration`, {
      method: 'POST',
      headers: { ...bearer(anna), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });

  const stats = async (query = '', user = 'tess') => {
    const res = await fetch(`${server.url}/api/kennisbank/kanaalsturing/stats${query}`, {
      headers: bearer(await server.login(user)),
    });
    expect(res.status).toBe(200);
    return KanaalsturingStatsResponse.parse(await res.json());
  };

  it('stores kanaalsturing and consulted sources keyed by klantcontact and contact, once per registration', async () => {
    const empty = await stats();
    expect(empty).toEqual({
      total: 0,
      gewezenOpPrimairKanaal: 0,
      nietGewezen: 0,
      aandeelGewezen: 0,
      viaPrimairKanaal: 0,
      aandeelViaPrimairKanaal: 0,
      perProduct: [],
    });

    const contactId = await acceptedContact();
    const key = randomUUID();
    const body = {
      onderwerp: 'Paspoort aanvragen',
      gespreksresultaat: 'zelfstandig_afgehandeld',
      kanaalsturing: {
        product: 'paspoort',
        primairKanaal: 'website (afspraak maken)',
        gewezenOpPrimairKanaal: true,
      },
      bronnen: [
        { id: 'upl:paspoort', title: 'paspoort' },
        { id: 'wi:paspoort-kwijt-gestolen', title: 'Paspoort kwijt of gestolen: wat vraag je uit' },
      ],
    };
    const res = await register(contactId, body, key);
    expect(res.status).toBe(201);
    const { klantcontact } = (await res.json()) as RegistrationResponse;
    // A replay with the same key changes nothing.
    expect((await register(contactId, body, key)).status).toBe(201);

    // Recorded after the commit, by the kennisbank's subscriber to `contact-registered`.
    const rows = await vi.waitFor(async () => {
      const found = await storeRows(
        server.store,
        sql`SELECT contact_id, agent_id, product, primair_kanaal, gewezen, via_primair FROM kanaalsturing
          WHERE klantcontact_uuid = ${klantcontact.uuid}`,
      );
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rows).toEqual([
      {
        contact_id: contactId,
        agent_id: 'user-anna',
        product: 'paspoort',
        primair_kanaal: 'website (afspraak maken)',
        gewezen: 1,
        // a caller did not use the website, whatever the agent ticked
        via_primair: 0,
      },
    ]);
    const bronnen = await storeRows(
      server.store,
      sql`SELECT article_id, title, contact_id FROM kennisbank_bronnen WHERE klantcontact_uuid = ${klantcontact.uuid}
        ORDER BY ${sql.raw(server.store.dialect === 'postgres' ? 'seq' : 'rowid')}`,
    );
    expect(bronnen).toEqual([
      { article_id: 'upl:paspoort', title: 'paspoort', contact_id: contactId },
      {
        article_id: 'wi:paspoort-kwijt-gestolen',
        title: 'Paspoort kwijt of gestolen: wat vraag je uit',
        contact_id: contactId,
      },
    ]);

    const after = await stats();
    expect(after).toMatchObject({ total: 1, gewezenOpPrimairKanaal: 1, nietGewezen: 0, aandeelGewezen: 1 });
  });

  it('counts pointed-to-primary vs not per product, and registrations without kanaalsturing not at all', async () => {
    const c1 = await acceptedContact();
    expect(
      (
        await register(c1, {
          onderwerp: 'Grofvuil',
          gespreksresultaat: 'zelfstandig_afgehandeld',
          kanaalsturing: {
            product: 'afvalinzameling grofvuil',
            primairKanaal: 'website (afspraak maken)',
            gewezenOpPrimairKanaal: false,
          },
        })
      ).status,
    ).toBe(201);
    const c2 = await acceptedContact();
    expect(
      (
        await register(c2, {
          onderwerp: 'Paspoort',
          gespreksresultaat: 'zelfstandig_afgehandeld',
          kanaalsturing: {
            product: 'paspoort',
            primairKanaal: 'website (afspraak maken)',
            gewezenOpPrimairKanaal: false,
          },
        })
      ).status,
    ).toBe(201);
    const c3 = await acceptedContact();
    expect(
      (await register(c3, { onderwerp: 'Iets anders', gespreksresultaat: 'zelfstandig_afgehandeld' })).status,
    ).toBe(201);
    // A product whose primary channel is the phone, asked by phone: served through the primary channel.
    const c4 = await acceptedContact();
    expect(
      (
        await register(c4, {
          onderwerp: 'Inschrijving uit het buitenland',
          gespreksresultaat: 'zelfstandig_afgehandeld',
          kanaalsturing: {
            product: 'brp-inschrijving',
            primairKanaal: 'telefoon (14 + netnummer)',
            gewezenOpPrimairKanaal: false,
          },
        })
      ).status,
    ).toBe(201);

    const s = await vi.waitFor(async () => {
      const counted = await stats();
      expect(counted.total).toBe(4);
      return counted;
    });
    expect(s).toMatchObject({
      total: 4,
      gewezenOpPrimairKanaal: 1,
      nietGewezen: 3,
      aandeelGewezen: 0.25,
      viaPrimairKanaal: 1,
      aandeelViaPrimairKanaal: 0.25,
    });
    expect(s.perProduct).toEqual([
      {
        product: 'paspoort',
        primairKanaal: 'website (afspraak maken)',
        total: 2,
        gewezenOpPrimairKanaal: 1,
        nietGewezen: 1,
        aandeelGewezen: 0.5,
        viaPrimairKanaal: 0,
        aandeelViaPrimairKanaal: 0,
      },
      {
        product: 'afvalinzameling grofvuil',
        primairKanaal: 'website (afspraak maken)',
        total: 1,
        gewezenOpPrimairKanaal: 0,
        nietGewezen: 1,
        aandeelGewezen: 0,
        viaPrimairKanaal: 0,
        aandeelViaPrimairKanaal: 0,
      },
      {
        product: 'brp-inschrijving',
        primairKanaal: 'telefoon (14 + netnummer)',
        total: 1,
        gewezenOpPrimairKanaal: 0,
        nietGewezen: 1,
        aandeelGewezen: 0,
        viaPrimairKanaal: 1,
        aandeelViaPrimairKanaal: 1,
      },
    ]);
    // A window in the future holds nothing; the beheerder may read the KPI too.
    expect(
      (await stats(`?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, 'bea'))
        .total,
    ).toBe(0);
  });

  it('refuses a malformed kanaalsturing without registering anything', async () => {
    const contactId = await acceptedContact();
    const before = (await stats()).total;
    const res = await register(contactId, {
      onderwerp: 'Paspoort',
      gespreksresultaat: 'zelfstandig_afgehandeld',
      kanaalsturing: { product: 'paspoort', gewezenOpPrimairKanaal: 'ja' },
    });
    expect(res.status).toBe(400);
    const names = ((await res.json()) as { invalidParams: { name: string }[] }).invalidParams.map(
      (p) => p.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['kanaalsturing.primairKanaal', 'kanaalsturing.gewezenOpPrimairKanaal']),
    );
    expect((await stats()).total).toBe(before);
  });

  it('refuses a bad stats window with invalidParams', async () => {
    const res = await fetch(`${server.url}/api/kennisbank/kanaalsturing/stats?from=gisteren`, {
      headers: bearer(await server.login('tess')),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe(
      'query.from',
    );
  });
});
