import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import { createKlantinteracties, klantinteractiesMigrations } from '../../modules/klantinteracties';
import {
  RegistrationError,
  TRANSCRIPT_BIJLAGE,
  type RegisterInput,
} from '../../modules/klantinteracties/ports';
import { openStore } from '../../store/store';
import {
  OPENKLANT_TOKEN,
  startOpenKlantMock,
  type OpenKlantMock,
} from '../../../test-support/connectors/openklant-mock';
import { createOpenKlantClient } from './openklant-client';
import {
  createOpenKlantOutboxRepository,
  createOpenKlantOverdracht,
  OpenKlantOutbox,
  openKlantOutboxMigrations,
  openKlantOverdrachtMigrations,
  toOutboxRegistratie,
  withOpenKlantOutbox,
  type OpenKlantOutboxRepository,
  type OpenKlantOutboxTables,
  type OutboxRegistratie,
} from './openklant-outbox';
import { createOpenKlantReader } from './openklant-reader';

/** The embedded store's answer to a registration (its own uuids). */
const lokaal = (interneTaak = true) => ({
  klantcontact: { uuid: randomUUID(), url: 'http://kcc/klantcontacten/x' },
  ...(interneTaak ? { interneTaak: { uuid: randomUUID(), url: 'http://kcc/internetaken/x' } } : {}),
});

const input = (over: Partial<RegisterInput['request']> = {}): RegisterInput => ({
  contact: { id: 'c1', channel: 'telefoon', from: { phone: '06 1234 5678' } },
  medewerker: { userId: 'user-anna', username: 'anna', name: 'Anna de Vries' },
  request: {
    onderwerp: 'Bezwaar WOZ',
    inhoud: 'Vraag over de taxatie',
    gespreksresultaat: 'contactverzoek_gemaakt',
    zaak: { uuid: 'b7c1e6a2-4f0d-4a8e-9c35-1d2e3f405a61' },
    interneTaak: { gevraagdeHandeling: 'Terugbellen over WOZ', toelichting: 'Na 16.00 uur' },
    ...over,
  },
  at: new Date('2026-08-20T10:00:00Z'),
});

describeEachStore('Open Klant connector against a mock generated from klantinteracties-v1.yaml', (stores) => {
  let mock: OpenKlantMock;
  /** The registration's synchronous connection (hand-over, embedded Klantinteracties); the outbox is on `opened`. */
  let db: Database.Database;
  let opened: OpenTestStore;
  let repository: OpenKlantOutboxRepository;
  let outbox: OpenKlantOutbox;
  let clock = 1_000_000;
  const client = () =>
    createOpenKlantClient({ url: mock.base, token: OPENKLANT_TOKEN, timeoutMs: 1000, retries: 0 });

  beforeAll(async () => {
    mock = await startOpenKlantMock();
  });
  afterAll(async () => {
    expect(mock.violations).toEqual([]);
    await mock.close();
  });
  beforeEach(async () => {
    db = new Database(':memory:');
    for (const m of openKlantOverdrachtMigrations) db.exec(m.sql);
    opened = await stores.openStore(openKlantOutboxMigrations);
    repository = createOpenKlantOutboxRepository(opened.store, () => clock);
    outbox = worker();
  });
  afterEach(async () => {
    await opened.close();
    db.close();
  });
  /** A worker on the test's store, as another instance would run it. */
  const worker = () =>
    new OpenKlantOutbox({ repository, overdracht: createOpenKlantOverdracht(db) }, client(), {
      now: () => clock,
      backoffMs: 1000,
      maxAttempts: 3,
    });
  /** Hand over as a registration does, and move it into the outbox as the worker does after the commit. */
  const enqueue = async (reg: OutboxRegistratie) => {
    const row = outbox.handOver(reg);
    await outbox.relay();
    return row;
  };
  const get = async (id: string) => (await outbox.get(id))!;

  it('recognises a caller by phone through /digitaleadressen and reads the history by partij', async () => {
    const p = mock.seedPartij({
      bsn: '999993653',
      naam: { voornaam: 'Fatima', achternaam: 'El Amrani' },
      telefoon: '0612345678',
    });
    const reader = createOpenKlantReader(client());
    const r = await reader.recognise({ phone: '+31 6 12345678' });
    expect(r).toMatchObject({
      herkenning: 'telefoon',
      partij: { uuid: p.uuid, naam: 'Fatima El Amrani', bsn: '999993653' },
    });
    const dq = mock.requests.find((q) => q.url.startsWith('/klantinteracties/api/v1/digitaleadressen?'))!;
    expect(new URL(dq.url, 'http://x').searchParams.get('adres')).toBe('0612345678');
    expect(dq.headers.authorization).toBe(`Token ${OPENKLANT_TOKEN}`);
    expect((await reader.partijMetIdentificator('bsn', '999993653'))?.uuid).toBe(p.uuid);
    expect(await reader.recognise({ phone: '0699999999' })).toEqual({
      herkenning: 'onbekend',
      kandidaten: [],
    });

    // Register one contact for this partij and read it back as history with its open interne taak.
    await enqueue(toOutboxRegistratie(input(), lokaal(), { partijUuid: p.uuid }));
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    const history = await reader.klantcontactenVan(p.uuid, 10);
    expect(history.map((k) => k.onderwerp)).toEqual(['Bezwaar WOZ']);
    expect(mock.requests.some((q) => q.url.includes(`hadBetrokkene__wasPartij__uuid=${p.uuid}`))).toBe(true);
    const taken = await reader.openInterneTakenVanPartij(p.uuid);
    expect(taken).toMatchObject([
      {
        gevraagdeHandeling: 'Terugbellen over WOZ',
        toegewezenAan: ['Anna de Vries'],
        status: 'te_verwerken',
      },
    ]);
  });

  it('forwards a registration step by step: klantcontact, betrokkene, actor, adressen, onderwerpobject, interne taak', async () => {
    const row = await enqueue(toOutboxRegistratie(input(), lokaal(), {}));
    await outbox.processDue();
    const done = await get(row.id);
    expect(done.state).toBe('verstuurd');
    const kc = mock.store.klantcontacten!.find((k) => k.uuid === done.steps.klantcontact)!;
    expect(kc.referentienummer).toBe(row.referentienummer);
    expect(row.referentienummer).toHaveLength(10);
    expect(
      mock.store.onderwerpobjecten!.find((o) => o.uuid === done.steps.onderwerpobject)
        ?.onderwerpobjectidentificator,
    ).toMatchObject({
      codeObjecttype: 'zaak',
      objectId: 'b7c1e6a2-4f0d-4a8e-9c35-1d2e3f405a61',
    });
    expect(mock.store.digitaleadressen!.find((d) => d.uuid === done.steps.digitaleAdressen?.[0])?.adres).toBe(
      '0612345678',
    );
    expect(done.steps.interneTaak).toBeTruthy();
  });

  it('resumes after a transient failure without duplicating earlier steps', async () => {
    const row = await enqueue(toOutboxRegistratie(input(), lokaal(), {}));
    mock.failPost('internetaken', 503, 1);
    expect(await outbox.processDue()).toEqual({ verstuurd: 0, opnieuw: 1, gecompenseerd: 0 });
    const half = await get(row.id);
    expect(half).toMatchObject({ state: 'wachtend', attempts: 1 });
    expect(half.steps.klantcontact).toBeTruthy();
    // Not due yet (backoff), then due.
    expect(await outbox.processDue()).toEqual({ verstuurd: 0, opnieuw: 0, gecompenseerd: 0 });
    clock += 1000;
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    const kcs = mock.store.klantcontacten!.filter((k) => k.referentienummer === row.referentienummer);
    expect(kcs).toHaveLength(1);
    expect(
      mock.store.internetaken!.filter(
        (t) => (t.aanleidinggevendKlantcontact as { uuid: string }).uuid === kcs[0]!.uuid,
      ),
    ).toHaveLength(1);
  });

  it('finds a klantcontact created before a crash by its referentienummer instead of creating it again', async () => {
    const row = await enqueue(
      toOutboxRegistratie(input({ interneTaak: undefined, zaak: undefined }), lokaal(false), {}),
    );
    // Simulate: the POST succeeded remotely but the process died before storing the uuid.
    const http = client();
    await http.request({
      method: 'POST',
      path: '/klantcontacten',
      body: {
        kanaal: 'telefoon',
        onderwerp: 'Bezwaar WOZ',
        taal: 'nld',
        vertrouwelijk: false,
        referentienummer: row.referentienummer,
      },
    });
    await outbox.processDue();
    expect(
      mock.store.klantcontacten!.filter((k) => k.referentienummer === row.referentienummer),
    ).toHaveLength(1);
    expect((await get(row.id)).state).toBe('verstuurd');
  });

  it('compensates a permanent failure by deleting the remote klantcontact', async () => {
    const row = await enqueue(toOutboxRegistratie(input(), lokaal(), {}));
    mock.failPost('onderwerpobjecten', 400, 1);
    expect(await outbox.processDue()).toEqual({ verstuurd: 0, opnieuw: 0, gecompenseerd: 1 });
    const r = await get(row.id);
    expect(r.state).toBe('gecompenseerd');
    expect(mock.store.klantcontacten!.some((k) => k.uuid === r.steps.klantcontact)).toBe(false);
    expect(
      mock.requests.some(
        (q) => q.method === 'DELETE' && q.url.endsWith(`/klantcontacten/${r.steps.klantcontact}`),
      ),
    ).toBe(true);
  });

  it('gives up after maxAttempts of transient failures and compensates', async () => {
    const row = await enqueue(toOutboxRegistratie(input(), lokaal(), {}));
    mock.failPost('internetaken', 503, 10);
    for (let i = 0; i < 3; i++) {
      await outbox.processDue();
      clock += 100_000;
    }
    expect(await outbox.get(row.id)).toMatchObject({ state: 'gecompenseerd', attempts: 3 });
    mock.failPost('internetaken', 503, 0);
  });

  it('lets a beheerder retry a compensated registration: it starts over and lands once', async () => {
    const row = await enqueue(toOutboxRegistratie(input(), lokaal(), {}));
    mock.failPost('onderwerpobjecten', 400, 1);
    await outbox.processDue();
    const first = await get(row.id);
    expect(first.state).toBe('gecompenseerd');
    expect((await outbox.overzicht()).items.find((i) => i.id === row.id)).toMatchObject({
      state: 'gecompenseerd',
      referentienummer: row.referentienummer,
    });
    expect(await outbox.opnieuw(row.id)).toMatchObject({ state: 'wachtend', attempts: 0, steps: {} });
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    expect(
      mock.store.klantcontacten!.filter((k) => k.referentienummer === row.referentienummer),
    ).toHaveLength(1);
    expect((await outbox.opnieuw(row.id))?.state).toBe('verstuurd');
    expect(await outbox.opnieuw('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it("lists a partij's registrations until they are forwarded; a refused partij compensates", async () => {
    const p = mock.seedPartij({ bsn: '999990019', naam: { voornaam: 'Sanne', achternaam: 'Visser' } });
    const row = await enqueue(toOutboxRegistratie(input(), lokaal(), { partijUuid: p.uuid }));
    mock.failPost('klantcontacten', 503, 1);
    await outbox.processDue();
    expect(await outbox.pendingFor(p.uuid)).toMatchObject([
      { state: 'wachtend', registratie: { partijUuid: p.uuid, klantcontact: { onderwerp: 'Bezwaar WOZ' } } },
    ]);
    expect((await outbox.overzicht()).aantallen.wachtend).toBeGreaterThanOrEqual(1);
    clock += 10_000;
    await outbox.processDue();
    expect((await get(row.id)).state).toBe('verstuurd');
    expect(await outbox.pendingFor(p.uuid)).toEqual([]);

    // A partij Open Klant does not know: the betrokkene is refused (400) and the registration compensated.
    const onbekend = randomUUID();
    const refused = await enqueue(toOutboxRegistratie(input(), lokaal(), { partijUuid: onbekend }));
    await outbox.processDue();
    expect((await get(refused.id)).state).toBe('gecompenseerd');
    expect(await outbox.pendingFor(onbekend)).toMatchObject([{ state: 'gecompenseerd' }]);
  });
  const bijlagenVan = (kc: string | undefined) =>
    mock.store.bijlagen!.filter((b) => (b.wasBijlageVanKlantcontact as { uuid: string }).uuid === kc);

  it('forwards the transcript as a bijlage of the klantcontact, with the kcc transcript codes', async () => {
    const reg = toOutboxRegistratie(input({ interneTaak: undefined }), lokaal(false), {});
    const row = await enqueue(reg);
    expect(await repository.attachBijlage(reg.lokaal.klantcontactUuid, { objectId: 'chat-contact-1' })).toBe(
      true,
    );
    expect(await repository.attachBijlage(randomUUID(), { objectId: 'x' })).toBe(false);
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    const done = await get(row.id);
    expect(done.steps.bijlage).toBeTruthy();
    const [bijlage, ...rest] = bijlagenVan(done.steps.klantcontact);
    expect(rest).toEqual([]);
    expect(bijlage).toMatchObject({
      uuid: done.steps.bijlage,
      bijlageidentificator: { ...TRANSCRIPT_BIJLAGE, objectId: 'chat-contact-1' },
    });
    const kc = mock.store.klantcontacten!.find((k) => k.uuid === done.steps.klantcontact)!;
    expect(kc.omvatteBijlagen).toEqual([{ uuid: bijlage!.uuid, url: expect.any(String) }]);
    const lookup = mock.requests.find(
      (q) => q.url.includes('/bijlagen?') && q.url.includes(`klantcontact__uuid=${done.steps.klantcontact}`),
    )!;
    expect(Object.fromEntries(new URL(lookup.url, 'http://x').searchParams)).toEqual({
      klantcontact__uuid: done.steps.klantcontact,
      bijlageidentificatorCodeRegister: 'kcc',
      bijlageidentificatorCodeObjecttype: 'transcript',
      bijlageidentificatorCodeSoortObjectId: 'contact_id',
      bijlageidentificatorObjectId: 'chat-contact-1',
    });
    // Without a transcript there is no bijlage step.
    const plain = await enqueue(toOutboxRegistratie(input({ interneTaak: undefined }), lokaal(false), {}));
    await outbox.processDue();
    expect((await get(plain.id)).steps.bijlage).toBeNull();
    expect(bijlagenVan((await get(plain.id)).steps.klantcontact)).toEqual([]);
  });

  it('retries the bijlage step without duplicating it, also when the POST landed before a crash', async () => {
    const reg = toOutboxRegistratie(input(), lokaal(), {});
    const row = await enqueue({ ...reg, bijlage: { objectId: 'mail-contact-2' } });
    mock.failPost('bijlagen', 503, 1);
    expect(await outbox.processDue()).toEqual({ verstuurd: 0, opnieuw: 1, gecompenseerd: 0 });
    const half = await get(row.id);
    expect(half.steps.onderwerpobject).toBeTruthy();
    expect(half.steps.bijlage).toBeUndefined();
    // The POST reached Open Klant but the answer was lost: the retry finds it by the filters.
    await client().request({
      method: 'POST',
      path: '/bijlagen',
      body: {
        wasBijlageVanKlantcontact: { uuid: half.steps.klantcontact },
        bijlageidentificator: { ...TRANSCRIPT_BIJLAGE, objectId: 'mail-contact-2' },
      },
    });
    clock += 1000;
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    const bijlagen = bijlagenVan(half.steps.klantcontact);
    expect(bijlagen).toHaveLength(1);
    expect((await get(row.id)).steps.bijlage).toBe(bijlagen[0]!.uuid);
  });

  it('compensation removes the bijlage with the klantcontact', async () => {
    const reg = toOutboxRegistratie(input(), lokaal(), {});
    const row = await enqueue({ ...reg, bijlage: { objectId: 'form-contact-3' } });
    mock.failPost('internetaken', 400, 1);
    expect(await outbox.processDue()).toEqual({ verstuurd: 0, opnieuw: 0, gecompenseerd: 1 });
    const r = await get(row.id);
    expect(r.steps.bijlage).toBeTruthy();
    expect(mock.store.bijlagen!.some((b) => b.uuid === r.steps.bijlage)).toBe(false);
  });

  it('withOpenKlantOutbox: linkTranscript makes the local bijlage and adds it to the registration in the outbox', async () => {
    const ki = createKlantinteracties({
      store: openStore({ sqlite: db }),
      publicBaseUrl: 'http://kcc.test',
      now: () => new Date(clock),
    });
    for (const m of klantinteractiesMigrations) db.exec(m.sqlite!);
    const port = withOpenKlantOutbox(ki.port, outbox);
    const contact = { id: 'webform-contact-4', channel: 'webformulier' as const, from: {} };
    const result = await port.register({ ...input({ interneTaak: undefined, zaak: undefined }), contact });
    await port.linkTranscript(result.klantcontact.uuid, contact.id);
    await port.linkTranscript(result.klantcontact.uuid, contact.id);
    const local = db
      .prepare('SELECT object_id, code_register FROM ki_bijlagen WHERE klantcontact_uuid = ?')
      .all(result.klantcontact.uuid);
    expect(local).toEqual([{ object_id: contact.id, code_register: 'kcc' }]);
    await outbox.processDue();
    const forwarded = await opened.store
      .kysely<OpenKlantOutboxTables>()
      .selectFrom('openklant_outbox')
      .select('steps')
      .execute();
    expect(forwarded).toHaveLength(1);
    const steps = JSON.parse(forwarded[0]!.steps) as { klantcontact: string; bijlage: string };
    expect(bijlagenVan(steps.klantcontact)).toMatchObject([
      { uuid: steps.bijlage, bijlageidentificator: { objectId: contact.id } },
    ]);
  });

  it('hands nothing over when the embedded registration fails', async () => {
    const ki = createKlantinteracties({
      store: openStore({ sqlite: db }),
      publicBaseUrl: 'http://kcc.test',
      now: () => new Date(clock),
    });
    for (const m of klantinteractiesMigrations) db.exec(m.sqlite!);
    const port = withOpenKlantOutbox(ki.port, outbox);
    const sent = input({ interneTaak: undefined, zaak: undefined });
    await expect(
      port.register({ ...sent, request: { ...sent.request, gespreksresultaat: 'bestaat_niet' } }),
    ).rejects.toThrow(RegistrationError);
    expect(await outbox.relay()).toBe(0);
    expect((await outbox.overzicht()).aantallen).toEqual({
      wachtend: 0,
      verstuurd: 0,
      gecompenseerd: 0,
      mislukt: 0,
    });
  });

  it('forwards a transcript attached after the registration was sent (only the bijlage)', async () => {
    const reg = toOutboxRegistratie(input({ interneTaak: undefined }), lokaal(false), {});
    const row = await enqueue(reg);
    await outbox.processDue();
    expect((await get(row.id)).steps.bijlage).toBeNull();
    const posts = mock.requests.filter((q) => q.method === 'POST').length;
    expect(await repository.attachBijlage(reg.lokaal.klantcontactUuid, { objectId: 'late-chat' })).toBe(true);
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    const done = await get(row.id);
    expect(bijlagenVan(done.steps.klantcontact).map((b) => b.uuid)).toEqual([done.steps.bijlage]);
    expect(mock.requests.filter((q) => q.method === 'POST').map((q) => q.url)).toHaveLength(posts + 1);
  });

  it('two workers claiming at once forward every registration exactly once', async () => {
    const rows = [];
    for (let i = 0; i < 16; i++) rows.push(await enqueue(toOutboxRegistratie(input(), lokaal(), {})));
    // Two workers with their own repository on the same store, as two instances on one database.
    const other = new OpenKlantOutbox(
      {
        repository: createOpenKlantOutboxRepository(opened.store, () => clock),
        overdracht: createOpenKlantOverdracht(db),
      },
      client(),
      { now: () => clock, backoffMs: 1000, maxAttempts: 3 },
    );
    const [a, b] = await Promise.all([outbox.processDue(), other.processDue()]);
    expect(a.verstuurd + b.verstuurd).toBe(16);
    // Both took part: each claimed rows while the other was forwarding.
    expect(a.verstuurd).toBeGreaterThan(0);
    expect(b.verstuurd).toBeGreaterThan(0);
    expect(a.opnieuw + b.opnieuw + a.gecompenseerd + b.gecompenseerd).toBe(0);
    for (const row of rows) {
      expect(
        mock.store.klantcontacten!.filter((k) => k.referentienummer === row.referentienummer),
      ).toHaveLength(1);
      // One worker did all of it: one lookup of the klantcontact before it was created.
      const lookups = mock.requests.filter(
        (q) => q.method === 'GET' && q.url.includes(`referentienummer=${row.referentienummer}`),
      );
      expect(lookups).toHaveLength(1);
    }
    expect(await outbox.processDue()).toEqual({ verstuurd: 0, opnieuw: 0, gecompenseerd: 0 });
  });

  it("retries a crashed worker's claim after its lease, and refuses the crashed worker's late writes", async () => {
    const row = await enqueue(toOutboxRegistratie(input(), lokaal(), {}));
    // Worker A claims and dies before it writes anything.
    const [claimed] = await repository.claimDue(5, 60_000);
    expect(claimed?.id).toBe(row.id);
    expect(await outbox.processDue()).toEqual({ verstuurd: 0, opnieuw: 0, gecompenseerd: 0 });
    clock += 60_000;
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    expect(await get(row.id)).toMatchObject({ state: 'verstuurd', attempts: 1 });
    expect(
      mock.store.klantcontacten!.filter((k) => k.referentienummer === row.referentienummer),
    ).toHaveLength(1);
    // A comes back: its claim is gone, so it cannot overwrite what the other worker wrote.
    expect(await repository.saveSteps(claimed!, {}, 60_000)).toBe(false);
    expect(await repository.finish(claimed!, { state: 'mislukt', attempts: 9, lastError: 'x' })).toBe(false);
    expect(await get(row.id)).toMatchObject({ state: 'verstuurd', attempts: 1 });
  });

  it('forwards a bijlage attached while its registration was being forwarded without it', async () => {
    const reg = toOutboxRegistratie(input(), lokaal(), {});
    const row = await enqueue(reg);
    const [claimed] = await repository.claimDue(5, 60_000);
    expect(claimed?.id).toBe(row.id);
    // The transcript is linked while this worker forwards the registration as it was claimed.
    expect(await repository.attachBijlage(reg.lokaal.klantcontactUuid, { objectId: 'chat-tijdens' })).toBe(
      true,
    );
    expect(await repository.finish(claimed!, { state: 'verstuurd', attempts: 1 })).toBe(true);
    expect(await get(row.id)).toMatchObject({ state: 'wachtend' });
    expect(await outbox.processDue()).toEqual({ verstuurd: 1, opnieuw: 0, gecompenseerd: 0 });
    expect(await get(row.id)).toMatchObject({ state: 'verstuurd' });
    expect(
      mock.store.bijlagen!.filter(
        (b) => (b.bijlageidentificator as { objectId?: string } | null)?.objectId === 'chat-tijdens',
      ),
    ).toHaveLength(1);
  });
});
