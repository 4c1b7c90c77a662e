import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReportResponse } from '@kcc/contracts/dashboard';
import type { Onderwerp, OnderwerpenResponse } from '@kcc/contracts/onderwerpen';
import type { KlantbeeldResponse } from '@kcc/contracts/rest';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeRows } from '../../../test-support/store-rows';
import {
  bearer,
  nextEvent,
  startTestServer,
  type AgentClient,
  type TestServer,
} from '../../../test-support/test-server';

const PASPOORT_UPL = 'http://standaarden.overheid.nl/owms/terms/paspoort';

/** The managed onderwerpen list, a registration that uses it, nawerk notes and the report's onderwerp rows. */
describeEachStore(
  'onderwerpen, registration from the list, nawerk notes and the report by onderwerp',
  (stores) => {
    let database: FreshDatabase;
    let server: TestServer;
    let anna: string;
    let bram: string;
    let bea: string;
    let tess: string;
    let annaSocket: AgentClient;

    beforeAll(async () => {
      database = await stores.freshDatabase();
      server = await startTestServer({ KCC_WRAP_UP_MS: '600000', ...database.env });
      anna = await server.login('anna');
      bram = await server.login('bram');
      bea = await server.login('bea');
      tess = await server.login('tess');
      annaSocket = await server.connectAgent(anna);
      await annaSocket.emitWithAck('presence:set', { status: 'beschikbaar' });
    });
    afterAll(async () => {
      await server.stop();
      await database.drop();
    });

    const call = (method: string, path: string, token: string, body?: unknown, headers = {}) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...bearer(token),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    const list = async (token: string, alle = false) => {
      const res = await call('GET', `/api/onderwerpen${alle ? '?alle=true' : ''}`, token);
      expect(res.status).toBe(200);
      return ((await res.json()) as OnderwerpenResponse).items;
    };
    const invalidParams = async (res: Response) => {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return ((await res.json()) as { invalidParams: { name: string; code: string; reason: string }[] })
        .invalidParams;
    };
    /** A call from a demo resident, accepted by Anna; returns the contact id and its partij. */
    const acceptedCall = async (externalId: string) => {
      const offered = nextEvent(annaSocket, 'contact:offered');
      expect(
        (await server.inbound({ channel: 'telefoon', externalId, from: { phone: '0612345678' } })).status,
      ).toBe(201);
      const { offerId, contact } = await offered;
      expect(await annaSocket.emitWithAck('offer:accept', { offerId })).toMatchObject({ ok: true });
      const beeld = (await (
        await call('GET', `/api/contacts/${contact.id}/klantbeeld`, anna)
      ).json()) as KlantbeeldResponse;
      return { contactId: contact.id, partijUuid: beeld.partij!.uuid };
    };
    const register = (contactId: string, body: Record<string, unknown>) =>
      call('POST', `/api/contacts/${contactId}/registration`, anna, body, {
        'idempotency-key': randomUUID(),
      });

    let paspoort: Onderwerp;
    let afval: Onderwerp;

    /** Every new verwerkingenlog line fails (a trigger on the store), or writes again. */
    const verwerkingenlogDown = async (down: boolean) => {
      const statements =
        stores.dialect === 'sqlite'
          ? down
            ? [
                `CREATE TRIGGER verwerkingenlog_down BEFORE INSERT ON audit_verwerkingsacties
                 BEGIN SELECT RAISE(ABORT, 'verwerkingenlog down'); END`,
              ]
            : ['DROP TRIGGER verwerkingenlog_down']
          : down
            ? [
                `CREATE FUNCTION verwerkingenlog_down() RETURNS trigger LANGUAGE plpgsql AS
                 $$ BEGIN RAISE EXCEPTION 'verwerkingenlog down'; END $$`,
                `CREATE TRIGGER verwerkingenlog_down BEFORE INSERT ON audit_verwerkingsacties
                 FOR EACH ROW EXECUTE FUNCTION verwerkingenlog_down()`,
              ]
            : [
                'DROP TRIGGER verwerkingenlog_down ON audit_verwerkingsacties',
                'DROP FUNCTION verwerkingenlog_down()',
              ];
      for (const statement of statements) await storeRows(server.store, sql.raw(statement));
    };

    it('seeds the list from the kennisbank: municipal UPL products with their uri, capitalised; not rijk-only ones', async () => {
      const items = await list(anna);
      paspoort = items.find((o) => o.naam === 'Paspoort')!;
      expect(paspoort).toMatchObject({ uplUri: PASPOORT_UPL, actief: true, bron: 'kennisbank' });
      expect(items.some((o) => o.naam === 'Accijns')).toBe(false);
      const names = items.map((o) => o.naam);
      expect(names).toEqual(
        [...names].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base', numeric: true })),
      );
      // Taking over again adds nothing: every product is already in the list.
      const again = await call('POST', '/api/onderwerpen/kennisbank-import', bea);
      expect(await again.json()).toEqual({ toegevoegd: 0 });
    });

    it('lets only the beheerder add, rename and deactivate, with problem JSON on bad input', async () => {
      expect((await call('POST', '/api/onderwerpen', anna, { naam: 'Iets' })).status).toBe(403);
      expect((await call('POST', '/api/onderwerpen/kennisbank-import', tess)).status).toBe(403);
      expect((await call('GET', '/api/onderwerpen?alle=true', anna)).status).toBe(403);
      expect(await invalidParams(await call('GET', '/api/onderwerpen?alle=ja', bea))).toMatchObject([
        { name: 'query.alle' },
      ]);

      const bad = await call('POST', '/api/onderwerpen', bea, {
        naam: '  ',
        uplUri: 'javascript:alert(1)',
        x: 1,
      });
      expect(bad.status).toBe(400);
      const names = (await invalidParams(bad)).map((p) => p.name);
      expect(names).toEqual(['naam', 'uplUri', 'body']);
      expect((await call('POST', '/api/onderwerpen', bea, { naam: 'x'.repeat(201) })).status).toBe(400);

      const created = await call('POST', '/api/onderwerpen', bea, { naam: 'Afvalpas kwijt' });
      expect(created.status).toBe(201);
      afval = (await created.json()) as Onderwerp;
      expect(created.headers.get('location')).toBe(`/api/onderwerpen/${afval.id}`);
      expect(afval).toMatchObject({ naam: 'Afvalpas kwijt', actief: true, bron: 'beheer' });

      const dup = await call('POST', '/api/onderwerpen', bea, { naam: '  afvalpas   KWIJT ' });
      expect(await invalidParams(dup)).toEqual([
        { name: 'naam', code: 'duplicate', reason: "Het onderwerp 'Afvalpas kwijt' bestaat al." },
      ]);

      const renamed = await call('PATCH', `/api/onderwerpen/${afval.id}`, bea, { naam: 'Afvalpas' });
      expect(((await renamed.json()) as Onderwerp).naam).toBe('Afvalpas');
      expect((await call('PATCH', `/api/onderwerpen/${afval.id}`, bea, {})).status).toBe(400);
      expect((await call('PATCH', `/api/onderwerpen/${randomUUID()}`, bea, { actief: false })).status).toBe(
        404,
      );
      expect((await call('PATCH', '/api/onderwerpen/geen-uuid', bea, { actief: false })).status).toBe(400);
      expect(
        await invalidParams(await call('PATCH', `/api/onderwerpen/${afval.id}`, bea, { naam: 'paspoort' })),
      ).toMatchObject([{ name: 'naam', code: 'duplicate' }]);
    });

    it('registers from the list under its current name with the UPL uri; refuses unknown and inactive ids', async () => {
      const { contactId, partijUuid } = await acceptedCall('ond-1');
      const unknown = await register(contactId, {
        onderwerp: 'Paspoort',
        onderwerpId: randomUUID(),
        gespreksresultaat: 'zelfstandig_afgehandeld',
      });
      expect(await invalidParams(unknown)).toMatchObject([{ name: 'onderwerpId', code: 'does_not_exist' }]);

      const first = await register(contactId, {
        onderwerp: 'paspoort', // the typed text; the list's name is what gets registered
        onderwerpId: paspoort.id,
        gespreksresultaat: 'zelfstandig_afgehandeld',
        partij: { uuid: partijUuid },
        afronden: false,
      });
      expect(first.status).toBe(201);
      const { klantcontact } = (await first.json()) as { klantcontact: { uuid: string } };
      const ki = await fetch(`${server.url}/klantinteracties/api/v1/klantcontacten/${klantcontact.uuid}`, {
        headers: { authorization: 'Token demo-klantinteracties-token' },
      });
      expect(await ki.json()).toMatchObject({ onderwerp: 'Paspoort', hoofdOnderwerpType: PASPOORT_UPL });

      expect((await call('PATCH', `/api/onderwerpen/${afval.id}`, bea, { actief: false })).status).toBe(200);
      expect((await list(anna)).some((o) => o.id === afval.id)).toBe(false);
      expect((await list(bea, true)).find((o) => o.id === afval.id)).toMatchObject({ actief: false });
      const inactive = await register(contactId, {
        onderwerp: 'Afvalpas',
        onderwerpId: afval.id,
        gespreksresultaat: 'zelfstandig_afgehandeld',
      });
      expect(await invalidParams(inactive)).toEqual([
        {
          name: 'onderwerpId',
          code: 'inactive',
          reason: "Het onderwerp 'Afvalpas' is niet meer in gebruik. Kies een ander onderwerp.",
        },
      ]);

      // Free text is still allowed: the second question of the same contact, which closes it.
      const vrij = await register(contactId, {
        onderwerp: 'Vraag over de markt',
        gespreksresultaat: 'zelfstandig_afgehandeld',
        partij: { uuid: partijUuid },
      });
      expect(vrij.status).toBe(201);
      await annaSocket.emitWithAck('presence:set', { status: 'beschikbaar' });
    });

    it('keeps nawerk notes of the agent who registered, limited in length, and shows them in the history', async () => {
      const { contactId, partijUuid } = await acceptedCall('ond-2');
      const path = `/api/contacts/${contactId}/nawerk-notitie`;
      // Not registered yet: no nawerk.
      expect((await call('PUT', path, anna, { tekst: 'Te vroeg' })).status).toBe(409);
      expect(
        (
          await register(contactId, {
            onderwerp: 'Paspoort',
            onderwerpId: paspoort.id,
            gespreksresultaat: 'zelfstandig_afgehandeld',
            partij: { uuid: partijUuid },
          })
        ).status,
      ).toBe(201);
      await annaSocket.emitWithAck('presence:set', { status: 'beschikbaar' });

      const tooLong = await call('PUT', path, anna, { tekst: 'x'.repeat(2001) });
      expect(await invalidParams(tooLong)).toMatchObject([{ name: 'tekst', code: 'too_big' }]);
      expect((await call('PUT', path, bram, { tekst: 'Niet van mij' })).status).toBe(403);
      expect((await call('PUT', path, anna, { tekst: 42 })).status).toBe(400);

      const saved = await call('PUT', path, anna, { tekst: 'Mevrouw belt terug na de afspraak.' });
      expect(saved.status).toBe(200);
      expect(await saved.json()).toMatchObject({ tekst: 'Mevrouw belt terug na de afspraak.' });
      expect(await (await call('GET', path, anna)).json()).toMatchObject({
        tekst: 'Mevrouw belt terug na de afspraak.',
      });

      // The next contact of the same resident shows it with the earlier klantcontact.
      const next = await acceptedCall('ond-3');
      const beeld = (await (
        await call('GET', `/api/contacts/${next.contactId}/klantbeeld`, anna)
      ).json()) as KlantbeeldResponse;
      const earlier = beeld.klantcontacten.find((kc) => kc.kccContactId === contactId);
      expect(earlier).toMatchObject({
        onderwerp: 'Paspoort',
        nawerkNotitie: 'Mevrouw belt terug na de afspraak.',
      });

      // The note is content: while its read cannot be written to the verwerkingenlog, it is not handed out.
      await verwerkingenlogDown(true);
      try {
        const refused = await call('GET', path, anna);
        expect(refused.status).toBe(500);
        expect(await refused.text()).not.toContain('Mevrouw belt terug');
      } finally {
        await verwerkingenlogDown(false);
      }
      expect((await call('GET', path, anna)).status).toBe(200);
    });

    it('breaks the report down by onderwerp, free text in one row, in JSON and CSV', async () => {
      const res = await call('GET', '/api/reports', tess);
      expect(res.status).toBe(200);
      const report = ReportResponse.parse(await res.json());
      expect(report.byOnderwerp).toEqual([
        expect.objectContaining({
          onderwerpId: paspoort.id,
          naam: 'Paspoort',
          registraties: 2,
          contacten: 2,
          zelfstandigAfgehandeld: 2,
        }),
        expect.objectContaining({
          onderwerpId: null,
          naam: 'Vrije tekst (niet uit de lijst)',
          registraties: 1,
        }),
      ]);

      // A rename shows in the report under the new name: rows follow the list, not the text of the day.
      await call('PATCH', `/api/onderwerpen/${paspoort.id}`, bea, { naam: 'Paspoort aanvragen' });
      const renamed = ReportResponse.parse(await (await call('GET', '/api/reports', tess)).json());
      expect(renamed.byOnderwerp[0]).toMatchObject({ naam: 'Paspoort aanvragen', registraties: 2 });

      const csv = await (await call('GET', '/api/reports?format=csv', tess)).text();
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      const header = lines.indexOf(
        'Onderwerp;Uit de lijst;Registraties;Contacten;Zelfstandig afgehandeld;Eerste keer goed;Eerste keer goed (%);' +
          'Gem. afhandeltijd (s);Kanaalsturing;Primair kanaal (%);Beoordelingen;Gem. beoordeling (1-5)',
      );
      expect(header).toBeGreaterThan(0);
      expect(lines[header - 1]).toBe('');
      expect(lines[header + 1]).toMatch(/^Paspoort aanvragen;ja;2;2;2;/);
      expect(lines[header + 2]).toMatch(/^Vrije tekst \(niet uit de lijst\);nee;1;1;1;/);
    });

    it('keeps the list, renames and deactivations across a restart (no re-seed over a beheerder’s edits)', async () => {
      const dataDir = server.dataDir;
      for (const s of [annaSocket]) s.disconnect();
      await server.close();
      server = await startTestServer(database.env, {}, dataDir);
      bea = await server.login('bea');
      const items = await list(bea, true);
      expect(items.find((o) => o.id === paspoort.id)).toMatchObject({
        naam: 'Paspoort aanvragen',
        actief: true,
      });
      expect(items.find((o) => o.id === afval.id)).toMatchObject({ naam: 'Afvalpas', actief: false });
      expect(items.filter((o) => o.naam.toLowerCase() === 'paspoort')).toEqual([]);
    });
  },
);
