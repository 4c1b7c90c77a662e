import { randomUUID } from 'node:crypto';
import { storeRows } from '../../../test-support/store-rows';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContactKlantbeeldResponse,
  KlantbeeldDetailResponse,
  OrganisatieZoekResponse,
  PersoonZoekResponse,
} from '@kcc/contracts/klantbeeld';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';
import { verifyHs256 } from '../../connectors/openzaak/jwt';
import {
  OPENZAAK_CLIENT_ID,
  OPENZAAK_SECRET,
  startOpenZaakMock,
} from '../../../test-support/connectors/register-mocks';

interface LogRow {
  handeling: string;
  gegevensbron: string;
  doel: string;
  contact_id: string | null;
}

describe('klantbeeld routes: search, open, purpose, role matrix, logging (embedded registers)', () => {
  let server: TestServer;
  let anna: string;
  let annaSocket: AgentClient;
  const log = () =>
    server.db
      .prepare('SELECT handeling, gegevensbron, doel, contact_id FROM audit_verwerkingsacties ORDER BY seq')
      .all() as LogRow[];

  beforeAll(async () => {
    server = await startTestServer();
    anna = await server.login('anna');
    annaSocket = await server.connectAgent(anna);
    await annaSocket.emitWithAck('presence:set', { status: 'beschikbaar' });
  });
  afterAll(() => server.stop());

  const get = async <T>(path: string, token = anna) => {
    const res = await fetch(`${server.url}${path}`, { headers: bearer(token) });
    return { status: res.status, body: (await res.json()) as T };
  };

  async function holdCall(externalId: string, phone: string, subject?: string): Promise<string> {
    const offered = nextEvent(annaSocket, 'contact:offered');
    const res = await server.inbound({
      channel: 'chat',
      externalId,
      from: { phone },
      ...(subject ? { subject } : {}),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { offerId, contact } = await offered;
    expect(await annaSocket.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    return contact.id;
  }

  it('refuses teamleider and beheerder on every klantbeeld endpoint (no personal data)', async () => {
    for (const user of ['tess', 'bea']) {
      const token = await server.login(user);
      for (const path of [
        '/api/klantbeeld/doelen',
        '/api/klantbeeld/personen?bsn=999993653&doel=klantvraag_zonder_contact',
        '/api/klantbeeld/organisaties?kvkNummer=90001234&doel=klantvraag_zonder_contact',
        '/api/klantbeeld/persoon/999993653?doel=klantvraag_zonder_contact',
        '/api/klantbeeld/organisatie/90001234?doel=klantvraag_zonder_contact',
        '/api/contacts/x/klantbeeld',
      ]) {
        expect((await get(path, token)).status, `${user} ${path}`).toBe(403);
      }
    }
    expect((await fetch(`${server.url}/api/klantbeeld/doelen`)).status).toBe(401);
  });

  it('requires a purpose: a doel code or a contact the agent holds', async () => {
    const none = await get<{ invalidParams: { name: string }[] }>('/api/klantbeeld/persoon/999993653');
    expect(none.status).toBe(400);
    expect(none.body.invalidParams[0]?.name).toBe('query.doel');
    expect((await get('/api/klantbeeld/persoon/999993653?doel=nieuwsgierig')).status).toBe(400);
    expect((await get('/api/klantbeeld/persoon/999993653?contactId=bestaat-niet')).status).toBe(404);
    const doelen = await get<{ items: { code: string; label: string }[] }>('/api/klantbeeld/doelen');
    expect(doelen.body.items.map((d) => d.code)).toEqual([
      'terugbelverzoek_afhandelen',
      'interne_taak_afhandelen',
      'klantvraag_zonder_contact',
    ]);
  });

  it('finds a person by name + birth date and by postcode + huisnummer; refuses a bad BSN', async () => {
    const byName = await get<PersoonZoekResponse>(
      '/api/klantbeeld/personen?geslachtsnaam=Jansen&geboortedatum=1970-07-07&doel=klantvraag_zonder_contact',
    );
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((p) => p.volledigeNaam).sort()).toEqual(['Anouk Jansen', 'Kees Jansen']);
    const byAddress = await get<PersoonZoekResponse>(
      '/api/klantbeeld/personen?postcode=1234%20CD&huisnummer=17&doel=klantvraag_zonder_contact',
    );
    expect(byAddress.body.items).toHaveLength(2);
    const bad = await get<{ invalidParams: { name: string; reason: string }[] }>(
      '/api/klantbeeld/personen?bsn=123456789&doel=klantvraag_zonder_contact',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams[0]).toMatchObject({
      name: 'query.bsn',
      reason: expect.stringContaining('11-proef'),
    });
    expect(
      (await get('/api/klantbeeld/personen?geslachtsnaam=Jansen&doel=klantvraag_zonder_contact')).status,
    ).toBe(400);
    expect((await get('/api/klantbeeld/persoon/123456789?doel=klantvraag_zonder_contact')).status).toBe(400);
    const zoeken = log().filter((r) => r.handeling === 'zoeken' && r.gegevensbron === 'brp');
    expect(zoeken).toHaveLength(4);
    expect(zoeken.every((r) => r.doel === 'klantvraag_zonder_contact')).toBe(true);
  });

  it('opens a person klantbeeld with a stated purpose, logs each source read', async () => {
    const before = log().length;
    const res = await get<KlantbeeldDetailResponse>(
      '/api/klantbeeld/persoon/999993653?doel=terugbelverzoek_afhandelen',
    );
    expect(res.status).toBe(200);
    expect(res.body.partij?.naam).toBe('Fatima El Amrani');
    const k = res.body.integraal;
    expect(k.identiteit).toMatchObject({
      status: 'beschikbaar',
      data: { gebruik: 'alleen ter verificatie', geboortedatum: '1984-03-12' },
    });
    expect(k.zaken).toMatchObject({
      status: 'beschikbaar',
      data: { items: [{ omschrijving: 'Bezwaar WOZ-waarde Lindelaan 4', termijnVerstreken: true }] },
    });
    expect(k.interneTaken).toMatchObject({
      status: 'beschikbaar',
      data: { items: [{ gevraagdeHandeling: 'Terugbellen over taxatieverslag WOZ' }] },
    });
    expect(k.signalen.map((s) => s.soort)).toContain('zaak_termijn_verstreken');
    expect(k.signalen.map((s) => s.soort)).toContain('open_terugbelverzoek');
    expect(k.verantwoording.doel).toBe('terugbelverzoek_afhandelen');
    const added = log().slice(before);
    expect(added.map((r) => r.gegevensbron).sort()).toEqual(['brp', 'klantinteracties', 'zaken']);
    expect(added.every((r) => r.handeling === 'inzien' && r.doel === 'terugbelverzoek_afhandelen')).toBe(
      true,
    );

    const geheim = await get<KlantbeeldDetailResponse>(
      '/api/klantbeeld/persoon/999996708?doel=klantvraag_zonder_contact',
    );
    expect(geheim.body.integraal.identiteit).toMatchObject({ data: { geheimhouding: true } });
  });

  it('finds a company by KvK number and opens its klantbeeld', async () => {
    const found = await get<OrganisatieZoekResponse>(
      '/api/klantbeeld/organisaties?kvkNummer=90001234&doel=klantvraag_zonder_contact',
    );
    expect(found.body.items[0]).toMatchObject({
      naam: 'Bakkerij De Korenschoof B.V.',
      kvkNummer: '90001234',
    });
    expect(
      (await get('/api/klantbeeld/organisaties?kvkNummer=123&doel=klantvraag_zonder_contact')).status,
    ).toBe(400);
    const opened = await get<KlantbeeldDetailResponse>(
      '/api/klantbeeld/organisatie/90001234?doel=klantvraag_zonder_contact',
    );
    expect(opened.body.soort).toBe('organisatie');
    expect(opened.body.partij?.kvkNummer).toBe('90001234');
    expect(opened.body.integraal.zaken).toMatchObject({
      data: { items: [{ identificatie: 'ZAAK-2026-0000981' }] },
    });
  });

  it('recognises a caller by phone and shows zaken in the contact klantbeeld (existing fields kept)', async () => {
    const id = await holdCall('kb-reg-1', '0612345678', 'Vraag over WOZ bezwaar');
    // Recognised by phone is not identified: the agent verifies first (modules/klantbeeld/identificatie.test.ts).
    const verified = await fetch(`${server.url}/api/contacts/${id}/verificatie`, {
      method: 'POST',
      headers: { ...bearer(anna), 'content-type': 'application/json' },
      body: JSON.stringify({ geboortedatum: '1984-03-12', postcode: '1234AB', huisnummer: 4 }),
    });
    expect(verified.status).toBe(200);
    const before = log().length;
    const res = await get<ContactKlantbeeldResponse>(`/api/contacts/${id}/klantbeeld`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ herkenning: 'telefoon', partij: { naam: 'Fatima El Amrani' } });
    expect(res.body.klantcontacten.length).toBeGreaterThan(0);
    expect(res.body.integraal?.zaken).toMatchObject({
      status: 'beschikbaar',
      data: { items: [{ identificatie: 'ZAAK-2026-0001231' }] },
    });
    expect(res.body.integraal?.signalen.map((s) => s.soort)).toContain('recent_contact_zelfde_onderwerp');
    const added = log().slice(before);
    expect(added.every((r) => r.contact_id === id && r.doel === `contact:${id}`)).toBe(true);
    expect(added.map((r) => r.gegevensbron)).toEqual(
      expect.arrayContaining(['brp', 'zaken', 'klantinteracties']),
    );

    // The contact serves as purpose for a search, and a zaak from the port links to the registration.
    const viaContact = await get<PersoonZoekResponse>(
      `/api/klantbeeld/personen?bsn=999993653&contactId=${id}`,
    );
    expect(viaContact.status).toBe(200);
    const reg = await fetch(`${server.url}/api/contacts/${id}/registration`, {
      method: 'POST',
      headers: { ...bearer(anna), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        onderwerp: 'Bezwaar WOZ',
        gespreksresultaat: 'zelfstandig_afgehandeld',
        partij: { uuid: res.body.partij!.uuid },
        zaak: { uuid: 'b7c1e6a2-4f0d-4a8e-9c35-1d2e3f405a61' },
      }),
    });
    expect(reg.status).toBe(201);
    const kcUuid = ((await reg.json()) as { klantcontact: { uuid: string } }).klantcontact.uuid;
    const onderwerp = await storeRows(
      server.store,
      sql<Record<string, unknown>>`SELECT * FROM ki_onderwerpobjecten`,
    );
    expect(JSON.stringify(onderwerp)).toContain('b7c1e6a2-4f0d-4a8e-9c35-1d2e3f405a61');
    expect(JSON.stringify(onderwerp)).toContain(kcUuid);
  });
});

describe('klantbeeld with a register down', () => {
  it('shows "Zaken tijdelijk niet beschikbaar" while identity and history still load', async () => {
    const server = await startTestServer({
      KCC_OPENZAAK_URL: 'http://127.0.0.1:1',
      KCC_OPENZAAK_CLIENT_ID: 'kcc',
      KCC_OPENZAAK_SECRET: 'geheim-geheim',
      KCC_REGISTER_TIMEOUT_MS: '200',
    });
    try {
      const token = await server.login('anna');
      const res = await fetch(
        `${server.url}/api/klantbeeld/persoon/999993653?doel=klantvraag_zonder_contact`,
        { headers: bearer(token) },
      );
      const body = (await res.json()) as KlantbeeldDetailResponse;
      expect(res.status).toBe(200);
      expect(body.integraal.zaken).toEqual({
        status: 'niet_beschikbaar',
        melding: 'Zaken tijdelijk niet beschikbaar',
      });
      expect(body.integraal.identiteit.status).toBe('beschikbaar');
      expect(body.integraal.klantcontacten.status).toBe('beschikbaar');
      expect(body.integraal.verantwoording.bronnen.find((b) => b.register === 'zaken')).toMatchObject({
        status: 'niet_beschikbaar',
        bron: 'extern',
      });
      const bronnen = server.db.prepare('SELECT gegevensbron FROM audit_verwerkingsacties').all() as {
        gegevensbron: string;
      }[];
      expect(bronnen.map((b) => b.gegevensbron)).not.toContain('zaken');
    } finally {
      await server.stop();
    }
  });
});

describe('Open Zaak hears who asks (issue 11)', () => {
  it('carries the logged-in employee as user_id, not the system', async () => {
    const mock = await startOpenZaakMock();
    const server = await startTestServer({
      KCC_OPENZAAK_URL: mock.url,
      KCC_OPENZAAK_CLIENT_ID: OPENZAAK_CLIENT_ID,
      KCC_OPENZAAK_SECRET: OPENZAAK_SECRET,
    });
    try {
      const token = await server.login('anna');
      const res = await fetch(
        `${server.url}/api/klantbeeld/persoon/999993653?doel=klantvraag_zonder_contact`,
        { headers: bearer(token) },
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as KlantbeeldDetailResponse).integraal.zaken.status).toBe('beschikbaar');
      const claims = await Promise.all(
        mock.requests.map((r) =>
          verifyHs256(String(r.headers.authorization).replace(/^Bearer /, ''), OPENZAAK_SECRET),
        ),
      );
      expect(claims.length).toBeGreaterThan(0);
      for (const c of claims) {
        expect(c).toMatchObject({ user_id: 'anna', user_representation: 'Anna de Vries' });
      }
    } finally {
      await server.stop();
      await mock.close();
    }
  });
});
