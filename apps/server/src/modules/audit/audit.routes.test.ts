import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KlantbeeldResponse } from '@kcc/contracts/rest';
import {
  AuditExport,
  AuditListResponse,
  ChainStatus,
  VerwerkingsactiviteitenResponse,
  type VerwerkingsactieDto,
} from '@kcc/contracts/verwerkingen';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { loadOasValidator } from '../../../test-support/klantinteracties/oas-validator';
import { CSV_HEADERS } from './csv-export';

const FATIMA = { bsn: '999993653', phone: '0612345678' };
const KI_TOKEN = 'test-ki-token-12345';
const inzageSpec = loadOasValidator('verwerkingenlogging-inzage.yaml');

describeEachStore('verwerkingenlog over HTTP: role matrix, query, export, inzage, integrations', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  const tokens: Record<string, string> = {};
  let anna: AgentClient;
  let contactId: string;
  let partijUuid: string;

  const get = async (who: string, url: string) => {
    const res = await fetch(`${server.url}${url}`, { headers: bearer(tokens[who]!) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // CSV and other non-JSON bodies: use `text`.
    }
    return { status: res.status, headers: res.headers, text, body };
  };
  const auditOf = async (bsn: string) =>
    AuditListResponse.parse((await get('priya', `/api/audit/verwerkingen?bsn=${bsn}&pageSize=200`)).body);

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ ...database.env, KCC_KLANTINTERACTIES_TOKEN: KI_TOKEN });
    for (const u of ['anna', 'bram', 'tess', 'bea', 'priya']) tokens[u] = await server.login(u);
    anna = await server.connectAgent(tokens.anna!);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    await server.inbound({ channel: 'chat', externalId: 'audit-1', from: { phone: FATIMA.phone } });
    const { offerId, contact } = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    contactId = contact.id;
    // Recognised by phone only: the agent verifies the caller before the klantbeeld shows BRP and zaken.
    const verified = await fetch(`${server.url}/api/contacts/${contactId}/verificatie`, {
      method: 'POST',
      headers: { ...bearer(tokens.anna!), 'content-type': 'application/json' },
      body: JSON.stringify({ geboortedatum: '1984-03-12', postcode: '1234AB', huisnummer: 4 }),
    });
    expect(verified.status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('lets the medewerker who holds the contact see the klantbeeld, nobody else', async () => {
    const own = await get('anna', `/api/contacts/${contactId}/klantbeeld`);
    expect(own.status).toBe(200);
    const beeld = own.body as KlantbeeldResponse;
    expect(beeld.partij?.bsn).toBe(FATIMA.bsn);
    partijUuid = beeld.partij!.uuid;
    for (const who of ['bram', 'tess', 'bea', 'priya']) {
      const res = await get(who, `/api/contacts/${contactId}/klantbeeld`);
      expect(res.status, who).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('lets a medewerker open a klantbeeld without a contact only with a stated purpose, logged under it', async () => {
    const sanne = '999992223';
    const missing = await get('anna', `/api/klantbeeld/persoon/${sanne}`);
    expect(missing.status).toBe(400);
    expect((missing.body as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe('query.doel');
    expect((await get('bram', `/api/klantbeeld/persoon/${sanne}?contactId=${contactId}`)).status).toBe(403);
    for (const who of ['tess', 'bea', 'priya']) {
      for (const url of [
        `/api/klantbeeld/persoon/${sanne}?doel=terugbelverzoek_afhandelen`,
        `/api/klantbeeld/personen?bsn=${sanne}&doel=terugbelverzoek_afhandelen`,
      ]) {
        expect((await get(who, url)).status, `${who} ${url}`).toBe(403);
      }
    }
    expect(
      (await get('anna', `/api/klantbeeld/persoon/${sanne}?doel=terugbelverzoek_afhandelen`)).status,
    ).toBe(200);
    const views = (await auditOf(sanne)).items.filter((a) => a.gebruiker?.id === 'user-anna');
    expect(views.length).toBeGreaterThan(0);
    for (const a of views) {
      expect(a).toMatchObject({
        doel: 'terugbelverzoek_afhandelen',
        doelOmschrijving: 'Terugbelverzoek afhandelen',
        verwerkingsactiviteitCode: 'kcc-terugbelverzoek',
      });
      expect(a.verwerkteObjecten[0]).toMatchObject({ bsn: sanne });
    }
  });

  it('keeps personal data and the log from teamleider, beheerder and medewerker; the register is open', async () => {
    const personal = ['/api/partijen?q=visser', `/api/contacts/${contactId}`];
    const log = [
      `/api/audit/verwerkingen?bsn=${FATIMA.bsn}`,
      `/api/audit/verwerkingen/export?bsn=${FATIMA.bsn}&format=csv`,
      '/api/audit/verify',
      `/api/audit/inzage/verwerkte-objecten?objecttype=persoon&soortObjectId=BSN&objectId=${FATIMA.bsn}`,
    ];
    for (const who of ['tess', 'bea']) {
      for (const url of [...personal, ...log])
        expect((await get(who, url)).status, `${who} ${url}`).toBe(403);
      expect((await get(who, '/api/me')).status).toBe(200);
      // Statistics (no personal data) stay open to both.
      expect((await get(who, '/api/kennisbank/kanaalsturing/stats')).status).toBe(200);
    }
    // The beheerder manages configuration.
    expect((await get('bea', '/api/kennisbank/synonyms')).status).toBe(200);
    for (const url of log) expect((await get('anna', url)).status, `anna ${url}`).toBe(403);
    for (const url of personal) expect((await get('priya', url)).status, `priya ${url}`).toBe(403);
    for (const who of ['anna', 'tess', 'bea', 'priya']) {
      const res = await get(who, '/api/audit/verwerkingsactiviteiten');
      expect(res.status).toBe(200);
      expect(VerwerkingsactiviteitenResponse.parse(res.body).items.map((a) => a.code)).toContain(
        'privacy-inzageverzoek',
      );
    }
    const anon = await fetch(`${server.url}/api/audit/verwerkingen?bsn=${FATIMA.bsn}`);
    expect(anon.status).toBe(401);
  });

  it('shows the privacy officer exactly the views that happened, and logs that reading', async () => {
    const first = await auditOf(FATIMA.bsn);
    const verificatie = first.items.filter((a) => a.doel === 'verificatie');
    expect(verificatie).toHaveLength(1);
    expect(verificatie[0]).toMatchObject({ gegevensbron: 'brp', contactId, handelingNaam: 'inzien' });
    expect(verificatie[0]?.verwerkteObjecten[0]?.betrokkenheid).toBe('Klant (verificatie gelukt)');
    const views = first.items.filter(
      (a) => a.verwerkingsactiviteitCode !== 'privacy-inzageverzoek' && a.doel !== 'verificatie',
    );
    // One klantbeeld view: one verwerkingsactie per register it read, all under the contact's verwerking.
    expect(views.map((a) => a.gegevensbron).sort()).toEqual(['brp', 'klantinteracties', 'zaken']);
    expect(new Set(views.map((a) => a.verwerkingId)).size).toBe(1);
    for (const a of views) {
      expect(a).toMatchObject({
        handelingNaam: 'inzien',
        systeem: 'kcc-werkplek',
        gebruiker: { id: 'user-anna', naam: 'Anna de Vries', rol: 'medewerker' },
        doel: `contact:${contactId}`,
        contactId,
        verwerkingsactiviteitCode: 'kcc-klantcontact-afhandelen',
      });
      expect(a.verwerkteObjecten).toEqual([
        expect.objectContaining({ soortObjectId: 'BSN', objectId: FATIMA.bsn, bsn: FATIMA.bsn }),
      ]);
    }
    expect(views.find((a) => a.gegevensbron === 'klantinteracties')?.verwerkteObjecten[0]?.partijUuid).toBe(
      partijUuid,
    );
    // The query above is now in the log itself, newest first.
    const second = await auditOf(FATIMA.bsn);
    expect(second.count).toBe(first.count + 1);
    expect(second.items[0]).toMatchObject({
      handelingNaam: 'inzien',
      gegevensbron: 'verwerkingenlog',
      verwerkingsactiviteitCode: 'privacy-inzageverzoek',
      doel: 'inzageverzoek',
      gebruiker: { id: 'user-priya', rol: 'privacy' },
    });
    const detail = await get('priya', `/api/audit/verwerkingsacties/${views[0]!.actieId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual(views[0]);
    expect(
      (await get('priya', '/api/audit/verwerkingsacties/5b0b0e1f-1d38-4e43-8a43-3c0f8d6a1a11')).status,
    ).toBe(404);
    expect((await get('anna', `/api/audit/verwerkingsacties/${views[0]!.actieId}`)).status).toBe(403);
    // Querying by partij finds the same entries.
    const byPartij = AuditListResponse.parse(
      (await get('priya', `/api/audit/verwerkingen?partij=${partijUuid}&pageSize=200`)).body,
    );
    expect(byPartij.items.map((a) => a.actieId)).toEqual(
      (await auditOf(FATIMA.bsn)).items.slice(1).map((a) => a.actieId),
    );
  });

  it('paginates newest first and filters on a period', async () => {
    const all = await auditOf(FATIMA.bsn);
    const page = AuditListResponse.parse(
      (await get('priya', `/api/audit/verwerkingen?bsn=${FATIMA.bsn}&page=2&pageSize=1`)).body,
    );
    expect(page).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    const times = all.items.map((a) => a.tijdstip);
    expect([...times].sort().reverse()).toEqual(times);
    const none = AuditListResponse.parse(
      (await get('priya', `/api/audit/verwerkingen?bsn=${FATIMA.bsn}&tot=2000-01-01`)).body,
    );
    expect(none).toMatchObject({ count: 0, items: [] });
  });

  it('exports JSON and CSV as attachments and logs each export', async () => {
    const json = await get('priya', `/api/audit/verwerkingen/export?bsn=${FATIMA.bsn}&format=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(
      /^attachment; filename="verwerkingen-inzageverzoek-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const exported = AuditExport.parse(json.body);
    expect(exported.onderwerp).toEqual({ bsn: FATIMA.bsn });
    expect(exported.aantal).toBe(exported.verwerkingsacties.length);
    expect(
      exported.verwerkingsacties.some((a: VerwerkingsactieDto) => a.doel === `contact:${contactId}`),
    ).toBe(true);

    const csv = await get('priya', `/api/audit/verwerkingen/export?bsn=${FATIMA.bsn}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('.csv"');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(CSV_HEADERS.join(';'));
    // JSON export + one line per entry: the JSON export itself was logged before this CSV was made.
    expect(lines.length - 1).toBe(exported.aantal + 1);
    expect(lines[1]).toContain('exporteren');

    // A query does not contain its own read: that shows up in the next one.
    const latest = (await auditOf(FATIMA.bsn)).items.slice(0, 3).map((a) => a.handelingNaam);
    expect(latest).toEqual(['exporteren', 'exporteren', 'inzien']);
  });

  it('answers bad queries with problem JSON and invalidParams', async () => {
    for (const url of [
      '/api/audit/verwerkingen',
      '/api/audit/verwerkingen?bsn=123456789',
      `/api/audit/verwerkingen?bsn=${FATIMA.bsn}&partij=${partijUuid}`,
      `/api/audit/verwerkingen?bsn=${FATIMA.bsn}&van=2024-05-02&tot=2024-05-01`,
      `/api/audit/verwerkingen?bsn=${FATIMA.bsn}&pageSize=5000`,
      `/api/audit/verwerkingen/export?bsn=${FATIMA.bsn}&format=xml`,
      '/api/audit/verwerkingsacties/niet-een-uuid',
    ]) {
      const res = await get('priya', url);
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((res.body as { invalidParams: unknown[] }).invalidParams.length, url).toBeGreaterThan(0);
    }
  });

  it('serves the inzage view exactly as verwerkingenlogging-inzage.yaml describes it', async () => {
    const url = `/api/audit/inzage/verwerkte-objecten?objecttype=persoon&soortObjectId=BSN&objectId=${FATIMA.bsn}`;
    const res = await get('priya', url);
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBe('0.9.0');
    const check = inzageSpec.validateResponse('GET', '/verwerkte-objecten', 200, res.body);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    const body = res.body as { count: number; results: Record<string, unknown>[] };
    expect(body.count).toBeGreaterThan(0);
    for (const r of body.results) {
      expect(r).toMatchObject({ objecttype: 'persoon', soortObjectId: 'BSN', objectId: FATIMA.bsn });
      // The resident's view leaves out who, which system and which source.
      for (const hidden of ['gebruiker', 'systeem', 'gegevensbron'])
        expect(r.verwerkingsactie).not.toHaveProperty(hidden);
      expect(JSON.stringify(r)).not.toContain('user-anna');
    }
    // The validator does reject a body that breaks the spec.
    expect(
      inzageSpec.validateResponse('GET', '/verwerkte-objecten', 200, {
        count: 1,
        results: [{ objecttype: 'persoon' }],
      }).valid,
    ).toBe(false);
    const alias = await get('priya', url.replace('verwerkte-objecten', 'verwerkingsacties'));
    expect(inzageSpec.validateResponse('GET', '/verwerkte-objecten', 200, alias.body).valid).toBe(true);

    const one = body.results[0] as { verwerktObjectId: string };
    const detail = await get('priya', `/api/audit/inzage/verwerkte-objecten/${one.verwerktObjectId}`);
    expect(detail.status).toBe(200);
    expect(
      inzageSpec.validateResponse('GET', `/verwerkte-objecten/${one.verwerktObjectId}`, 200, detail.body)
        .errors,
    ).toEqual([]);

    const dated = await get('priya', `${url}&beginDatum=2000-01-01&eindDatum=2000-01-02`);
    expect((dated.body as { count: number }).count).toBe(0);

    const bad = await get(
      'priya',
      '/api/audit/inzage/verwerkte-objecten?objecttype=auto&soortObjectId=BSN&objectId=1',
    );
    expect(bad.status).toBe(400);
    expect(inzageSpec.validateComponent('ValidatieFout', bad.body).errors).toEqual([]);
    const forbidden = await get('anna', url);
    expect(forbidden.status).toBe(403);
    expect(inzageSpec.validateComponent('Fout', forbidden.body).errors).toEqual([]);
    const missing = await get(
      'priya',
      '/api/audit/inzage/verwerkte-objecten/5b0b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
    );
    expect(missing.status).toBe(404);
    expect(inzageSpec.validateComponent('Fout', missing.body).errors).toEqual([]);
  });

  it('logs reads through the Klantinteracties API with the integration as systeem', async () => {
    const before = (await auditOf(FATIMA.bsn)).count;
    const ki = (p: string, token = KI_TOKEN) =>
      fetch(`${server.url}/klantinteracties/api/v1${p}`, { headers: { authorization: `Token ${token}` } });
    expect((await ki(`/partijen/${partijUuid}`)).status).toBe(200);
    expect((await ki(`/klantcontacten?hadBetrokkene__wasPartij__uuid=${partijUuid}`)).status).toBe(200);
    // Failed or refused requests hand out nothing and log nothing.
    expect((await ki(`/partijen/${partijUuid}`, 'fout-token')).status).toBe(401);
    expect((await ki('/partijen/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const after = await auditOf(FATIMA.bsn);
    // Two API reads, plus the privacy officer's own query of `before`.
    expect(after.count).toBe(before + 3);
    const reads = after.items.filter((a) => a.systeem === 'klantinteracties-api (integratie)');
    expect(reads.map((a) => a.actieNaam).sort()).toEqual([
      'Levering via Klantinteracties API (klantcontacten)',
      'Levering via Klantinteracties API (partijen)',
    ]);
    for (const a of reads) {
      expect(a.gebruiker).toBeUndefined();
      expect(a.verwerkingsactiviteitCode).toBe('kcc-integratie-klantinteracties');
      expect(a.verwerkteObjecten[0]).toMatchObject({ partijUuid, bsn: FATIMA.bsn });
    }
  });

  it('reports an intact chain', async () => {
    const res = await get('priya', '/api/audit/verify');
    expect(res.status).toBe(200);
    const status = ChainStatus.parse(res.body);
    expect(status.ok).toBe(true);
    expect(status.count).toBeGreaterThan(10);
    expect(status.headHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
