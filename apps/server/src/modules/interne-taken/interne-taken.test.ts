import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  InterneTaakDetail,
  InterneTaakNotitie,
  InterneTaakRegel,
  InterneTakenResponse,
} from '@kcc/contracts/interne-taken';
import type { AfdelingenResponse, KlantbeeldResponse, RegistrationResponse } from '@kcc/contracts/rest';
import type { VerwerkingsactieDto } from '@kcc/contracts/verwerkingen';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { TestClock } from '../../../test-support/test-clock';
import {
  bearer,
  nextEvent,
  startTestServer,
  tempDataDir,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';

const KI = { authorization: 'Token demo-klantinteracties-token' };
const NOW = Date.parse('2026-03-02T09:15:00Z');

/**
 * Working interne taken (issue 14 §3) against the real embedded Klantinteracties store: Anna registers a
 * question with a taak for "Afval en reiniging"; Bram (demo member of that afdeling) opens, claims, notes and
 * finishes it; Anna (Burgerzaken) cannot.
 */
describeEachStore('interne taken: open, oppakken, notitie, afronden', (stores) => {
  const dataDir = tempDataDir();
  let database: FreshDatabase;
  const clock = new TestClock({ frozenAt: NOW });
  let server: TestServer;
  let tokens: Record<'anna' | 'bram' | 'tess' | 'bea' | 'priya', string>;
  let annaSocket: AgentClient;
  let taakUuid: string;
  let partijUuid: string;
  let afvalUuid: string;

  const call = async <T>(who: keyof typeof tokens, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...bearer(tokens[who]),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const kiTaak = async (uuid: string) =>
    (await (
      await fetch(`${server.url}/klantinteracties/api/v1/internetaken/${uuid}`, { headers: KI })
    ).json()) as {
      status: string;
      afgehandeldOp: string | null;
      toegewezenAanActoren: { uuid: string }[];
    };

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ KCC_WRAP_UP_MS: '30000', ...database.env }, { clock }, dataDir);
    tokens = {
      anna: await server.login('anna'),
      bram: await server.login('bram'),
      tess: await server.login('tess'),
      bea: await server.login('bea'),
      priya: await server.login('priya'),
    };
    annaSocket = await server.connectAgent(tokens.anna);
    await annaSocket.emitWithAck('presence:set', { status: 'beschikbaar' });

    const offered = nextEvent(annaSocket, 'contact:offered');
    await server.inbound({ channel: 'telefoon', externalId: 'taak-1', from: { phone: '0612345678' } });
    const { offerId, contact } = await offered;
    expect(await annaSocket.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
    const beeld = (await call<KlantbeeldResponse>('anna', 'GET', `/api/contacts/${contact.id}/klantbeeld`))
      .body;
    partijUuid = beeld.partij!.uuid;
    const afdelingen = (await call<AfdelingenResponse>('anna', 'GET', '/api/afdelingen')).body.items;
    afvalUuid = afdelingen.find((a) => a.naam === 'Afval en reiniging')!.actorUuid;
    const res = await fetch(`${server.url}/api/contacts/${contact.id}/registration`, {
      method: 'POST',
      headers: {
        ...bearer(tokens.anna),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        onderwerp: 'Grofvuil',
        inhoud: 'Mijn grofvuil is niet opgehaald.',
        gespreksresultaat: 'contactverzoek_gemaakt',
        partij: { uuid: partijUuid },
        interneTaak: {
          gevraagdeHandeling: 'Terugbellen over grofvuil',
          toelichting: 'Na 17.00 uur bellen.',
          actor: { uuid: afvalUuid },
        },
      }),
    });
    expect(res.status).toBe(201);
    taakUuid = ((await res.json()) as RegistrationResponse).interneTaak!.uuid;
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it("lists the taak in the afdeling's list of a member, without the resident's name", async () => {
    const lijst = await call<InterneTakenResponse>('bram', 'GET', '/api/internetaken?lijst=afdeling');
    expect(lijst.status).toBe(200);
    expect(lijst.body.afdelingen.map((a) => a.naam).sort()).toEqual(['Afval en reiniging', 'Belastingen']);
    const regel = lijst.body.items.find((t) => t.uuid === taakUuid);
    expect(regel).toMatchObject({
      gevraagdeHandeling: 'Terugbellen over grofvuil',
      status: 'te_verwerken',
      afdeling: { uuid: afvalUuid, naam: 'Afval en reiniging' },
      klantcontact: { onderwerp: 'Grofvuil', kanaal: 'telefoon' },
    });
    expect(regel).not.toHaveProperty('medewerker');
    expect(JSON.stringify(lijst.body)).not.toContain('Fatima');
    // Not in Bram's own list until he claims it; not in Anna's afdeling list (Burgerzaken).
    const mijn = await call<InterneTakenResponse>('bram', 'GET', '/api/internetaken?lijst=mijn');
    expect(mijn.body.items.map((t) => t.uuid)).not.toContain(taakUuid);
    const anna = await call<InterneTakenResponse>('anna', 'GET', '/api/internetaken?lijst=afdeling');
    expect(anna.body.afdelingen.map((a) => a.naam)).toEqual(['Burgerzaken']);
    expect(anna.body.items.map((t) => t.uuid)).not.toContain(taakUuid);
  });

  it('refuses a medewerker of another afdeling, other roles and bad input with clear errors', async () => {
    expect((await call('anna', 'GET', `/api/internetaken/${taakUuid}`)).status).toBe(403);
    const claim = await call<{ detail: string }>('anna', 'POST', `/api/internetaken/${taakUuid}/oppakken`);
    expect(claim.status).toBe(403);
    expect(claim.body.detail).toBe('Deze taak is niet voor u of uw afdeling.');
    expect((await call('anna', 'POST', `/api/internetaken/${taakUuid}/afronden`)).status).toBe(403);
    expect((await call('tess', 'GET', '/api/internetaken')).status).toBe(403);
    expect((await call('bram', 'GET', '/api/internetaken?lijst=alles')).status).toBe(400);
    expect((await call('bram', 'GET', '/api/internetaken?lijst=mijn&x=1')).status).toBe(400);
    expect((await call('bram', 'GET', '/api/internetaken/geen-uuid')).status).toBe(400);
    expect((await call('bram', 'GET', `/api/internetaken/${randomUUID()}`)).status).toBe(404);
    const leeg = await call<{ invalidParams: { name: string }[] }>(
      'bram',
      'POST',
      `/api/internetaken/${taakUuid}/notities`,
      { tekst: '   ' },
    );
    expect(leeg.status).toBe(400);
    expect(leeg.body.invalidParams.map((p) => p.name)).toEqual(['tekst']);
    // Only the medewerker the taak is with can finish it.
    const eerst = await call<{ detail: string }>('bram', 'POST', `/api/internetaken/${taakUuid}/afronden`);
    expect(eerst.status).toBe(409);
    expect(eerst.body.detail).toBe('Pak de taak eerst op. Daarna kunt u hem afronden.');
    expect((await kiTaak(taakUuid)).status).toBe('te_verwerken');
  });

  it('opens the taak with its klantcontact and question, and logs the read with its purpose', async () => {
    const detail = await call<InterneTaakDetail>('bram', 'GET', `/api/internetaken/${taakUuid}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      toelichting: 'Na 17.00 uur bellen.',
      partij: { uuid: partijUuid },
      klantcontact: {
        onderwerp: 'Grofvuil',
        inhoud: 'Mijn grofvuil is niet opgehaald.',
        medewerker: 'Anna de Vries',
      },
      toegewezenAan: [{ uuid: afvalUuid, naam: 'Afval en reiniging', soort: 'organisatorische_eenheid' }],
      notities: [],
      magOppakken: true,
      magAfronden: false,
    });
    const log = await call<{ items: VerwerkingsactieDto[] }>(
      'priya',
      'GET',
      `/api/audit/verwerkingen?partij=${partijUuid}`,
    );
    expect(log.status).toBe(200);
    const read = log.body.items.find((a) => a.doel === 'interne_taak_afhandelen');
    expect(read).toMatchObject({
      handelingNaam: 'inzien',
      verwerkingsactiviteitCode: 'kcc-terugbelverzoek',
      gebruiker: { naam: 'Bram Jansen' },
    });
    expect(Date.parse(read!.tijdstip)).toBe(NOW);
  });

  it('claims the taak in Klantinteracties, keeps notes with author and time, and finishes it as verwerkt', async () => {
    const changed = nextEvent(annaSocket, 'internetaken:changed');
    const claim = await call<InterneTaakRegel>('bram', 'POST', `/api/internetaken/${taakUuid}/oppakken`);
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ medewerker: { naam: 'Bram Jansen' }, afdeling: { uuid: afvalUuid } });
    await changed;
    // Visible to colleagues and to other systems through the Klantinteracties API.
    const stored = await kiTaak(taakUuid);
    expect(stored.toegewezenAanActoren).toHaveLength(2);
    expect(stored.toegewezenAanActoren[0]?.uuid).toBe(afvalUuid);
    const mijn = await call<InterneTakenResponse>('bram', 'GET', '/api/internetaken?lijst=mijn');
    expect(mijn.body.items.map((t) => t.uuid)).toContain(taakUuid);

    // A colleague of the same afdeling cannot take it over (the beheerder makes Anna a member too).
    const leden = await call<{ userIds: string[] }>(
      'bea',
      'PUT',
      `/api/afdelingen/${afvalUuid}/medewerkers`,
      {
        userIds: ['user-bram', 'user-anna'],
      },
    );
    expect(leden.body.userIds).toEqual(['user-anna', 'user-bram']);
    const bezet = await call<{ detail: string }>('anna', 'POST', `/api/internetaken/${taakUuid}/oppakken`);
    expect(bezet.status).toBe(409);
    expect(bezet.body.detail).toBe('Bram Jansen heeft deze taak al opgepakt.');
    expect(
      (await call<InterneTaakDetail>('anna', 'GET', `/api/internetaken/${taakUuid}`)).body,
    ).toMatchObject({
      magOppakken: false,
      magAfronden: false,
      medewerker: { naam: 'Bram Jansen' },
    });
    expect(
      (await call('bea', 'PUT', `/api/afdelingen/${afvalUuid}/medewerkers`, { userIds: ['user-nobody'] }))
        .status,
    ).toBe(400);
    expect(
      (await call('anna', 'PUT', `/api/afdelingen/${afvalUuid}/medewerkers`, { userIds: [] })).status,
    ).toBe(403);

    clock.advance(60_000);
    const note = await call<InterneTaakNotitie>('bram', 'POST', `/api/internetaken/${taakUuid}/notities`, {
      tekst: 'Voicemail ingesproken.',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      auteur: 'Bram Jansen',
      tekst: 'Voicemail ingesproken.',
      aangemaaktOp: new Date(NOW + 60_000).toISOString(),
    });

    clock.advance(60_000);
    const done = await call<InterneTaakRegel>('bram', 'POST', `/api/internetaken/${taakUuid}/afronden`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('verwerkt');
    const ki = await kiTaak(taakUuid);
    expect(ki.status).toBe('verwerkt');
    expect(Date.parse(ki.afgehandeldOp!)).toBe(NOW + 120_000);

    // Finished: out of the open lists, and no second claim, note or afronden.
    const afdeling = await call<InterneTakenResponse>('bram', 'GET', '/api/internetaken?lijst=afdeling');
    expect(afdeling.body.items.map((t) => t.uuid)).not.toContain(taakUuid);
    for (const path of ['oppakken', 'afronden']) {
      const again = await call<{ detail: string }>('bram', 'POST', `/api/internetaken/${taakUuid}/${path}`);
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('Deze taak is al afgerond.');
    }
    expect(
      (await call('bram', 'POST', `/api/internetaken/${taakUuid}/notities`, { tekst: 'Nog iets' })).status,
    ).toBe(409);
  });

  it('keeps what it acknowledged across a restart', async () => {
    await server.close();
    server = await startTestServer(database.env, { clock }, dataDir);
    tokens.bram = await server.login('bram');
    const detail = await call<InterneTaakDetail>('bram', 'GET', `/api/internetaken/${taakUuid}`);
    expect(detail.body).toMatchObject({
      status: 'verwerkt',
      medewerker: { naam: 'Bram Jansen' },
      notities: [{ auteur: 'Bram Jansen', tekst: 'Voicemail ingesproken.' }],
    });
    // Demo membership is seeded once, not reset over the beheerder's choice.
    tokens.bea = await server.login('bea');
    const leden = await call<{ userIds: string[] }>('bea', 'GET', `/api/afdelingen/${afvalUuid}/medewerkers`);
    expect(leden.body.userIds).toEqual(['user-anna', 'user-bram']);
  });
});
