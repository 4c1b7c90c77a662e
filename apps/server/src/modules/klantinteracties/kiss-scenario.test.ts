import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conformanceClient,
  uuids,
  type ConformanceClient,
} from '../../../test-support/klantinteracties/conformance-client';
import { DEMO_ORGANISATIE, DEMO_RESIDENTS } from './seed-demo';
import {
  createTestKlantinteracties,
  type TestKlantinteracties,
} from '../../../test-support/klantinteracties/test-support';
import { describeEachStore } from '../../../test-support/each-store';

/**
 * KISS (Klantinteractie-Servicesysteem) against the embedded API, call by call as its Open Klant 2 service makes
 * them (docs/STANDARDS.md §1.4), on the demo data with several residents. Each answer is checked for being right,
 * not only well-formed; requests and answers are validated against the spec by the conformance client.
 */

describeEachStore('KISS scenario', (stores) => {
  let t: TestKlantinteracties;
  let c: ConformanceClient;
  beforeAll(async () => {
    t = await createTestKlantinteracties({ stores });
    c = conformanceClient(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const FATIMA = DEMO_RESIDENTS[0]!;

  describe('KISS against the embedded Klantinteracties API', () => {
    let fatima: { uuid: string; url: string };
    let medewerker: string;
    let afdeling: string;
    let nieuweKlant: { uuid: string; url: string };

    it('finds a persoon by BSN with her digitale adressen, and reads each identificator', async () => {
      const res = await c.call(
        'GET',
        `/partijen?partijIdentificator__codeObjecttype=natuurlijk_persoon&partijIdentificator__codeSoortObjectId=bsn` +
          `&partijIdentificator__objectId=${FATIMA.bsn}&partijIdentificator__codeRegister=brp&soortPartij=persoon&expand=digitaleAdressen`,
      );
      expect(res.body.count).toBe(1);
      const partij = res.body.results[0];
      fatima = { uuid: partij.uuid, url: partij.url };
      expect(partij.partijIdentificatie.volledigeNaam).toContain(FATIMA.achternaam);
      expect(partij._expand.digitaleAdressen.map((d: { adres: string }) => d.adres)).toContain(
        FATIMA.telefoon,
      );
      // KISS turns the partij into a klant through its identificatoren, one GET each.
      for (const ref of partij.partijIdentificatoren as { uuid: string; url: string }[]) {
        const pi = await c.call('GET', ref.url);
        expect(pi.status).toBe(200);
        expect(pi.body.identificeerdePartij.uuid).toBe(partij.uuid);
        expect(pi.body.partijIdentificator).toEqual({
          codeObjecttype: 'natuurlijk_persoon',
          codeSoortObjectId: 'bsn',
          objectId: FATIMA.bsn,
          codeRegister: 'brp',
        });
      }
    });

    it('finds an organisatie by KvK-nummer', async () => {
      const res = await c.call(
        'GET',
        `/partijen?partijIdentificator__codeSoortObjectId=kvk_nummer&partijIdentificator__objectId=${DEMO_ORGANISATIE.kvkNummer}` +
          `&soortPartij=organisatie&expand=digitaleAdressen`,
      );
      expect(res.body.count).toBe(1);
      expect(res.body.results[0].soortPartij).toBe('organisatie');
      const none = await c.call(
        'GET',
        `/partijen?partijIdentificator__codeSoortObjectId=kvk_nummer&partijIdentificator__objectId=${DEMO_ORGANISATIE.kvkNummer}&soortPartij=persoon`,
      );
      expect(none.body.count).toBe(0);
    });

    it('creates a klant as POST /partijen followed by POST /partij-identificatoren, so the next search finds it', async () => {
      const bsn = '999998328';
      const before = await c.call(
        'GET',
        `/partijen?partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId=${bsn}`,
      );
      expect(before.body.count).toBe(0);
      const partij = await c.call('POST', '/partijen', {
        soortPartij: 'persoon',
        indicatieActief: true,
        indicatieGeheimhouding: false,
        voorkeurstaal: 'nld',
        partijIdentificatie: {
          contactnaam: { voornaam: 'Karel', voorvoegselAchternaam: '', achternaam: 'Klaassen' },
        },
      });
      expect(partij.status).toBe(201);
      nieuweKlant = { uuid: partij.body.uuid, url: partij.body.url };
      const pi = await c.call('POST', '/partij-identificatoren', {
        identificeerdePartij: { uuid: nieuweKlant.uuid },
        partijIdentificator: {
          codeObjecttype: 'natuurlijk_persoon',
          codeSoortObjectId: 'bsn',
          objectId: bsn,
          codeRegister: 'brp',
        },
      });
      expect(pi.status).toBe(201);
      const after = await c.call(
        'GET',
        `/partijen?partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId=${bsn}`,
      );
      expect(uuids(after)).toEqual([nieuweKlant.uuid]);
      expect(after.body.results[0].partijIdentificatoren.map((p: { uuid: string }) => p.uuid)).toEqual([
        pi.body.uuid,
      ]);
      // A second identificator with the same BSN is refused: the next search cannot create a duplicate.
      const twice = await c.invalid('POST', '/partij-identificatoren', {
        identificeerdePartij: { uuid: nieuweKlant.uuid },
        partijIdentificator: {
          codeObjecttype: 'natuurlijk_persoon',
          codeSoortObjectId: 'bsn',
          objectId: bsn,
          codeRegister: 'brp',
        },
      });
      expect(twice.status).toBe(400);
    });

    it('shows the history of one resident only, through betrokkenen?wasPartij__url=', async () => {
      const all = await c.call('GET', '/betrokkenen?pageSize=500');
      const res = await c.call('GET', `/betrokkenen?wasPartij__url=${encodeURIComponent(fatima.url)}`);
      expect(res.body.count).toBeGreaterThan(0);
      expect(res.body.count).toBeLessThan(all.body.count);
      for (const b of res.body.results) expect(b.wasPartij.uuid).toBe(fatima.uuid);
      const expected = (all.body.results as { uuid: string; wasPartij: { uuid: string } | null }[])
        .filter((b) => b.wasPartij?.uuid === fatima.uuid)
        .map((b) => b.uuid);
      expect(uuids(res)).toEqual(expected);
      for (const b of res.body.results as { hadKlantcontact: { url: string } }[]) {
        const kc = await c.call(
          'GET',
          `${b.hadKlantcontact.url}?expand=gingOverOnderwerpobjecten,hadBetrokkenen`,
        );
        expect(kc.status).toBe(200);
        expect(
          kc.body._expand.hadBetrokkenen.some(
            (x: { wasPartij: { uuid: string } | null }) => x.wasPartij?.uuid === fatima.uuid,
          ),
        ).toBe(true);
      }
    });

    it('registers a contact: actor, klantcontact, actorklantcontact, betrokkene, digitale adressen, onderwerpobject', async () => {
      const ident =
        'actoridentificatorObjectId=kiss.agent@gemeente.nl&actoridentificatorCodeRegister=handmatig&actoridentificatorCodeObjecttype=mdw&actoridentificatorCodeSoortObjectId=email';
      expect((await c.call('GET', `/actoren?${ident}`)).body.count).toBe(0);
      const actor = await c.call('POST', '/actoren', {
        naam: 'Kiss Agent',
        soortActor: 'medewerker',
        indicatieActief: true,
        actoridentificator: {
          objectId: 'kiss.agent@gemeente.nl',
          codeObjecttype: 'mdw',
          codeRegister: 'handmatig',
          codeSoortObjectId: 'email',
        },
        actorIdentificatie: {
          functie: 'KCC',
          emailadres: 'kiss.agent@gemeente.nl',
          telefoonnummer: '0201234567',
        },
      });
      medewerker = actor.body.uuid;
      expect(uuids(await c.call('GET', `/actoren?${ident}`))).toEqual([medewerker]);
      afdeling = (await c.call('GET', '/actoren?soortActor=organisatorische_eenheid')).body.results[0].uuid;

      const kc = await c.call('POST', '/klantcontacten', {
        kanaal: 'telefoon',
        onderwerp: 'Vraag over afvalpas',
        inhoud: 'Pas kwijt, wil terugbelverzoek',
        indicatieContactGelukt: false,
        verdereActieOndernomen: true,
        taal: 'nld',
        vertrouwelijk: false,
        plaatsgevondenOp: '2025-06-02T09:30:00+02:00',
      });
      expect(kc.status).toBe(201);
      const ak = await c.call('POST', '/actorklantcontacten', {
        actor: { uuid: medewerker },
        klantcontact: { uuid: kc.body.uuid },
      });
      expect(ak.status).toBe(201);
      const b = await c.call('POST', '/betrokkenen', {
        hadKlantcontact: { uuid: kc.body.uuid },
        wasPartij: { uuid: nieuweKlant.uuid },
        contactnaam: { voornaam: 'Karel', achternaam: 'Klaassen' },
        rol: 'klant',
        initiator: true,
      });
      expect(b.status).toBe(201);
      for (const [adres, soort] of [
        ['karel@example.nl', 'email'],
        ['+31698765432', 'telefoonnummer'],
      ] as const) {
        const d = await c.call('POST', '/digitaleadressen', {
          verstrektDoorBetrokkene: { uuid: b.body.uuid },
          adres,
          soortDigitaalAdres: soort,
          omschrijving: 'Terugbellen',
        });
        expect(d.body.adres).toBe(adres);
      }
      const o = await c.call('POST', '/onderwerpobjecten', {
        klantcontact: { uuid: kc.body.uuid },
        wasKlantcontact: null,
        onderwerpobjectidentificator: {
          objectId: '5b0b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
          codeObjecttype: 'zgw-Zaak',
          codeRegister: 'openzaak',
          codeSoortObjectId: 'uuid',
        },
      });
      expect(o.status).toBe(201);

      const read = await c.call(
        'GET',
        `/klantcontacten/${kc.body.uuid}?expand=hadBetrokkenen,gingOverOnderwerpobjecten`,
      );
      expect(read.body.hadBetrokkenActoren.map((a: { uuid: string }) => a.uuid)).toEqual([medewerker]);
      expect(read.body._expand.hadBetrokkenen[0].digitaleAdressen).toHaveLength(2);
      expect(read.body._expand.gingOverOnderwerpobjecten[0].onderwerpobjectidentificator.codeObjecttype).toBe(
        'zgw-Zaak',
      );

      // The contactverzoek: an interne taak for the afdeling.
      const taak = await c.call('POST', '/internetaken', {
        aanleidinggevendKlantcontact: { uuid: kc.body.uuid },
        gevraagdeHandeling: 'Contactverzoek',
        toegewezenAanActoren: [{ uuid: afdeling }],
        toelichting: 'Graag terugbellen over de afvalpas',
        status: 'te_verwerken',
      });
      expect(taak.status).toBe(201);
      const open = await c.call(
        'GET',
        `/internetaken?status=te_verwerken&toegewezenAanActor__uuid=${afdeling}`,
      );
      expect(uuids(open)).toContain(taak.body.uuid);
      for (const x of open.body.results)
        expect(x.toegewezenAanActoren.map((a: { uuid: string }) => a.uuid)).toContain(afdeling);
    });

    it('finds the contactverzoek by digitaal adres with expand=verstrektDoorBetrokkene', async () => {
      const res = await c.call(
        'GET',
        `/digitaleadressen?adres=${encodeURIComponent('karel@example.nl')}&expand=verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken`,
      );
      expect(res.body.count).toBe(1);
      const betrokkene = res.body.results[0]._expand.verstrektDoorBetrokkene;
      expect(betrokkene.wasPartij.uuid).toBe(nieuweKlant.uuid);
      const taken = betrokkene._expand.hadKlantcontact._expand.leiddeTotInterneTaken;
      expect(taken.map((x: { gevraagdeHandeling: string }) => x.gevraagdeHandeling)).toEqual([
        'Contactverzoek',
      ]);
      const byPhone = await c.call(
        'GET',
        `/digitaleadressen?adres=${encodeURIComponent('+31698765432')}&expand=verstrektDoorBetrokkene`,
      );
      expect(byPhone.body.results[0]._expand.verstrektDoorBetrokkene.uuid).toBe(betrokkene.uuid);
    });
  });
});
