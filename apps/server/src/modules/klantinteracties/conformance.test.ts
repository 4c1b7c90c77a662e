import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conformanceClient,
  problems,
  uuids,
  type ConformanceClient,
} from '../../../test-support/klantinteracties/conformance-client';
import { NON_FILTER_PARAMETERS } from './list-queries';
import { specContract } from './spec-contract';
import {
  createTestKlantinteracties,
  tableCounts,
  type TestKlantinteracties,
} from '../../../test-support/klantinteracties/test-support';
import { describeEachStore } from '../../../test-support/each-store';

/**
 * Conformance of the embedded API with klantinteracties-v1.yaml and Open Klant 2.18's behaviour: every operation,
 * every documented filter with data that proves it (two worlds A and B that differ in every filtered field; each
 * filter must return a non-empty strict subset of the list), Open Klant's validation rules and error shapes.
 * Every conforming request and every 2xx answer is validated against the spec by the connectors' validator.
 */

describeEachStore('Klantinteracties conformance', (stores) => {
  let t: TestKlantinteracties;
  let c: ConformanceClient;
  let tick = 0;
  const clock = () => new Date(Date.UTC(2025, 5, 1, 8, 0, tick++));

  /** Created resources by short name (`A`, `kcA`, …) → uuid and url. */
  const ids: Record<string, string> = {};
  const urls: Record<string, string> = {};

  /** `lenient`: the body goes beyond the spec where Open Klant accepts more (a datetime without zone). */
  async function create(name: string, path: string, body: unknown, lenient = false): Promise<string> {
    const res = lenient ? await c.invalid('POST', path, body) : await c.call('POST', path, body);
    expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
    ids[name] = res.body.uuid;
    urls[name] = res.body.url;
    return res.body.uuid as string;
  }

  const fk = (name: string) => ({ uuid: ids[name]! });

  beforeAll(async () => {
    t = await createTestKlantinteracties({ seed: false, now: clock, stores });
    c = conformanceClient(t);

    await create('actorA', '/actoren', {
      naam: 'Anna Alfa',
      soortActor: 'medewerker',
      indicatieActief: true,
      actoridentificator: {
        objectId: 'anna',
        codeObjecttype: 'mdw',
        codeRegister: 'handmatig',
        codeSoortObjectId: 'gebruikersnaam',
      },
      actorIdentificatie: {
        functie: 'KCC-medewerker',
        emailadres: 'anna@gemeente.nl',
        telefoonnummer: '0201234567',
      },
    });
    await create('actorB', '/actoren', {
      naam: 'Burgerzaken Beta',
      soortActor: 'organisatorische_eenheid',
      indicatieActief: false,
      actoridentificator: {
        objectId: 'bz',
        codeObjecttype: 'afdeling',
        codeRegister: 'ad',
        codeSoortObjectId: 'code',
      },
      actorIdentificatie: { omschrijving: 'Burgerzaken' },
    });

    await create('A', '/partijen', {
      nummer: '1001',
      soortPartij: 'persoon',
      indicatieActief: true,
      indicatieGeheimhouding: true,
      voorkeurstaal: 'nld',
      partijIdentificatie: { contactnaam: { voornaam: 'Fatima', achternaam: 'Amrani' } },
      partijIdentificatoren: [
        {
          partijIdentificator: {
            codeObjecttype: 'natuurlijk_persoon',
            codeSoortObjectId: 'bsn',
            objectId: '999993653',
            codeRegister: 'brp',
          },
        },
      ],
      bezoekadres: {
        adresregel1: 'Alfastraat 1',
        adresregel2: 'Alfa 2',
        adresregel3: 'Alfa 3',
        land: 'NL',
        nummeraanduidingId: '0363200000000001',
      },
      correspondentieadres: {
        adresregel1: 'Postbus 1',
        adresregel2: 'Post 2',
        adresregel3: 'Post 3',
        land: 'BE',
        nummeraanduidingId: '0363200000000011',
      },
    });
    await create('B', '/partijen', {
      nummer: '1002',
      soortPartij: 'organisatie',
      indicatieActief: false,
      indicatieGeheimhouding: false,
      partijIdentificatie: { naam: 'Beta BV' },
      partijIdentificatoren: [
        {
          partijIdentificator: {
            codeObjecttype: 'niet_natuurlijk_persoon',
            codeSoortObjectId: 'kvk_nummer',
            objectId: '12345678',
            codeRegister: 'hr',
          },
        },
      ],
      bezoekadres: { adresregel1: 'Betaweg 2', land: 'DE', nummeraanduidingId: '0363200000000002' },
    });
    const kvkB = (await c.call('GET', `/partij-identificatoren?partijIdentificatorObjectId=12345678`)).body
      .results[0];
    ids.kvkB = kvkB.uuid;
    urls.kvkB = kvkB.url;
    await create('C', '/partijen', {
      soortPartij: 'organisatie',
      indicatieActief: true,
      partijIdentificatie: { naam: 'Beta vestiging Gamma' },
    });
    // KISS's way: the partij first, then its identificator through /partij-identificatoren.
    await create('vestigingC', '/partij-identificatoren', {
      identificeerdePartij: fk('C'),
      anderePartijIdentificator: 'vestiging-gamma',
      partijIdentificator: {
        codeObjecttype: 'vestiging',
        codeSoortObjectId: 'vestigingsnummer',
        objectId: '000012345678',
        codeRegister: 'hr',
      },
      subIdentificatorVan: fk('kvkB'),
    });
    await create('D', '/partijen', {
      soortPartij: 'contactpersoon',
      indicatieActief: true,
      partijIdentificatie: {
        werkteVoorPartij: fk('B'),
        contactnaam: { voornaam: 'Daan', achternaam: 'Dekker' },
      },
    });
    await create('vertegenwoordiging', '/vertegenwoordigingen', {
      vertegenwoordigendePartij: fk('B'),
      vertegenwoordigdePartij: fk('A'),
    });
    await create('vertegenwoordiging2', '/vertegenwoordigingen', {
      vertegenwoordigendePartij: fk('A'),
      vertegenwoordigdePartij: fk('C'),
    });
    await create('catVip', '/categorieen', { naam: 'VIP' });
    await create('catOndernemer', '/categorieen', { naam: 'Ondernemer' });
    await create('relA', '/categorie-relaties', {
      partij: fk('A'),
      categorie: fk('catVip'),
      beginDatum: '2024-01-01',
      eindDatum: '2024-12-31',
    });
    await create('relB', '/categorie-relaties', {
      partij: fk('B'),
      categorie: fk('catOndernemer'),
      beginDatum: '2025-01-01',
    });
    await create('rekA', '/rekeningnummers', {
      partij: fk('A'),
      iban: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
    });
    await create('rekB', '/rekeningnummers', {
      partij: fk('B'),
      iban: 'NL20INGB0001234567',
      bic: 'INGBNL2A',
    });

    await create('kcA', '/klantcontacten', {
      nummer: '0000000001',
      referentienummer: 'REF-A',
      kanaal: 'telefoon',
      onderwerp: 'Afvalpas kwijt',
      inhoud: 'Pas alfa verloren',
      reactie: 'Nieuwe pas besteld',
      indicatieContactGelukt: true,
      taal: 'nld',
      vertrouwelijk: true,
      plaatsgevondenOp: '2025-03-01T10:00:00+01:00',
    });
    await create('kcB', '/klantcontacten', {
      nummer: '0000000002',
      referentienummer: 'REF-B',
      kanaal: 'email',
      onderwerp: 'Bezwaar WOZ-waarde',
      inhoud: 'Beta bezwaar',
      reactie: 'In behandeling',
      indicatieContactGelukt: false,
      verdereActieOndernomen: true,
      taal: 'nld',
      vertrouwelijk: false,
      plaatsgevondenOp: '2025-04-01T10:00:00Z',
    });
    await create('kcC', '/klantcontacten', {
      kanaal: 'chat',
      onderwerp: 'Openingstijden',
      taal: 'eng',
      vertrouwelijk: false,
      plaatsgevondenOp: '2025-02-01T09:00:00Z',
    });

    await create('bA', '/betrokkenen', {
      hadKlantcontact: fk('kcA'),
      wasPartij: fk('A'),
      contactnaam: {
        voorletters: 'F',
        voornaam: 'Fatima',
        voorvoegselAchternaam: 'el',
        achternaam: 'Amrani',
      },
      rol: 'klant',
      initiator: true,
    });
    await create('bB', '/betrokkenen', {
      hadKlantcontact: fk('kcB'),
      contactnaam: { voorletters: 'B', voornaam: 'Bram', voorvoegselAchternaam: 'de', achternaam: 'Bakker' },
      organisatienaam: 'Beta BV',
      rol: 'vertegenwoordiger',
      initiator: false,
    });
    await create('dA', '/digitaleadressen', {
      verstrektDoorPartij: fk('A'),
      verstrektDoorBetrokkene: fk('bA'),
      adres: 'fatima@example.nl',
      soortDigitaalAdres: 'email',
      isStandaardAdres: true,
      omschrijving: 'Privé e-mail',
      referentie: 'portaal',
      verificatieDatum: '2025-01-15',
    });
    await create('dB', '/digitaleadressen', {
      verstrektDoorPartij: fk('B'),
      verstrektDoorBetrokkene: fk('bB'),
      adres: '+31612345678',
      soortDigitaalAdres: 'telefoonnummer',
      isStandaardAdres: false,
      omschrijving: 'Werktelefoon',
      referentie: 'balie',
    });
    await create('oA', '/onderwerpobjecten', {
      klantcontact: fk('kcA'),
      wasKlantcontact: null,
      onderwerpobjectidentificator: {
        objectId: 'zaak-a',
        codeObjecttype: 'zaak',
        codeRegister: 'open-zaak',
        codeSoortObjectId: 'uuid',
      },
    });
    await create('oB', '/onderwerpobjecten', {
      klantcontact: fk('kcB'),
      wasKlantcontact: fk('kcA'),
      onderwerpobjectidentificator: {
        objectId: 'melding-b',
        codeObjecttype: 'melding',
        codeRegister: 'meldingen',
        codeSoortObjectId: 'nummer',
      },
    });
    await create('biA', '/bijlagen', {
      wasBijlageVanKlantcontact: fk('kcA'),
      bijlageidentificator: {
        objectId: 'doc-a',
        codeObjecttype: 'pdf',
        codeRegister: 'drc',
        codeSoortObjectId: 'uuid',
      },
    });
    await create('biB', '/bijlagen', {
      wasBijlageVanKlantcontact: fk('kcB'),
      bijlageidentificator: {
        objectId: 'doc-b',
        codeObjecttype: 'mail',
        codeRegister: 'mailbox',
        codeSoortObjectId: 'id',
      },
    });
    await create('tA', '/internetaken', {
      nummer: '0000000011',
      referentienummer: 'T-A',
      gevraagdeHandeling: 'Terugbellen',
      aanleidinggevendKlantcontact: fk('kcA'),
      toegewezenAanActoren: [fk('actorA')],
      status: 'te_verwerken',
    });
    await create(
      'tB',
      '/internetaken',
      {
        nummer: '0000000012',
        referentienummer: 'T-B',
        gevraagdeHandeling: 'Bezwaar beoordelen',
        aanleidinggevendKlantcontact: fk('kcB'),
        toegewezenAanActor: fk('actorB'),
        status: 'verwerkt',
        afgehandeldOp: '2025-04-02T12:00:00',
      },
      true,
    );
    await create('akA', '/actorklantcontacten', { actor: fk('actorA'), klantcontact: fk('kcA') });
    await create('akB', '/actorklantcontacten', { actor: fk('actorB'), klantcontact: fk('kcB') });
  });

  afterAll(async () => {
    await t.close();
  });

  /**
   * For every list, every spec filter: values and the names of the resources each must return. `X__url`
   * parameters are derived from the `X__uuid` case with the resource's URL.
   */
  type Cases = Record<string, [value: string | (() => string), expected: string[]][]>;
  const ref = (name: string) => () => ids[name]!;
  const FILTERS: Record<string, Cases> = {
    klantcontacten: {
      kanaal: [['telefoon', ['kcA']]],
      nummer: [['0000000002', ['kcB']]],
      onderwerp: [['woz', ['kcB']]],
      inhoud: [['ALFA', ['kcA']]],
      reactie: [['behandel', ['kcB']]],
      referentienummer: [['REF-A', ['kcA']]],
      vertrouwelijk: [
        ['true', ['kcA']],
        ['false', ['kcB', 'kcC']],
      ],
      indicatieContactGelukt: [['false', ['kcB']]],
      plaatsgevondenOp: [['2025-03-01T09:00:00Z', ['kcA']]],
      leiddeTotInterneTaken: [
        ['false', ['kcC']],
        ['true', ['kcB', 'kcA']],
      ],
      hadBetrokkene__uuid: [[ref('bB'), ['kcB']]],
      hadBetrokkene__wasPartij: [
        ['true', ['kcA']],
        ['false', ['kcB', 'kcC']],
      ],
      hadBetrokkene__wasPartij__uuid: [[ref('A'), ['kcA']]],
      hadBetrokkene__wasPartij__partijIdentificator__codeObjecttype: [['natuurlijk_persoon', ['kcA']]],
      hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId: [['bsn', ['kcA']]],
      hadBetrokkene__wasPartij__partijIdentificator__objectId: [['999993653', ['kcA']]],
      hadBetrokkene__wasPartij__partijIdentificator__codeRegister: [['brp', ['kcA']]],
      hadBetrokkene__digitaaladres__adres__icontains: [['612345', ['kcB']]],
      onderwerpobject__uuid: [[ref('oA'), ['kcA']]],
      onderwerpobject__onderwerpobjectidentificatorObjectId: [['zaak-a', ['kcA']]],
      onderwerpobject__onderwerpobjectidentificatorCodeObjecttype: [['melding', ['kcB']]],
      onderwerpobject__onderwerpobjectidentificatorCodeRegister: [['open-zaak', ['kcA']]],
      onderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId: [['nummer', ['kcB']]],
      wasOnderwerpobject__uuid: [[ref('oB'), ['kcA']]],
      wasOnderwerpobject__onderwerpobjectidentificatorObjectId: [['melding-b', ['kcA']]],
      wasOnderwerpobject__onderwerpobjectidentificatorCodeObjecttype: [['melding', ['kcA']]],
      wasOnderwerpobject__onderwerpobjectidentificatorCodeRegister: [['meldingen', ['kcA']]],
      wasOnderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId: [['nummer', ['kcA']]],
    },
    partijen: {
      nummer: [['1001', ['A']]],
      soortPartij: [
        ['organisatie', ['C', 'B']],
        ['contactpersoon', ['D']],
      ],
      indicatieActief: [['false', ['B']]],
      indicatieGeheimhouding: [
        ['true', ['A']],
        ['false', ['B']],
      ],
      partijIdentificator__codeObjecttype: [['niet_natuurlijk_persoon', ['B']]],
      partijIdentificator__codeSoortObjectId: [['vestigingsnummer', ['C']]],
      partijIdentificator__objectId: [['999993653', ['A']]],
      partijIdentificator__codeRegister: [['hr', ['C', 'B']]],
      subIdentificatorVan__codeObjecttype: [['niet_natuurlijk_persoon', ['C']]],
      subIdentificatorVan__codeSoortObjectId: [['kvk_nummer', ['C']]],
      subIdentificatorVan__objectId: [['12345678', ['C']]],
      subIdentificatorVan__codeRegister: [['hr', ['C']]],
      bezoekadresAdresregel1: [['Betaweg 2', ['B']]],
      bezoekadresAdresregel2: [['Alfa 2', ['A']]],
      bezoekadresAdresregel3: [['Alfa 3', ['A']]],
      bezoekadresLand: [['DE', ['B']]],
      bezoekadresNummeraanduidingId: [['0363200000000001', ['A']]],
      correspondentieadresAdresregel1: [['Postbus 1', ['A']]],
      correspondentieadresAdresregel2: [['Post 2', ['A']]],
      correspondentieadresAdresregel3: [['Post 3', ['A']]],
      correspondentieadresLand: [['BE', ['A']]],
      correspondentieadresNummeraanduidingId: [['0363200000000011', ['A']]],
      categorierelatie__categorie__naam: [
        ['VIP', ['A']],
        ['VIP,Ondernemer', ['B', 'A']],
      ],
      vertegenwoordigdePartij__uuid: [[ref('B'), ['A']]],
    },
    'partij-identificatoren': {
      anderePartijIdentificator: [['vestiging-gamma', ['vestigingC']]],
      partijIdentificatorCodeObjecttype: [['vestiging', ['vestigingC']]],
      partijIdentificatorCodeSoortObjectId: [['kvk_nummer', ['kvkB']]],
      partijIdentificatorObjectId: [['12345678', ['kvkB']]],
      partijIdentificatorCodeRegister: [['hr', ['vestigingC', 'kvkB']]],
    },
    digitaleadressen: {
      adres: [
        ['fatima@example.nl', ['dA']],
        ['+31612345678', ['dB']],
        ['06-12345678', ['dB']],
      ],
      adres__icontains: [['EXAMPLE', ['dA']]],
      soortDigitaalAdres: [['telefoonnummer', ['dB']]],
      isStandaardAdres: [['true', ['dA']]],
      isGeverifieerd: [
        ['true', ['dA']],
        ['false', ['dB']],
      ],
      omschrijving: [['telefoon', ['dB']]],
      referentie: [['portaal', ['dA']]],
      verificatieDatum: [['2025-01-15', ['dA']]],
      verificatieDatum__gt: [['2025-01-14', ['dA']]],
      verificatieDatum__gte: [['2025-01-15', ['dA']]],
      verificatieDatum__lt: [['2025-01-16', ['dA']]],
      verificatieDatum__lte: [['2025-01-15', ['dA']]],
      verstrektDoorBetrokkene__uuid: [[ref('bB'), ['dB']]],
      verstrektDoorBetrokkene__rol: [['vertegenwoordiger', ['dB']]],
      verstrektDoorPartij__uuid: [[ref('A'), ['dA']]],
      verstrektDoorPartij__soortPartij: [['organisatie', ['dB']]],
      verstrektDoorPartij__partijIdentificator__codeObjecttype: [['natuurlijk_persoon', ['dA']]],
      verstrektDoorPartij__partijIdentificator__codeSoortObjectId: [['kvk_nummer', ['dB']]],
      verstrektDoorPartij__partijIdentificator__objectId: [['999993653', ['dA']]],
      verstrektDoorPartij__partijIdentificator__codeRegister: [['hr', ['dB']]],
    },
    betrokkenen: {
      hadKlantcontact__uuid: [[ref('kcB'), ['bB']]],
      hadKlantcontact__nummer: [['0000000001', ['bA']]],
      hadKlantcontact__referentienummer: [['REF-B', ['bB']]],
      wasPartij__uuid: [[ref('A'), ['bA']]],
      wasPartij__nummer: [['1001', ['bA']]],
      wasPartij__partijIdentificator__codeObjecttype: [['natuurlijk_persoon', ['bA']]],
      wasPartij__partijIdentificator__codeSoortObjectId: [['bsn', ['bA']]],
      wasPartij__partijIdentificator__objectId: [['999993653', ['bA']]],
      wasPartij__partijIdentificator__codeRegister: [['brp', ['bA']]],
      organisatienaam: [['Beta BV', ['bB']]],
      contactnaamVoorletters: [['F', ['bA']]],
      contactnaamVoornaam: [['Bram', ['bB']]],
      contactnaamVoorvoegselAchternaam: [['el', ['bA']]],
      contactnaamAchternaam: [['Bakker', ['bB']]],
      verstrektedigitaalAdres__uuid: [[ref('dA'), ['bA']]],
      verstrektedigitaalAdres__adres: [['+31612345678', ['bB']]],
    },
    onderwerpobjecten: {
      klantcontact__uuid: [[ref('kcA'), ['oA']]],
      wasKlantcontact__uuid: [[ref('kcA'), ['oB']]],
      onderwerpobjectidentificatorObjectId: [['zaak-a', ['oA']]],
      onderwerpobjectidentificatorCodeObjecttype: [['melding', ['oB']]],
      onderwerpobjectidentificatorCodeRegister: [['open-zaak', ['oA']]],
      onderwerpobjectidentificatorCodeSoortObjectId: [['nummer', ['oB']]],
    },
    bijlagen: {
      bijlageidentificatorObjectId: [['doc-b', ['biB']]],
      bijlageidentificatorCodeObjecttype: [['pdf', ['biA']]],
      bijlageidentificatorCodeRegister: [['mailbox', ['biB']]],
      bijlageidentificatorCodeSoortObjectId: [['uuid', ['biA']]],
      klantcontact__uuid: [[ref('kcB'), ['biB']]],
    },
    internetaken: {
      nummer: [['0000000011', ['tA']]],
      referentienummer: [['T-B', ['tB']]],
      status: [['verwerkt', ['tB']]],
      aanleidinggevendKlantcontact__uuid: [[ref('kcA'), ['tA']]],
      klantcontact__uuid: [[ref('kcB'), ['tB']]],
      klantcontact__nummer: [['0000000001', ['tA']]],
      klantcontact__referentienummer: [['REF-B', ['tB']]],
      toegewezenAanActor__uuid: [[ref('actorB'), ['tB']]],
      actoren__naam: [['Anna Alfa', ['tA']]],
      toegewezenOp: [[() => toegewezenOpA, ['tA']]],
    },
    actoren: {
      naam: [['beta', ['actorB']]],
      soortActor: [['medewerker', ['actorA']]],
      indicatieActief: [['false', ['actorB']]],
      actoridentificatorObjectId: [['anna', ['actorA']]],
      actoridentificatorCodeObjecttype: [['afdeling', ['actorB']]],
      actoridentificatorCodeRegister: [['handmatig', ['actorA']]],
      actoridentificatorCodeSoortObjectId: [['code', ['actorB']]],
    },
    actorklantcontacten: {
      actor__uuid: [[ref('actorA'), ['akA']]],
      klantcontact__uuid: [[ref('kcB'), ['akB']]],
    },
    rekeningnummers: {
      uuid: [[ref('rekA'), ['rekA']]],
      iban: [['NL20INGB0001234567', ['rekB']]],
      bic: [['ABNANL2A', ['rekA']]],
    },
    categorieen: {},
    'categorie-relaties': {
      partij__uuid: [[ref('B'), ['relB']]],
      partij__nummer: [['1001', ['relA']]],
      categorie__uuid: [[ref('catVip'), ['relA']]],
      categorie__naam: [['Ondernemer', ['relB']]],
      beginDatum: [['2024-01-01', ['relA']]],
      eindDatum: [['2024-12-31', ['relA']]],
    },
    vertegenwoordigingen: {
      vertegenwoordigdePartij__uuid: [[ref('A'), ['vertegenwoordiging']]],
      vertegenwoordigendePartij__uuid: [[ref('A'), ['vertegenwoordiging2']]],
    },
  };
  let toegewezenOpA = '';

  describe('every documented filter returns exactly the matching resources', () => {
    const contract = specContract();
    const lists = contract.operations.filter((o) => o.method === 'GET' && !o.template.includes('{'));

    it('has a case for every filter of every list in the spec', () => {
      const missing: string[] = [];
      for (const op of lists) {
        const cases = FILTERS[op.template.slice(1)];
        if (!cases) {
          missing.push(op.template);
          continue;
        }
        for (const p of op.query.keys()) {
          if (NON_FILTER_PARAMETERS.has(p)) continue;
          const base = p.endsWith('__url') ? `${p.slice(0, -5)}__uuid` : p;
          if (!cases[base]) missing.push(`${op.template} ${p}`);
        }
      }
      expect(missing).toEqual([]);
      expect(lists.length).toBe(14);
    });

    for (const [list, cases] of Object.entries(FILTERS)) {
      it(`GET /${list}`, async () => {
        if (list === 'internetaken') {
          toegewezenOpA = (await c.call('GET', `/internetaken/${ids.tA}`)).body.toegewezenOp;
        }
        const all = uuids(await c.call('GET', `/${list}`));
        expect(all.length).toBeGreaterThan(1);
        const op = contract.operation('GET', `/${list}`)!;
        for (const name of op.query.keys()) {
          if (NON_FILTER_PARAMETERS.has(name)) continue;
          const isUrl = name.endsWith('__url');
          const base = isUrl ? `${name.slice(0, -5)}__uuid` : name;
          for (const [raw, expectedNames] of cases[base] ?? []) {
            let value = typeof raw === 'function' ? raw() : raw;
            if (isUrl) {
              const owner = Object.keys(ids).find((k) => ids[k] === value)!;
              value = urls[owner]!;
            }
            const res = await c.call('GET', `/${list}?${name}=${encodeURIComponent(value)}`);
            expect(res.status, `${list} ${name}=${value}`).toBe(200);
            const expected = expectedNames.map((n) => ids[n]);
            const got = uuids(res);
            expect(got, `${list} ${name}=${value}`).toEqual(expected);
            // A filter that returns everything proves nothing.
            expect(got.length, `${list} ${name}=${value} must narrow the list`).toBeLessThan(all.length);
          }
        }
      });
    }

    it('a URL that does not end in a uuid matches nothing; a value that is not a URL is refused', async () => {
      const none = await c.call(
        'GET',
        `/betrokkenen?wasPartij__url=${encodeURIComponent('https://elders.example/partijen/x')}`,
      );
      expect(none.body.count).toBe(0);
      const bad = await c.invalid('GET', '/betrokkenen?wasPartij__url=geen-url');
      expect(bad.status).toBe(400);
      expect(problems(bad)).toEqual(['wasPartij__url:invalid']);
    });
  });

  describe('query parameters', () => {
    it('refuses unknown parameters with unknown-parameters, on lists and single resources', async () => {
      for (const url of [
        '/klantcontacten?invalid=1',
        `/partijen/${ids.A}?invalid=1`,
        '/internetaken?expand=x',
        '/partijen?expand[]=betrokkenen',
      ]) {
        const res = await c.invalid('GET', url);
        expect(res.status, url).toBe(400);
        expect(res.body.code).toBe('invalid');
        expect(problems(res)).toEqual(['nonFieldErrors:unknown-parameters']);
        expect(res.body.invalidParams[0].reason).toMatch(/^Onbekende query parameters: /);
      }
    });

    it('refuses invalid values of known filters', async () => {
      const cases: [string, string][] = [
        ['/betrokkenen?wasPartij__uuid=123', 'wasPartij__uuid:invalid'],
        ['/klantcontacten?plaatsgevondenOp=gisteren', 'plaatsgevondenOp:invalid'],
        ['/digitaleadressen?verificatieDatum__gt=2025-13-01', 'verificatieDatum__gt:invalid'],
        ['/partijen?soortPartij=bedrijf', 'soortPartij:invalid_choice'],
        ['/klantcontacten?vertrouwelijk=misschien', 'vertrouwelijk:invalid'],
        ['/partijen?expand=hadKlantcontact', 'expand:invalid_choice'],
      ];
      for (const [url, problem] of cases) {
        const res = await c.invalid('GET', url);
        expect(res.status, url).toBe(400);
        expect(problems(res), url).toEqual([problem]);
      }
    });

    it('expands on lists and single resources as the spec lists them', async () => {
      const res = await c.call(
        'GET',
        `/digitaleadressen?adres=fatima@example.nl&expand=verstrektDoorBetrokkene.hadKlantcontact`,
      );
      expect(res.body.results[0]._expand.verstrektDoorBetrokkene._expand.hadKlantcontact.uuid).toBe(ids.kcA);
      const partij = await c.call('GET', `/partijen/${ids.A}?expand=categorieRelaties,digitaleAdressen`);
      expect(partij.body._expand.categorieRelaties[0].categorie.naam).toBe('VIP');
      expect(partij.body._expand.digitaleAdressen[0].uuid).toBe(ids.dA);
    });
  });

  describe('error shapes', () => {
    const inject = (method: 'POST' | 'GET' | 'PUT', url: string, payload?: string, contentType?: string) =>
      t.app.inject({
        method,
        url: `/klantinteracties/api/v1${url}`,
        headers: {
          authorization: 'Token test-klantinteracties-token',
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        ...(payload !== undefined ? { payload } : {}),
      });

    it('answers malformed JSON with 400 problem JSON', async () => {
      const res = await inject('POST', '/klantcontacten', '{"kanaal": ', 'application/json');
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({
        code: 'parse_error',
        status: 400,
        title: expect.any(String),
      });
    });

    it('takes an empty body with Content-Type application/json as no body (a DELETE as clients send it)', async () => {
      const kc = await c.call('POST', '/klantcontacten', {
        kanaal: 'x',
        onderwerp: 'y',
        taal: 'nld',
        vertrouwelijk: false,
      });
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/klantinteracties/api/v1/klantcontacten/${kc.body.uuid}`,
        headers: { authorization: 'Token test-klantinteracties-token', 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(204);
    });

    it('answers a text/plain body with 415', async () => {
      const res = await inject('POST', '/klantcontacten', 'kanaal=telefoon', 'text/plain');
      expect(res.statusCode).toBe(415);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    });

    it('answers a method the path does not have with 405 and Allow', async () => {
      for (const [method, url] of [
        ['PUT', '/partijen'],
        ['DELETE', '/klantcontacten'],
        ['POST', `/partijen/${ids.A}`],
        ['GET', '/maak-klantcontact'],
      ] as const) {
        const res = await c.invalid(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(res.status, `${method} ${url}`).toBe(405);
        expect(res.body.code).toBe('method_not_allowed');
        expect(res.headers.allow).toBeTypeOf('string');
      }
    });

    it('answers an unknown path with 404 problem JSON with a code', async () => {
      const res = await c.invalid('GET', '/klantcontactmomenten');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    });
  });

  describe('validation rules Open Klant enforces (400, nothing written)', () => {
    const refused = async (method: string, url: string, body: unknown, problem: string) => {
      const before = await tableCounts(t.store);
      const res = await c.invalid(method, url, body);
      expect(res.status, `${method} ${url} ${JSON.stringify(res.body)}`).toBe(400);
      expect(problems(res)).toContain(problem);
      expect(await tableCounts(t.store)).toEqual(before);
    };
    const taak = (extra: object) => ({
      gevraagdeHandeling: 'Bellen',
      aanleidinggevendKlantcontact: fk('kcC'),
      status: 'te_verwerken',
      ...extra,
    });

    it('internetaken: one of the two actor fields, afgehandeldOp only when verwerkt', async () => {
      await refused('POST', '/internetaken', taak({}), 'nonFieldErrors:invalid');
      await refused(
        'POST',
        '/internetaken',
        taak({ toegewezenAanActor: fk('actorA'), toegewezenAanActoren: [fk('actorA')] }),
        'nonFieldErrors:invalid',
      );
      await refused(
        'POST',
        '/internetaken',
        taak({ toegewezenAanActoren: [fk('actorA')], afgehandeldOp: '2025-06-01T10:00:00Z' }),
        'afgehandeldOp:invalid',
      );
      await refused(
        'PATCH',
        `/internetaken/${ids.tA}`,
        { afgehandeldOp: '2025-06-01T10:00:00Z' },
        'afgehandeldOp:invalid',
      );
      await refused(
        'PATCH',
        `/internetaken/${ids.tA}`,
        { toegewezenAanActor: fk('actorA'), toegewezenAanActoren: [fk('actorA')] },
        'nonFieldErrors:invalid',
      );
    });

    it('klantcontacten: no further action when the contact succeeded', async () => {
      const kc = { kanaal: 'telefoon', onderwerp: 'x', taal: 'nld', vertrouwelijk: false };
      await refused(
        'POST',
        '/klantcontacten',
        { ...kc, indicatieContactGelukt: true, verdereActieOndernomen: true },
        'nonFieldErrors:no-further-action-when-contact-succesful',
      );
      await refused(
        'POST',
        '/maak-klantcontact',
        { klantcontact: { ...kc, indicatieContactGelukt: true, verdereActieOndernomen: true } },
        'klantcontact.nonFieldErrors:no-further-action-when-contact-succesful',
      );
      await refused(
        'PATCH',
        `/klantcontacten/${ids.kcA}`,
        { verdereActieOndernomen: true },
        'nonFieldErrors:no-further-action-when-contact-succesful',
      );
      await refused('POST', '/maak-klantcontact', { klantcontact: kc, betrokkene: null }, 'betrokkene:null');
    });

    it('digitaleadressen: isStandaardAdres needs a partij; (partij, referentie, soort) is unique', async () => {
      await refused(
        'POST',
        '/digitaleadressen',
        { adres: 'x@example.nl', soortDigitaalAdres: 'email', isStandaardAdres: true },
        'isStandaardAdres:invalid',
      );
      await refused(
        'POST',
        '/digitaleadressen',
        {
          adres: 'ander@example.nl',
          soortDigitaalAdres: 'email',
          verstrektDoorPartij: fk('A'),
          referentie: 'portaal',
        },
        'nonFieldErrors:unique',
      );
    });

    it('partijen: a contactpersoon works for an organisatie; nested identificatoren get no identificeerdePartij', async () => {
      await refused(
        'POST',
        '/partijen',
        {
          soortPartij: 'contactpersoon',
          indicatieActief: true,
          partijIdentificatie: { werkteVoorPartij: fk('A'), contactnaam: { achternaam: 'Fout' } },
        },
        'partijIdentificatie.werkteVoorPartij:invalid',
      );
      await refused(
        'POST',
        '/partijen',
        {
          soortPartij: 'persoon',
          indicatieActief: true,
          partijIdentificatie: { contactnaam: { achternaam: 'Fout' } },
          partijIdentificatoren: [
            {
              identificeerdePartij: fk('A'),
              partijIdentificator: {
                codeObjecttype: 'natuurlijk_persoon',
                codeSoortObjectId: 'bsn',
                objectId: '111222333',
                codeRegister: 'brp',
              },
            },
          ],
        },
        'identificeerdePartij:invalid',
      );
    });

    it('a partij-identificator another one is a sub of cannot be deleted', async () => {
      const res = await c.call('DELETE', `/partij-identificatoren/${ids.kvkB}`);
      expect(res.status).toBe(400);
      expect(problems(res)).toEqual(['nonFieldErrors:protected']);
    });
  });

  describe('data as Open Klant returns it', () => {
    it('reads every created resource at its url', async () => {
      for (const [name, url] of Object.entries(urls)) {
        const res = await c.call('GET', url);
        expect(res.status, name).toBe(200);
        expect(res.body.uuid, name).toBe(ids[name]);
      }
    });

    it('keeps phone numbers as sent, partij nummer, datetimes without zone as Amsterdam time', async () => {
      expect((await c.call('GET', `/digitaleadressen/${ids.dB}`)).body.adres).toBe('+31612345678');
      expect((await c.call('GET', `/partijen/${ids.A}`)).body.nummer).toBe('1001');
      // 2025-04-02T12:00:00 in Amsterdam (CEST) is 10:00 UTC.
      expect(Date.parse((await c.call('GET', `/internetaken/${ids.tB}`)).body.afgehandeldOp)).toBe(
        Date.parse('2025-04-02T10:00:00Z'),
      );
    });

    it('maak-klantcontact answers betrokkene and onderwerpobject as null when they were not sent', async () => {
      const res = await c.call('POST', '/maak-klantcontact', {
        klantcontact: { kanaal: 'chat', onderwerp: 'Parkeren', taal: 'nld', vertrouwelijk: false },
      });
      expect(res.status).toBe(201);
      expect(res.body.betrokkene).toBeNull();
      expect(res.body.onderwerpobject).toBeNull();
      await c.call('DELETE', `/klantcontacten/${res.body.klantcontact.uuid}`);
    });
  });

  describe('PUT, PATCH and DELETE of every resource', () => {
    it('changes and removes each resource, with Open Klant cascades', async () => {
      const ok = async (method: string, url: string, body?: unknown, status = 200) => {
        const res = await c.call(method, url, body);
        expect(res.status, `${method} ${url} ${JSON.stringify(res.body)}`).toBe(status);
        return res;
      };
      // A throw-away world E so the filter data above stays intact.
      const E = (
        await ok(
          'POST',
          '/partijen',
          {
            soortPartij: 'persoon',
            indicatieActief: true,
            partijIdentificatie: { contactnaam: { achternaam: 'Eerst' } },
          },
          201,
        )
      ).body;
      const F = (
        await ok(
          'POST',
          '/partijen',
          { soortPartij: 'organisatie', indicatieActief: true, partijIdentificatie: { naam: 'Fabriek' } },
          201,
        )
      ).body;
      const put = await ok('PUT', `/partijen/${E.uuid}`, {
        soortPartij: 'persoon',
        indicatieActief: false,
        nummer: '2001',
        partijIdentificatie: { contactnaam: { voornaam: 'Eva', achternaam: 'Eerst' } },
      });
      expect(put.body).toMatchObject({ indicatieActief: false, nummer: '2001' });
      expect(put.body.partijIdentificatie.volledigeNaam).toBe('Eva Eerst');
      const keepsName = await ok('PUT', `/partijen/${E.uuid}`, {
        soortPartij: 'persoon',
        indicatieActief: false,
        nummer: '2001',
      });
      expect(keepsName.body.partijIdentificatie.volledigeNaam).toBe('Eva Eerst');
      expect(
        (
          await ok('PATCH', `/partijen/${E.uuid}`, {
            soortPartij: 'persoon',
            indicatieActief: false,
            interneNotitie: 'Let op',
          })
        ).body.interneNotitie,
      ).toBe('Let op');

      const piE = (
        await ok(
          'POST',
          '/partij-identificatoren',
          {
            identificeerdePartij: { uuid: E.uuid },
            partijIdentificator: {
              codeObjecttype: 'natuurlijk_persoon',
              codeSoortObjectId: 'bsn',
              objectId: '111222333',
              codeRegister: 'brp',
            },
          },
          201,
        )
      ).body;
      expect(
        (await ok('GET', `/partijen/${E.uuid}`)).body.partijIdentificatoren.map(
          (p: { uuid: string }) => p.uuid,
        ),
      ).toEqual([piE.uuid]);
      await ok('PUT', `/partij-identificatoren/${piE.uuid}`, {
        identificeerdePartij: { uuid: E.uuid },
        partijIdentificator: {
          codeObjecttype: 'natuurlijk_persoon',
          codeSoortObjectId: 'bsn',
          objectId: '999990019',
          codeRegister: 'brp',
        },
      });
      expect(
        (await ok('PATCH', `/partij-identificatoren/${piE.uuid}`, { anderePartijIdentificator: 'oud' })).body
          .partijIdentificator.objectId,
      ).toBe('999990019');

      const kc = (
        await ok(
          'POST',
          '/klantcontacten',
          { kanaal: 'balie', onderwerp: 'Paspoort', taal: 'nld', vertrouwelijk: false },
          201,
        )
      ).body;
      await ok('PUT', `/klantcontacten/${kc.uuid}`, {
        kanaal: 'balie',
        onderwerp: 'Paspoort aanvragen',
        taal: 'nld',
        vertrouwelijk: true,
      });
      expect((await ok('PATCH', `/klantcontacten/${kc.uuid}`, { inhoud: 'Afspraak' })).body).toMatchObject({
        onderwerp: 'Paspoort aanvragen',
        inhoud: 'Afspraak',
        vertrouwelijk: true,
      });

      const b = (
        await ok(
          'POST',
          '/betrokkenen',
          { hadKlantcontact: { uuid: kc.uuid }, wasPartij: { uuid: E.uuid }, rol: 'klant', initiator: true },
          201,
        )
      ).body;
      await ok('PUT', `/betrokkenen/${b.uuid}`, {
        hadKlantcontact: { uuid: kc.uuid },
        wasPartij: { uuid: E.uuid },
        rol: 'vertegenwoordiger',
        initiator: false,
      });
      expect(
        (await ok('PATCH', `/betrokkenen/${b.uuid}`, { organisatienaam: 'Fabriek' })).body,
      ).toMatchObject({
        rol: 'vertegenwoordiger',
        organisatienaam: 'Fabriek',
      });

      const d = (
        await ok(
          'POST',
          '/digitaleadressen',
          {
            verstrektDoorPartij: { uuid: E.uuid },
            verstrektDoorBetrokkene: { uuid: b.uuid },
            adres: '0612340000',
            soortDigitaalAdres: 'telefoonnummer',
          },
          201,
        )
      ).body;
      await ok('PUT', `/digitaleadressen/${d.uuid}`, {
        verstrektDoorPartij: { uuid: E.uuid },
        adres: '+31 6 12340001'.replace(/ /g, ''),
        soortDigitaalAdres: 'telefoonnummer',
      });
      expect(
        (await ok('PATCH', `/digitaleadressen/${d.uuid}`, { isStandaardAdres: true })).body,
      ).toMatchObject({ adres: '+31612340001', isStandaardAdres: true });
      await ok('PATCH', `/partijen/${E.uuid}`, {
        soortPartij: 'persoon',
        indicatieActief: false,
        voorkeursDigitaalAdres: { uuid: d.uuid },
      });

      const o = (
        await ok(
          'POST',
          '/onderwerpobjecten',
          {
            klantcontact: { uuid: kc.uuid },
            wasKlantcontact: null,
            onderwerpobjectidentificator: {
              objectId: 'z1',
              codeObjecttype: 'zaak',
              codeRegister: 'open-zaak',
              codeSoortObjectId: 'uuid',
            },
          },
          201,
        )
      ).body;
      await ok('PUT', `/onderwerpobjecten/${o.uuid}`, {
        klantcontact: { uuid: kc.uuid },
        wasKlantcontact: null,
        onderwerpobjectidentificator: {
          objectId: 'z2',
          codeObjecttype: 'zaak',
          codeRegister: 'open-zaak',
          codeSoortObjectId: 'uuid',
        },
      });
      expect(
        (await ok('PATCH', `/onderwerpobjecten/${o.uuid}`, {})).body.onderwerpobjectidentificator.objectId,
      ).toBe('z2');

      const actor = (
        await ok(
          'POST',
          '/actoren',
          {
            naam: 'Erik',
            soortActor: 'medewerker',
            actoridentificator: {
              objectId: 'erik',
              codeObjecttype: 'mdw',
              codeRegister: 'handmatig',
              codeSoortObjectId: 'gebruikersnaam',
            },
          },
          201,
        )
      ).body;
      await ok('PUT', `/actoren/${actor.uuid}`, {
        naam: 'Erik E.',
        soortActor: 'geautomatiseerde_actor',
        actorIdentificatie: { functie: 'bot' },
      });
      expect(
        (
          await ok('PATCH', `/actoren/${actor.uuid}`, {
            naam: 'Erik E.',
            soortActor: 'geautomatiseerde_actor',
            indicatieActief: false,
          })
        ).body,
      ).toMatchObject({
        naam: 'Erik E.',
        soortActor: 'geautomatiseerde_actor',
        indicatieActief: false,
      });
      const ak = (
        await ok(
          'POST',
          '/actorklantcontacten',
          { actor: { uuid: actor.uuid }, klantcontact: { uuid: kc.uuid } },
          201,
        )
      ).body;
      await ok('PUT', `/actorklantcontacten/${ak.uuid}`, {
        actor: { uuid: actor.uuid },
        klantcontact: { uuid: kc.uuid },
      });
      await ok('PATCH', `/actorklantcontacten/${ak.uuid}`, { actor: { uuid: ids.actorA } });

      const taak = (
        await ok(
          'POST',
          '/internetaken',
          {
            gevraagdeHandeling: 'Bellen',
            aanleidinggevendKlantcontact: { uuid: kc.uuid },
            toegewezenAanActoren: [{ uuid: actor.uuid }],
            status: 'te_verwerken',
          },
          201,
        )
      ).body;
      await ok('PUT', `/internetaken/${taak.uuid}`, {
        gevraagdeHandeling: 'Mailen',
        aanleidinggevendKlantcontact: { uuid: kc.uuid },
        toegewezenAanActor: { uuid: ids.actorA },
        status: 'verwerkt',
      });
      expect((await ok('PATCH', `/internetaken/${taak.uuid}`, { toelichting: 'Gedaan' })).body).toMatchObject(
        {
          gevraagdeHandeling: 'Mailen',
          status: 'verwerkt',
          toelichting: 'Gedaan',
        },
      );

      const bij = (await ok('POST', '/bijlagen', { wasBijlageVanKlantcontact: { uuid: kc.uuid } }, 201)).body;
      await ok('PUT', `/bijlagen/${bij.uuid}`, { bijlageidentificator: { objectId: 'b1' } });
      await ok('PATCH', `/bijlagen/${bij.uuid}`, { bijlageidentificator: { codeRegister: 'drc' } });

      const rek = (
        await ok('POST', '/rekeningnummers', { partij: { uuid: E.uuid }, iban: 'NL02ABNA0123456789' }, 201)
      ).body;
      await ok('PUT', `/rekeningnummers/${rek.uuid}`, {
        partij: { uuid: E.uuid },
        iban: 'NL02ABNA0123456780',
        bic: 'ABNANL2A',
      });
      expect((await ok('PATCH', `/rekeningnummers/${rek.uuid}`, {})).body).toMatchObject({
        iban: 'NL02ABNA0123456780',
        bic: 'ABNANL2A',
      });
      await ok('PATCH', `/partijen/${E.uuid}`, {
        soortPartij: 'persoon',
        indicatieActief: false,
        voorkeursRekeningnummer: { uuid: rek.uuid },
      });

      const cat = (await ok('POST', '/categorieen', { naam: 'Tijdelijk' }, 201)).body;
      await ok('PUT', `/categorieen/${cat.uuid}`, { naam: 'Tijdelijk 2' });
      await ok('PATCH', `/categorieen/${cat.uuid}`, { naam: 'Tijdelijk 3' });
      const rel = (
        await ok(
          'POST',
          '/categorie-relaties',
          { partij: { uuid: E.uuid }, categorie: { uuid: cat.uuid } },
          201,
        )
      ).body;
      await ok('PUT', `/categorie-relaties/${rel.uuid}`, {
        partij: { uuid: E.uuid },
        categorie: { uuid: cat.uuid },
        beginDatum: '2025-01-01',
      });
      await ok('PATCH', `/categorie-relaties/${rel.uuid}`, { eindDatum: '2025-12-31' });
      const v = (
        await ok(
          'POST',
          '/vertegenwoordigingen',
          { vertegenwoordigendePartij: { uuid: F.uuid }, vertegenwoordigdePartij: { uuid: E.uuid } },
          201,
        )
      ).body;
      await ok('PUT', `/vertegenwoordigingen/${v.uuid}`, {
        vertegenwoordigendePartij: { uuid: F.uuid },
        vertegenwoordigdePartij: { uuid: E.uuid },
      });
      expect(
        (
          await c.invalid('PATCH', `/vertegenwoordigingen/${v.uuid}`, {
            vertegenwoordigdePartij: { uuid: F.uuid },
          })
        ).status,
      ).toBe(400);

      // Deletes: the leaves first, then the cascades.
      await ok('DELETE', `/categorie-relaties/${rel.uuid}`, undefined, 204);
      await ok('DELETE', `/categorieen/${cat.uuid}`, undefined, 204);
      await ok('DELETE', `/vertegenwoordigingen/${v.uuid}`, undefined, 204);
      await ok('DELETE', `/bijlagen/${bij.uuid}`, undefined, 204);
      await ok('DELETE', `/actorklantcontacten/${ak.uuid}`, undefined, 204);
      await ok('DELETE', `/internetaken/${taak.uuid}`, undefined, 204);
      await ok('DELETE', `/actoren/${actor.uuid}`, undefined, 204);
      await ok('DELETE', `/rekeningnummers/${rek.uuid}`, undefined, 204);
      expect((await ok('GET', `/partijen/${E.uuid}`)).body.voorkeursRekeningnummer).toBeNull();
      await ok('DELETE', `/digitaleadressen/${d.uuid}`, undefined, 204);
      expect((await ok('GET', `/partijen/${E.uuid}`)).body.voorkeursDigitaalAdres).toBeNull();
      await ok('DELETE', `/betrokkenen/${b.uuid}`, undefined, 204);
      await ok('DELETE', `/partij-identificatoren/${piE.uuid}`, undefined, 204);
      // Onderwerpobject with cascade: its klantcontact goes along unless another onderwerpobject refers to it.
      const o2 = (
        await ok(
          'POST',
          '/onderwerpobjecten',
          { klantcontact: { uuid: kc.uuid }, wasKlantcontact: null },
          201,
        )
      ).body;
      const cascaded = await ok('DELETE', `/onderwerpobjecten/${o.uuid}?cascade=true`);
      expect(cascaded.body.behouden).toEqual([kc.url]);
      await ok('DELETE', `/onderwerpobjecten/${o2.uuid}`, undefined, 204);
      await ok('DELETE', `/klantcontacten/${kc.uuid}`, undefined, 204);
      expect((await c.invalid('GET', `/klantcontacten/${kc.uuid}`)).status).toBe(404);

      // A partij takes its betrokkenen, digitale adressen, identificatoren and relations along (Open Klant CASCADE).
      const kc2 = (
        await ok(
          'POST',
          '/maak-klantcontact',
          {
            klantcontact: { kanaal: 'chat', onderwerp: 'x', taal: 'nld', vertrouwelijk: false },
            betrokkene: { wasPartij: { uuid: E.uuid }, rol: 'klant', initiator: true },
          },
          201,
        )
      ).body;
      await ok('DELETE', `/partijen/${E.uuid}`, undefined, 204);
      expect((await c.invalid('GET', `/betrokkenen/${kc2.betrokkene.uuid}`)).status).toBe(404);
      expect((await ok('GET', `/klantcontacten/${kc2.klantcontact.uuid}`)).body.hadBetrokkenen).toEqual([]);
      await ok('DELETE', `/partijen/${F.uuid}`, undefined, 204);
    });
  });

  describe('coverage', () => {
    it('exercised every operation of the spec', () => {
      const all = specContract().operations.map((o) => `${o.method} ${o.template}`);
      expect(all.length).toBe(85);
      expect(all.filter((op) => !c.exercised.has(op))).toEqual([]);
    });
  });
});
