import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RESIDENTS } from './seed-demo';
import {
  createTestKlantinteracties,
  expectConformance,
  tableCounts,
  TEST_BASE_URL,
  type TestKlantinteracties,
} from '../../../test-support/klantinteracties/test-support';
import { describeEachStore } from '../../../test-support/each-store';

const API = `${TEST_BASE_URL}/klantinteracties/api/v1`;
const UNKNOWN = '6f1d1f0e-3b5a-4c1e-9a57-2f0d6f9a1b2c';

describeEachStore('Klantinteracties API', (stores) => {
  let t: TestKlantinteracties;
  beforeEach(async () => {
    t = await createTestKlantinteracties({ stores });
  });
  afterEach(async () => {
    await t.close();
  });

  async function partijByBsn(bsn: string): Promise<string> {
    const res = await t.call(
      'GET',
      `/partijen?partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId=${bsn}`,
    );
    expect(res.body.count).toBe(1);
    return res.body.results[0].uuid as string;
  }

  describe('authentication', () => {
    it('refuses a request without a token with 401 problem JSON', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/klantinteracties/api/v1/klantcontacten' });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Token');
      const body = JSON.parse(res.body);
      expect(body.code).toBe('not_authenticated');
      expectConformance('GET', '/klantcontacten', { status: res.statusCode, body, headers: res.headers });
    });

    it('refuses a wrong token and a Bearer token', async () => {
      for (const authorization of ['Token verkeerd', 'Bearer test-klantinteracties-token', 'Token']) {
        const res = await t.app.inject({
          method: 'GET',
          url: '/klantinteracties/api/v1/partijen',
          headers: { authorization },
        });
        expect(res.statusCode).toBe(401);
        expect(JSON.parse(res.body).code).toBe('authentication_failed');
      }
    });

    it('also protects unknown paths under the base path', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/klantinteracties/api/v1/bestaat-niet' });
      expect(res.statusCode).toBe(401);
      const ok = await t.call('GET', '/bestaat-niet');
      expect(ok.status).toBe(404);
    });
  });

  describe('GET /klantcontacten', () => {
    it('lists klantcontacten newest first with uuid, url and the API-version header', async () => {
      const res = await t.call('GET', '/klantcontacten');
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(5);
      expect(res.body.next).toBeNull();
      expect(res.body.previous).toBeNull();
      const times = res.body.results.map((k: { plaatsgevondenOp: string }) => Date.parse(k.plaatsgevondenOp));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const k of res.body.results) expect(k.url).toBe(`${API}/klantcontacten/${k.uuid}`);
      expect(res.body.results[0]).not.toHaveProperty('_expand');
    });

    it('filters on hadBetrokkene__wasPartij__uuid, kanaal and onderwerp', async () => {
      const fatima = await partijByBsn(DEMO_RESIDENTS[0]!.bsn);
      const van = await t.call('GET', `/klantcontacten?hadBetrokkene__wasPartij__uuid=${fatima}`);
      expect(van.body.count).toBe(2);
      expect(van.body.results.map((k: { onderwerp: string }) => k.onderwerp)).toEqual([
        'Bezwaar WOZ-waarde',
        'Afvalpas kwijt',
      ]);

      const telefoon = await t.call('GET', '/klantcontacten?kanaal=telefoon');
      expect(telefoon.body.count).toBe(3);
      expect(telefoon.body.results.every((k: { kanaal: string }) => k.kanaal === 'telefoon')).toBe(true);

      const onderwerp = await t.call('GET', '/klantcontacten?onderwerp=woz');
      expect(onderwerp.body.results.map((k: { onderwerp: string }) => k.onderwerp)).toEqual([
        'Bezwaar WOZ-waarde',
      ]);

      const combined = await t.call(
        'GET',
        `/klantcontacten?hadBetrokkene__wasPartij__uuid=${fatima}&kanaal=chat`,
      );
      expect(combined.body.count).toBe(0);
    });

    it('expands hadBetrokkenen, gingOverOnderwerpobjecten and leiddeTotInterneTaken', async () => {
      const res = await t.call(
        'GET',
        '/klantcontacten?onderwerp=WOZ&expand=hadBetrokkenen,gingOverOnderwerpobjecten,leiddeTotInterneTaken',
      );
      const [kc] = res.body.results;
      expect(Object.keys(kc._expand).sort()).toEqual([
        'gingOverOnderwerpobjecten',
        'hadBetrokkenen',
        'leiddeTotInterneTaken',
      ]);
      expect(kc._expand.hadBetrokkenen).toHaveLength(1);
      expect(kc._expand.hadBetrokkenen[0].uuid).toBe(kc.hadBetrokkenen[0].uuid);
      expect(kc._expand.hadBetrokkenen[0].rol).toBe('klant');
      expect(kc._expand.leiddeTotInterneTaken[0]).toMatchObject({
        gevraagdeHandeling: 'Terugbellen over taxatieverslag WOZ',
        status: 'te_verwerken',
      });
      expect(kc._expand.gingOverOnderwerpobjecten).toEqual([]);
      expect(kc.hadBetrokkenActoren[0]).toMatchObject({ soortActor: 'medewerker', naam: 'Bram Jansen' });
      expect(kc.metadata).toEqual({ gespreksresultaat: 'contactverzoek_gemaakt' });
    });

    it('accepts repeated expand parameters and nested expansions', async () => {
      const res = await t.call(
        'GET',
        '/klantcontacten?expand=hadBetrokkenen.wasPartij&expand=leiddeTotInterneTaken',
      );
      const withTaak = res.body.results.find(
        (k: { leiddeTotInterneTaken: unknown[] }) => k.leiddeTotInterneTaken.length > 0,
      );
      expect(withTaak._expand.hadBetrokkenen[0]._expand.wasPartij.soortPartij).toBe('persoon');
    });

    it('refuses an unknown expand value and a malformed uuid filter with 400', async () => {
      const expand = await t.call('GET', '/klantcontacten?expand=bestaatNiet');
      expect(expand.status).toBe(400);
      expect(expand.body.invalidParams[0]).toMatchObject({ name: 'expand', code: 'invalid_choice' });
      const uuid = await t.call('GET', '/klantcontacten?hadBetrokkene__wasPartij__uuid=geen-uuid');
      expect(uuid.status).toBe(400);
      expect(uuid.body.invalidParams[0]).toMatchObject({
        name: 'hadBetrokkene__wasPartij__uuid',
        code: 'invalid',
      });
    });

    it('paginates with page and pageSize', async () => {
      const first = await t.call('GET', '/klantcontacten?pageSize=2');
      expect(first.body.count).toBe(5);
      expect(first.body.results).toHaveLength(2);
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toBe(`${API}/klantcontacten?pageSize=2&page=2`);

      const second = await t.call('GET', first.body.next);
      expect(second.body.results).toHaveLength(2);
      expect(second.body.previous).toBe(`${API}/klantcontacten?pageSize=2`);
      const third = await t.call('GET', second.body.next);
      expect(third.body.results).toHaveLength(1);
      expect(third.body.next).toBeNull();

      const all = [...first.body.results, ...second.body.results, ...third.body.results].map((k) => k.uuid);
      expect(new Set(all).size).toBe(5);

      const beyond = await t.call('GET', '/klantcontacten?pageSize=2&page=4');
      expect(beyond.status).toBe(404);
      const bad = await t.call('GET', '/klantcontacten?page=0');
      expect(bad.status).toBe(404);
      const capped = await t.call('GET', '/klantcontacten?pageSize=100000');
      expect(capped.body.results).toHaveLength(5);
    });
  });

  describe('GET /klantcontacten/{uuid}', () => {
    it('returns one klantcontact, with expand', async () => {
      const list = await t.call('GET', '/klantcontacten?pageSize=1');
      const uuid = list.body.results[0].uuid as string;
      const res = await t.call(
        'GET',
        `/klantcontacten/${uuid}?expand=hadBetrokkenen.digitaleAdressen,omvatteBijlagen`,
      );
      expect(res.status).toBe(200);
      expect(res.body.uuid).toBe(uuid);
      expect(res.body._expand.omvatteBijlagen).toEqual([]);
      expect(res.body._expand.hadBetrokkenen[0]._expand.digitaleAdressen).toEqual([]);
    });

    it('answers 404 for an unknown or malformed uuid', async () => {
      expect((await t.call('GET', `/klantcontacten/${UNKNOWN}`)).status).toBe(404);
      expect((await t.call('GET', '/klantcontacten/niet-een-uuid')).status).toBe(404);
    });
  });

  describe('POST /maak-klantcontact', () => {
    it('creates klantcontact, betrokkene and onderwerpobject in one call and echoes all three', async () => {
      const partij = await partijByBsn(DEMO_RESIDENTS[3]!.bsn);
      const zaak = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
      const res = await t.call('POST', '/maak-klantcontact', {
        klantcontact: {
          kanaal: 'telefoon',
          onderwerp: 'Vraag over afvalpas',
          inhoud: 'Waar haal ik een nieuwe pas?',
          taal: 'nld',
          vertrouwelijk: false,
          indicatieContactGelukt: true,
          plaatsgevondenOp: '2026-08-20T10:15:00+02:00',
          metadata: { bron: 'test' },
        },
        betrokkene: { wasPartij: { uuid: partij }, rol: 'klant', initiator: true },
        onderwerpobject: {
          onderwerpobjectidentificator: {
            codeObjecttype: 'zaak',
            codeRegister: 'open-zaak',
            codeSoortObjectId: 'uuid',
            objectId: zaak,
          },
        },
      });
      expect(res.status).toBe(201);
      const kc = res.body.klantcontact;
      expect(kc.plaatsgevondenOp).toBe('2026-08-20T08:15:00.000Z');
      expect(res.body.betrokkene.hadKlantcontact.uuid).toBe(kc.uuid);
      expect(res.body.betrokkene.wasPartij.uuid).toBe(partij);
      expect(res.body.onderwerpobject.klantcontact.uuid).toBe(kc.uuid);

      const read = await t.call('GET', `/klantcontacten/${kc.uuid}?expand=gingOverOnderwerpobjecten`);
      expect(read.body.hadBetrokkenen).toEqual([
        { uuid: res.body.betrokkene.uuid, url: res.body.betrokkene.url },
      ]);
      expect(read.body._expand.gingOverOnderwerpobjecten[0].onderwerpobjectidentificator.objectId).toBe(zaak);

      const byZaak = await t.call(
        'GET',
        `/klantcontacten?onderwerpobject__onderwerpobjectidentificatorObjectId=${zaak}`,
      );
      expect(byZaak.body.results.map((k: { uuid: string }) => k.uuid)).toEqual([kc.uuid]);
    });

    it('creates only a klantcontact when betrokkene and onderwerpobject are left out', async () => {
      const res = await t.call('POST', '/maak-klantcontact', {
        klantcontact: { kanaal: 'chat', onderwerp: 'Openingstijden', taal: 'nld', vertrouwelijk: false },
      });
      expect(res.status).toBe(201);
      // As Open Klant answers (its spec calls them objects, its serializer returns null).
      expect(res.body.betrokkene).toBeNull();
      expect(res.body.onderwerpobject).toBeNull();
      expect(res.body.klantcontact.hadBetrokkenen).toEqual([]);
    });

    it('refuses missing write-required fields with vng-api-common invalidParams', async () => {
      const res = await t.call('POST', '/maak-klantcontact', {
        klantcontact: { onderwerp: 'x'.repeat(201), taal: 'nld' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid');
      const byName = Object.fromEntries(
        res.body.invalidParams.map((p: { name: string; code: string }) => [p.name, p.code]),
      );
      expect(byName).toMatchObject({
        'klantcontact.kanaal': 'required',
        'klantcontact.onderwerp': 'max_length',
        'klantcontact.vertrouwelijk': 'required',
      });
    });

    it('is atomic: an unknown wasPartij leaves no klantcontact behind', async () => {
      const before = await tableCounts(t.store);
      const res = await t.call('POST', '/maak-klantcontact', {
        klantcontact: { kanaal: 'telefoon', onderwerp: 'Test', taal: 'nld', vertrouwelijk: false },
        betrokkene: { wasPartij: { uuid: UNKNOWN }, rol: 'klant', initiator: true },
      });
      expect(res.status).toBe(400);
      expect(res.body.invalidParams[0]).toMatchObject({ name: 'wasPartij.uuid', code: 'does_not_exist' });
      expect(await tableCounts(t.store)).toEqual(before);
    });

    it('refuses invalid JSON and a non-object body with 400 problem JSON', async () => {
      const res = await t.call('POST', '/maak-klantcontact', '{"klantcontact":', {
        'content-type': 'application/json',
      });
      expect(res.status).toBe(400);
      const arr = await t.call('POST', '/maak-klantcontact', [1, 2]);
      expect(arr.status).toBe(400);
    });
  });

  describe('partijen', () => {
    it('creates a persoon with a nested BSN identificator and finds it by BSN', async () => {
      const res = await t.call('POST', '/partijen', {
        soortPartij: 'persoon',
        indicatieActief: true,
        partijIdentificatie: {
          contactnaam: { voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Jong' },
        },
        partijIdentificatoren: [
          {
            partijIdentificator: {
              codeObjecttype: 'natuurlijk_persoon',
              codeSoortObjectId: 'bsn',
              objectId: '999993847',
              codeRegister: 'brp',
            },
          },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.partijIdentificatie.volledigeNaam).toBe('Jan de Jong');
      expect(res.body.partijIdentificatoren[0].identificeerdePartij.uuid).toBe(res.body.uuid);
      expect(await partijByBsn('999993847')).toBe(res.body.uuid);

      const detail = await t.call('GET', `/partijen/${res.body.uuid}`);
      expect(detail.body.soortPartij).toBe('persoon');
    });

    it('keeps a BSN unique when two requests create it at the same time: one 201, one 400, never a 500', async () => {
      const create = () =>
        t.call('POST', '/partijen', {
          soortPartij: 'persoon',
          indicatieActief: true,
          partijIdentificatie: { contactnaam: { achternaam: 'Tegelijk' } },
          partijIdentificatoren: [
            {
              partijIdentificator: {
                codeObjecttype: 'natuurlijk_persoon',
                codeSoortObjectId: 'bsn',
                objectId: '999993847',
                codeRegister: 'brp',
              },
            },
          ],
        });
      const answers = await Promise.all([create(), create()]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 400]);
      const refused = answers.find((r) => r.status === 400)!;
      expect(refused.body.invalidParams[0].code).toBe('unique');
      expect((await t.call('GET', '/partijen?partijIdentificator__objectId=999993847')).body.count).toBe(1);
    });

    it('creates an organisatie with a KvK-nummer and filters on soortPartij', async () => {
      const res = await t.call('POST', '/partijen', {
        soortPartij: 'organisatie',
        indicatieActief: true,
        partijIdentificatie: { naam: 'Fietsenmaker Trapvast' },
        partijIdentificatoren: [
          {
            partijIdentificator: {
              codeObjecttype: 'niet_natuurlijk_persoon',
              codeSoortObjectId: 'kvk_nummer',
              objectId: '90004321',
              codeRegister: 'hr',
            },
          },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.partijIdentificatie).toEqual({ naam: 'Fietsenmaker Trapvast' });
      const orgs = await t.call('GET', '/partijen?soortPartij=organisatie');
      expect(orgs.body.count).toBe(2);
      expect(orgs.body.results[0].uuid).toBe(res.body.uuid);
      const personen = await t.call('GET', '/partijen?soortPartij=persoon');
      expect(personen.body.count).toBe(DEMO_RESIDENTS.length);
      const wrong = await t.call('GET', '/partijen?soortPartij=alien');
      expect(wrong.status).toBe(400);
    });

    it('refuses a BSN that fails the 11-proef, a duplicate BSN and wrong register combinations', async () => {
      const make = (objectId: string, codeRegister = 'brp') => ({
        soortPartij: 'persoon',
        indicatieActief: true,
        partijIdentificatoren: [
          {
            partijIdentificator: {
              codeObjecttype: 'natuurlijk_persoon',
              codeSoortObjectId: 'bsn',
              objectId,
              codeRegister,
            },
          },
        ],
      });
      const elf = await t.call('POST', '/partijen', make('999993654'));
      expect(elf.status).toBe(400);
      expect(elf.body.invalidParams[0]).toMatchObject({
        name: 'partijIdentificatoren.0.partijIdentificator.objectId',
        code: 'invalid',
      });
      const dup = await t.call('POST', '/partijen', make(DEMO_RESIDENTS[0]!.bsn));
      expect(dup.status).toBe(400);
      expect(dup.body.invalidParams[0].code).toBe('unique');
      const combo = await t.call('POST', '/partijen', make('999993847', 'hr'));
      expect(combo.status).toBe(400);
    });

    it('refuses a partij without soortPartij or indicatieActief', async () => {
      const res = await t.call('POST', '/partijen', { partijIdentificatie: { naam: 'x' } });
      expect(res.status).toBe(400);
      const names = res.body.invalidParams
        .map((p: { name: string; code: string }) => `${p.name}:${p.code}`)
        .sort();
      expect(names).toEqual(['indicatieActief:required', 'soortPartij:required']);
    });

    it('expands digitaleAdressen and betrokkenen of a partij', async () => {
      const fatima = await partijByBsn(DEMO_RESIDENTS[0]!.bsn);
      const res = await t.call(
        'GET',
        `/partijen/${fatima}?expand=digitaleAdressen,betrokkenen.hadKlantcontact`,
      );
      expect(res.body._expand.digitaleAdressen.map((d: { adres: string }) => d.adres).sort()).toEqual([
        '0612345678',
        'fatima.elamrani@example.com',
      ]);
      expect(res.body._expand.betrokkenen).toHaveLength(2);
      expect(res.body._expand.betrokkenen[0]._expand.hadKlantcontact.onderwerp).toBeTypeOf('string');
      expect((await t.call('GET', `/partijen/${UNKNOWN}`)).status).toBe(404);
    });
  });

  describe('digitaleadressen', () => {
    it('returns a phone number as the client sent it and finds it by any notation', async () => {
      const partij = await partijByBsn(DEMO_RESIDENTS[5]!.bsn);
      const res = await t.call('POST', '/digitaleadressen', {
        adres: '+31687650000',
        soortDigitaalAdres: 'telefoonnummer',
        verstrektDoorPartij: { uuid: partij },
        isStandaardAdres: true,
      });
      expect(res.status).toBe(201);
      expect(res.body.adres).toBe('+31687650000');
      expect((await t.call('GET', `/digitaleadressen/${res.body.uuid}`)).body.adres).toBe('+31687650000');
      for (const variant of [
        '0687650000',
        '+31687650000',
        '0031687650000',
        '06-87650000',
        '+31 6 8765 0000',
      ]) {
        const found = await t.call('GET', `/digitaleadressen?adres=${encodeURIComponent(variant)}`);
        expect(
          found.body.results.map((d: { uuid: string }) => d.uuid),
          variant,
        ).toEqual([res.body.uuid]);
      }
      // The earlier standaard telefoonnummer of this partij is no longer standaard.
      const vanPartij = await t.call(
        'GET',
        `/digitaleadressen?verstrektDoorPartij__uuid=${partij}&soortDigitaalAdres=telefoonnummer`,
      );
      expect(
        vanPartij.body.results.filter((d: { isStandaardAdres: boolean }) => d.isStandaardAdres),
      ).toHaveLength(1);
    });

    it('refuses phone numbers the spec pattern refuses and invalid e-mail addresses', async () => {
      for (const adres of ['06-12345678', '0800123456', '12345', '+31 6 12345678']) {
        const res = await t.call('POST', '/digitaleadressen', {
          adres,
          soortDigitaalAdres: 'telefoonnummer',
        });
        expect(res.status, adres).toBe(400);
        expect(res.body.invalidParams[0]).toMatchObject({ name: 'adres', code: 'invalid' });
      }
      const mail = await t.call('POST', '/digitaleadressen', {
        adres: 'geen-mail',
        soortDigitaalAdres: 'email',
      });
      expect(mail.status).toBe(400);
      const missing = await t.call('POST', '/digitaleadressen', { adres: 'x@example.com' });
      expect(missing.body.invalidParams[0]).toMatchObject({ name: 'soortDigitaalAdres', code: 'required' });
    });

    it('filters on soortDigitaalAdres and verstrektDoorPartij__uuid, and expands verstrektDoorBetrokkene', async () => {
      const mails = await t.call(
        'GET',
        '/digitaleadressen?soortDigitaalAdres=email&expand=verstrektDoorBetrokkene',
      );
      expect(mails.body.count).toBe(5);
      expect(
        mails.body.results.every((d: { soortDigitaalAdres: string }) => d.soortDigitaalAdres === 'email'),
      ).toBe(true);
      expect(mails.body.results[0]._expand.verstrektDoorBetrokkene).toBeNull();
      const detail = await t.call('GET', `/digitaleadressen/${mails.body.results[0].uuid}`);
      expect(detail.body.adres).toBe(mails.body.results[0].adres);
    });
  });

  describe('betrokkenen, onderwerpobjecten, actoren and actorklantcontacten', () => {
    async function newKlantcontact(): Promise<string> {
      const res = await t.call('POST', '/klantcontacten', {
        kanaal: 'balie',
        onderwerp: 'Paspoort',
        taal: 'nld',
        vertrouwelijk: false,
      });
      expect(res.status).toBe(201);
      return res.body.uuid as string;
    }

    it('creates and lists betrokkenen (also anonymous ones with a contactnaam)', async () => {
      const kc = await newKlantcontact();
      const res = await t.call('POST', '/betrokkenen', {
        hadKlantcontact: { uuid: kc },
        rol: 'klant',
        initiator: true,
        contactnaam: { voornaam: 'Kim', achternaam: 'Smit' },
        correspondentieadres: {
          straatnaam: 'Dorpsstraat',
          huisnummer: 1,
          postcode: '1234 AB',
          stad: 'Ergens',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.volledigeNaam).toBe('Kim Smit');
      expect(res.body.wasPartij).toBeNull();
      const list = await t.call('GET', `/betrokkenen?hadKlantcontact__uuid=${kc}&expand=digitaleAdressen`);
      expect(list.body.results.map((b: { uuid: string }) => b.uuid)).toEqual([res.body.uuid]);
      const bad = await t.call('POST', '/betrokkenen', {
        hadKlantcontact: { uuid: kc },
        rol: 'baas',
        initiator: 'ja',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
        'initiator',
        'rol',
      ]);
    });

    it('creates onderwerpobjecten and filters them', async () => {
      const kc = await newKlantcontact();
      const res = await t.call('POST', '/onderwerpobjecten', {
        klantcontact: { uuid: kc },
        onderwerpobjectidentificator: {
          codeObjecttype: 'zaak',
          codeRegister: 'open-zaak',
          codeSoortObjectId: 'uuid',
          objectId: 'z-1',
        },
      });
      expect(res.status).toBe(201);
      const list = await t.call('GET', `/onderwerpobjecten?klantcontact__uuid=${kc}`);
      expect(list.body.count).toBe(1);
      expect(
        (await t.call('GET', `/onderwerpobjecten/${res.body.uuid}`)).body.onderwerpobjectidentificator
          .objectId,
      ).toBe('z-1');
    });

    it('creates actoren of every soort and filters on soortActor and actoridentificator', async () => {
      const mdw = await t.call('POST', '/actoren', {
        naam: 'Cor Koster',
        soortActor: 'medewerker',
        actoridentificator: {
          codeObjecttype: 'mdw',
          codeRegister: 'handmatig',
          codeSoortObjectId: 'gebruikersnaam',
          objectId: 'cor',
        },
        actorIdentificatie: {
          functie: 'Teamleider',
          telefoonnummer: '0201234999',
          emailadres: 'cor@voorbeeldgemeente.example',
        },
      });
      expect(mdw.status).toBe(201);
      expect(mdw.body.actorIdentificatie.functie).toBe('Teamleider');
      const oe = await t.call('POST', '/actoren', {
        naam: 'Sport',
        soortActor: 'organisatorische_eenheid',
        actorIdentificatie: { omschrijving: 'Sportzaken' },
      });
      expect(oe.status).toBe(201);
      const bot = await t.call('POST', '/actoren', {
        naam: 'Chatbot',
        soortActor: 'geautomatiseerde_actor',
        actorIdentificatie: { functie: 'Eerste lijn' },
      });
      expect(bot.status).toBe(201);

      const found = await t.call(
        'GET',
        '/actoren?actoridentificatorObjectId=cor&actoridentificatorCodeObjecttype=mdw',
      );
      expect(found.body.results.map((a: { uuid: string }) => a.uuid)).toEqual([mdw.body.uuid]);
      const afdelingen = await t.call('GET', '/actoren?soortActor=organisatorische_eenheid');
      expect(afdelingen.body.count).toBe(8);
      expect((await t.call('GET', `/actoren/${bot.body.uuid}`)).body.naam).toBe('Chatbot');

      const badPhone = await t.call('POST', '/actoren', {
        naam: 'X',
        soortActor: 'medewerker',
        actorIdentificatie: { functie: 'KCC', telefoonnummer: '12' },
      });
      expect(badPhone.status).toBe(400);
      expect(badPhone.body.invalidParams[0].name).toBe('actorIdentificatie.telefoonnummer');
    });

    it('links an actor to a klantcontact once', async () => {
      const kc = await newKlantcontact();
      const actor = (await t.call('GET', '/actoren?soortActor=medewerker')).body.results[0].uuid as string;
      const res = await t.call('POST', '/actorklantcontacten', {
        actor: { uuid: actor },
        klantcontact: { uuid: kc },
      });
      expect(res.status).toBe(201);
      const again = await t.call('POST', '/actorklantcontacten', {
        actor: { uuid: actor },
        klantcontact: { uuid: kc },
      });
      expect(again.status).toBe(400);
      const unknown = await t.call('POST', '/actorklantcontacten', {
        actor: { uuid: UNKNOWN },
        klantcontact: { uuid: kc },
      });
      expect(unknown.body.invalidParams[0]).toMatchObject({ name: 'actor.uuid', code: 'does_not_exist' });
      const read = await t.call('GET', `/klantcontacten/${kc}`);
      expect(read.body.hadBetrokkenActoren.map((a: { uuid: string }) => a.uuid)).toEqual([actor]);
      const list = await t.call('GET', `/actorklantcontacten?klantcontact__uuid=${kc}`);
      expect(list.body.count).toBe(1);
    });
  });

  describe('internetaken', () => {
    it('lists open taken, creates one and closes it with PATCH', async () => {
      const open = await t.call('GET', '/internetaken?status=te_verwerken');
      expect(open.body.count).toBe(2);
      for (const taak of open.body.results)
        expect(taak.toegewezenAanActor).toEqual(taak.toegewezenAanActoren[0]);

      const kc = (await t.call('GET', '/klantcontacten?pageSize=1')).body.results[0].uuid as string;
      const afdeling = (await t.call('GET', '/actoren?soortActor=organisatorische_eenheid&naam=Parkeren'))
        .body.results[0].uuid;
      const created = await t.call('POST', '/internetaken', {
        aanleidinggevendKlantcontact: { uuid: kc },
        gevraagdeHandeling: 'Bezoekersvergunning verlengen',
        status: 'te_verwerken',
        toegewezenAanActoren: [{ uuid: afdeling }],
      });
      expect(created.status).toBe(201);
      expect(created.body.afgehandeldOp).toBeNull();
      const byActor = await t.call('GET', `/internetaken?toegewezenAanActor__uuid=${afdeling}`);
      expect(byActor.body.results.map((x: { uuid: string }) => x.uuid)).toEqual([created.body.uuid]);

      const patched = await t.call('PATCH', `/internetaken/${created.body.uuid}`, { status: 'verwerkt' });
      expect(patched.status).toBe(200);
      expect(patched.body.status).toBe('verwerkt');
      expect(Date.parse(patched.body.afgehandeldOp)).not.toBeNaN();
      const stillOpen = await t.call('GET', '/internetaken?status=te_verwerken');
      expect(stillOpen.body.count).toBe(2);
      const done = await t.call('GET', '/internetaken?status=verwerkt');
      expect(done.body.results.map((x: { uuid: string }) => x.uuid)).toEqual([created.body.uuid]);

      const reopened = await t.call('PATCH', `/internetaken/${created.body.uuid}`, {
        status: 'te_verwerken',
      });
      expect(reopened.body.afgehandeldOp).toBeNull();
    });

    it('refuses invalid bodies and unknown taken', async () => {
      const missing = await t.call('POST', '/internetaken', { gevraagdeHandeling: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
        'aanleidinggevendKlantcontact',
        'status',
      ]);
      const taak = (await t.call('GET', '/internetaken')).body.results[0].uuid as string;
      const bad = await t.call('PATCH', `/internetaken/${taak}`, { status: 'klaar' });
      expect(bad.status).toBe(400);
      expect(bad.body.invalidParams[0]).toMatchObject({ name: 'status', code: 'invalid_choice' });
      expect((await t.call('PATCH', `/internetaken/${UNKNOWN}`, { status: 'verwerkt' })).status).toBe(404);
      expect((await t.call('GET', `/internetaken/${UNKNOWN}`)).status).toBe(404);
    });
  });

  describe('bijlagen', () => {
    const TRANSCRIPT = {
      codeRegister: 'kcc',
      codeObjecttype: 'transcript',
      codeSoortObjectId: 'contact_id',
      objectId: 'contact-42',
    };
    async function newKlantcontact(): Promise<string> {
      const res = await t.call('POST', '/klantcontacten', {
        kanaal: 'chat',
        onderwerp: 'Parkeervergunning',
        taal: 'nld',
        vertrouwelijk: false,
      });
      expect(res.status).toBe(201);
      return res.body.uuid as string;
    }

    it('creates a bijlage that the klantcontact lists in omvatteBijlagen and expands', async () => {
      const kc = await newKlantcontact();
      const res = await t.call('POST', '/bijlagen', {
        wasBijlageVanKlantcontact: { uuid: kc },
        bijlageidentificator: TRANSCRIPT,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        uuid: expect.any(String),
        url: `${API}/bijlagen/${res.body.uuid}`,
        wasBijlageVanKlantcontact: { uuid: kc, url: `${API}/klantcontacten/${kc}` },
        bijlageidentificator: TRANSCRIPT,
      });
      const read = await t.call('GET', `/klantcontacten/${kc}?expand=omvatteBijlagen`);
      expect(read.body.omvatteBijlagen).toEqual([{ uuid: res.body.uuid, url: res.body.url }]);
      expect(read.body._expand.omvatteBijlagen).toEqual([res.body]);
      expect((await t.call('GET', `/bijlagen/${res.body.uuid}`)).body).toEqual(res.body);

      // A bijlage without klantcontact or identificator is allowed (nothing is write-required).
      const loose = await t.call('POST', '/bijlagen', {});
      expect(loose.status).toBe(201);
      expect(loose.body).toMatchObject({ wasBijlageVanKlantcontact: null, bijlageidentificator: null });
    });

    it('filters on klantcontact__uuid and every bijlageidentificator field, and paginates', async () => {
      const kc = await newKlantcontact();
      const other = await newKlantcontact();
      const uuids: string[] = [];
      for (const [klantcontact, objectId] of [
        [kc, 'contact-1'],
        [kc, 'contact-2'],
        [other, 'contact-1'],
      ] as const) {
        const res = await t.call('POST', '/bijlagen', {
          wasBijlageVanKlantcontact: { uuid: klantcontact },
          bijlageidentificator: { ...TRANSCRIPT, objectId },
        });
        uuids.push(res.body.uuid as string);
      }
      await t.call('POST', '/bijlagen', {
        wasBijlageVanKlantcontact: { uuid: kc },
        bijlageidentificator: { codeRegister: 'drc', codeObjecttype: 'informatieobject', objectId: 'doc-1' },
      });
      const ids = (res: { body: { results: { uuid: string }[] } }) => res.body.results.map((b) => b.uuid);

      const all = await t.call('GET', '/bijlagen');
      expect(all.body.count).toBe(4);
      expect(ids(await t.call('GET', `/bijlagen?klantcontact__uuid=${other}`))).toEqual([uuids[2]]);
      expect(
        ids(await t.call('GET', `/bijlagen?klantcontact__uuid=${kc}&bijlageidentificatorObjectId=contact-1`)),
      ).toEqual([uuids[0]]);
      // Newest first, like the other lists.
      expect(ids(await t.call('GET', '/bijlagen?bijlageidentificatorCodeObjecttype=transcript'))).toEqual([
        uuids[2],
        uuids[1],
        uuids[0],
      ]);
      expect((await t.call('GET', '/bijlagen?bijlageidentificatorCodeRegister=drc')).body.count).toBe(1);
      expect(
        (await t.call('GET', '/bijlagen?bijlageidentificatorCodeSoortObjectId=contact_id')).body.count,
      ).toBe(3);
      expect((await t.call('GET', '/bijlagen?bijlageidentificatorObjectId=onbekend')).body.count).toBe(0);

      const first = await t.call('GET', '/bijlagen?pageSize=3');
      expect(first.body.results).toHaveLength(3);
      expect(first.body.next).toBe(`${API}/bijlagen?pageSize=3&page=2`);
      const second = await t.call('GET', first.body.next);
      expect(second.body.results).toHaveLength(1);
      expect(second.body.previous).toBe(`${API}/bijlagen?pageSize=3`);
      expect((await t.call('GET', '/bijlagen?pageSize=3&page=3')).status).toBe(404);

      const bad = await t.call('GET', '/bijlagen?klantcontact__uuid=geen-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body.invalidParams[0]).toMatchObject({ name: 'klantcontact__uuid', code: 'invalid' });
    });

    it('updates with PUT and PATCH: fields not sent stay, null clears, unknown references are refused', async () => {
      const kc = await newKlantcontact();
      const other = await newKlantcontact();
      const created = await t.call('POST', '/bijlagen', {
        wasBijlageVanKlantcontact: { uuid: kc },
        bijlageidentificator: TRANSCRIPT,
      });
      const url = `/bijlagen/${created.body.uuid}`;

      const patched = await t.call('PATCH', url, { bijlageidentificator: { objectId: 'contact-43' } });
      expect(patched.status).toBe(200);
      expect(patched.body.bijlageidentificator).toEqual({ ...TRANSCRIPT, objectId: 'contact-43' });
      expect(patched.body.wasBijlageVanKlantcontact.uuid).toBe(kc);
      expect((await t.call('GET', `/bijlagen?bijlageidentificatorObjectId=contact-43`)).body.count).toBe(1);

      const moved = await t.call('PUT', url, { wasBijlageVanKlantcontact: { uuid: other } });
      expect(moved.status).toBe(200);
      expect(moved.body.wasBijlageVanKlantcontact.uuid).toBe(other);
      expect(moved.body.bijlageidentificator.objectId).toBe('contact-43');
      expect((await t.call('GET', `/klantcontacten/${kc}`)).body.omvatteBijlagen).toEqual([]);
      expect((await t.call('GET', `/klantcontacten/${other}`)).body.omvatteBijlagen).toHaveLength(1);

      const cleared = await t.call('PATCH', url, {
        wasBijlageVanKlantcontact: null,
        bijlageidentificator: { codeSoortObjectId: '' },
      });
      expect(cleared.body.wasBijlageVanKlantcontact).toBeNull();
      expect(cleared.body.bijlageidentificator).toEqual({
        codeRegister: 'kcc',
        codeObjecttype: 'transcript',
        objectId: 'contact-43',
      });
      expect((await t.call('PUT', url, { bijlageidentificator: null })).body.bijlageidentificator).toBeNull();

      const unknown = await t.call('PATCH', url, { wasBijlageVanKlantcontact: { uuid: UNKNOWN } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.invalidParams[0]).toMatchObject({
        name: 'wasBijlageVanKlantcontact.uuid',
        code: 'does_not_exist',
      });
      const tooLong = await t.call('PUT', url, { bijlageidentificator: { objectId: 'x'.repeat(201) } });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.invalidParams[0]).toMatchObject({
        name: 'bijlageidentificator.objectId',
        code: 'max_length',
      });
      const wrongType = await t.call('POST', '/bijlagen', { wasBijlageVanKlantcontact: 'kc' });
      expect(wrongType.status).toBe(400);
      expect((await t.call('PATCH', `/bijlagen/${UNKNOWN}`, {})).status).toBe(404);
    });

    it('deletes a bijlage with 204 and then answers 404', async () => {
      const kc = await newKlantcontact();
      const created = await t.call('POST', '/bijlagen', {
        wasBijlageVanKlantcontact: { uuid: kc },
        bijlageidentificator: TRANSCRIPT,
      });
      const gone = await t.call('DELETE', `/bijlagen/${created.body.uuid}`);
      expect(gone.status).toBe(204);
      expect(gone.body).toBeUndefined();
      expect((await t.call('GET', `/bijlagen/${created.body.uuid}`)).status).toBe(404);
      expect((await t.call('DELETE', `/bijlagen/${created.body.uuid}`)).status).toBe(404);
      expect((await t.call('GET', '/bijlagen/geen-uuid')).status).toBe(404);
      expect((await t.call('GET', `/klantcontacten/${kc}`)).body.omvatteBijlagen).toEqual([]);
    });
  });
});
