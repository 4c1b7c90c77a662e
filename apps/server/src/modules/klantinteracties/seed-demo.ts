import type { PartijInput } from './api-schemas';
import type { SqliteKlantinteracties } from './sqlite-klantinteracties';
import type { KlantinteractiesStore } from './store';

/**
 * Demo data for `KCC_DEMO`: afdelingen, residents with BSNs from the public BRP test set (all pass the 11-proef),
 * one organisation, earlier klantcontacten across channels and open interne taken.
 * Names, phone numbers and e-mail addresses are fictitious (`.example` domains).
 */
export const DEMO_AFDELINGEN = [
  {
    code: 'burgerzaken',
    naam: 'Burgerzaken',
    omschrijving: 'Paspoort, ID-kaart, rijbewijs, verhuizing en uittreksels',
    telefoonnummer: '0201110001',
  },
  {
    code: 'belastingen',
    naam: 'Belastingen',
    omschrijving: 'WOZ-waarde, gemeentelijke belastingen en kwijtschelding',
    telefoonnummer: '0201110002',
  },
  {
    code: 'afval',
    naam: 'Afval en reiniging',
    omschrijving: 'Afvalinzameling, afvalpas, grofvuil en containers',
    telefoonnummer: '0201110003',
  },
  {
    code: 'vergunningen',
    naam: 'Vergunningen',
    omschrijving: 'Omgevingsvergunning, evenementen en horeca',
    telefoonnummer: '0201110004',
  },
  {
    code: 'wmo',
    naam: 'Wmo en zorg',
    omschrijving: 'Hulp bij het huishouden, hulpmiddelen en vervoer',
    telefoonnummer: '0201110005',
  },
  {
    code: 'parkeren',
    naam: 'Parkeren',
    omschrijving: 'Parkeervergunning, bezoekersparkeren en naheffingen',
    telefoonnummer: '0201110006',
  },
  {
    code: 'openbare-ruimte',
    naam: 'Openbare ruimte',
    omschrijving: 'Meldingen over straat, groen, verlichting en riool',
    telefoonnummer: '0201110007',
  },
] as const;

/** Mirrors the demo accounts of the auth module (same usernames, so registrations land on the same actor). */
const DEMO_MEDEWERKERS = [
  { userId: 'user-anna', username: 'anna', name: 'Anna de Vries' },
  { userId: 'user-bram', username: 'bram', name: 'Bram Jansen' },
] as const;

interface DemoResident {
  bsn: string;
  voornaam: string;
  voorvoegsel?: string;
  achternaam: string;
  telefoon?: string;
  email?: string;
}

export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    bsn: '999993653',
    voornaam: 'Fatima',
    achternaam: 'El Amrani',
    telefoon: '0612345678',
    email: 'fatima.elamrani@example.com',
  },
  {
    bsn: '999990627',
    voornaam: 'Pieter',
    voorvoegsel: 'van den',
    achternaam: 'Berg',
    telefoon: '0201234567',
    email: 'p.vandenberg@example.com',
  },
  // Same household number as Pieter: a call from 020 123 4567 yields two kandidaten.
  { bsn: '999991802', voornaam: 'Lotte', voorvoegsel: 'van den', achternaam: 'Berg', telefoon: '0201234567' },
  {
    bsn: '999992223',
    voornaam: 'Sanne',
    achternaam: 'Visser',
    telefoon: '0687654321',
    email: 'sanne.visser@example.com',
  },
  {
    bsn: '999995364',
    voornaam: 'Mehmet',
    achternaam: 'Yilmaz',
    telefoon: '+32470123456',
    email: 'mehmet.yilmaz@example.com',
  },
  { bsn: '999996708', voornaam: 'Johanna', voorvoegsel: 'de', achternaam: 'Boer', telefoon: '0611122233' },
];

export const DEMO_ORGANISATIE = {
  naam: 'Bakkerij De Korenschoof B.V.',
  kvkNummer: '90001234',
  telefoon: '0301234567',
  email: 'info@korenschoof.example',
} as const;

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemo(
  store: KlantinteractiesStore,
  port: SqliteKlantinteracties,
  now: () => Date,
): Promise<void> {
  await store.sql.tx(async () => {
    const afdelingen = new Map<string, string>();
    for (const a of DEMO_AFDELINGEN) {
      const ident = {
        codeObjecttype: 'afdeling',
        codeRegister: 'handmatig',
        codeSoortObjectId: 'code',
        objectId: a.code,
      };
      const existing = await store.findActorByIdentificator(ident);
      const uuid =
        existing?.uuid ??
        (
          await store.createActor({
            naam: a.naam,
            soortActor: 'organisatorische_eenheid',
            indicatieActief: true,
            actoridentificator: ident,
            actorIdentificatie: {
              omschrijving: a.omschrijving,
              emailadres: `${a.code}@voorbeeldgemeente.example`,
              telefoonnummer: a.telefoonnummer,
            },
          })
        ).uuid;
      afdelingen.set(a.code, uuid);
    }
    const medewerkers: string[] = [];
    for (const m of DEMO_MEDEWERKERS) medewerkers.push((await port.ensureMedewerker(m)).actorUuid);

    const alreadySeeded = await store.sql
      .prepare(`SELECT 1 FROM ki_partij_identificatoren WHERE code_soort_object_id = 'bsn' AND object_id = ?`)
      .get(DEMO_RESIDENTS[0]?.bsn);
    if (alreadySeeded) return;

    const partijen: string[] = [];
    for (const r of DEMO_RESIDENTS) {
      const input: PartijInput = {
        soortPartij: 'persoon',
        indicatieActief: true,
        voorkeurstaal: 'nld',
        partijIdentificatoren: [
          {
            partijIdentificator: {
              codeObjecttype: 'natuurlijk_persoon',
              codeSoortObjectId: 'bsn',
              objectId: r.bsn,
              codeRegister: 'brp',
            },
          },
        ],
        partijIdentificatie: {
          soortPartij: 'persoon',
          identificatie: {
            contactnaam: {
              voornaam: r.voornaam,
              voorvoegselAchternaam: r.voorvoegsel,
              achternaam: r.achternaam,
            },
          },
        },
      };
      const p = await store.createPartij(input);
      if (r.telefoon) {
        await store.createDigitaalAdres({
          adres: r.telefoon,
          soortDigitaalAdres: 'telefoonnummer',
          verstrektDoorPartij: { uuid: p.uuid },
          isStandaardAdres: true,
        });
      }
      if (r.email) {
        await store.createDigitaalAdres({
          adres: r.email,
          soortDigitaalAdres: 'email',
          verstrektDoorPartij: { uuid: p.uuid },
          isStandaardAdres: true,
        });
      }
      partijen.push(p.uuid);
    }

    const org = await store.createPartij({
      soortPartij: 'organisatie',
      indicatieActief: true,
      voorkeurstaal: 'nld',
      partijIdentificatoren: [
        {
          partijIdentificator: {
            codeObjecttype: 'niet_natuurlijk_persoon',
            codeSoortObjectId: 'kvk_nummer',
            objectId: DEMO_ORGANISATIE.kvkNummer,
            codeRegister: 'hr',
          },
        },
      ],
      partijIdentificatie: { soortPartij: 'organisatie', identificatie: { naam: DEMO_ORGANISATIE.naam } },
    });
    await store.createDigitaalAdres({
      adres: DEMO_ORGANISATIE.telefoon,
      soortDigitaalAdres: 'telefoonnummer',
      verstrektDoorPartij: { uuid: org.uuid },
      isStandaardAdres: true,
    });
    await store.createDigitaalAdres({
      adres: DEMO_ORGANISATIE.email,
      soortDigitaalAdres: 'email',
      verstrektDoorPartij: { uuid: org.uuid },
      isStandaardAdres: true,
    });

    const t0 = now().getTime();
    const history: {
      partij: string;
      daysAgo: number;
      kanaal: string;
      onderwerp: string;
      inhoud: string;
      reactie: string;
      gespreksresultaat: string;
      medewerker: string;
      taak?: { gevraagdeHandeling: string; toelichting: string; actor: string };
    }[] = [
      {
        partij: partijen[0]!,
        daysAgo: 21,
        kanaal: 'telefoon',
        onderwerp: 'Afvalpas kwijt',
        inhoud: 'Mevrouw is haar afvalpas kwijt en wil een nieuwe.',
        reactie: 'Nieuwe afvalpas aangevraagd; komt binnen 5 werkdagen per post.',
        gespreksresultaat: 'zelfstandig_afgehandeld',
        medewerker: medewerkers[0]!,
      },
      {
        partij: partijen[0]!,
        daysAgo: 3,
        kanaal: 'email',
        onderwerp: 'Bezwaar WOZ-waarde',
        inhoud: 'Mevrouw vindt de WOZ-waarde van haar woning te hoog en vraagt hoe ze bezwaar maakt.',
        reactie:
          'Uitleg gegeven over bezwaar via Mijn Loket; vraag over de taxatie doorgezet naar Belastingen.',
        gespreksresultaat: 'contactverzoek_gemaakt',
        medewerker: medewerkers[1]!,
        taak: {
          gevraagdeHandeling: 'Terugbellen over taxatieverslag WOZ',
          toelichting: 'Mevrouw wil het taxatieverslag toegelicht krijgen. Bereikbaar na 16.00 uur.',
          actor: afdelingen.get('belastingen')!,
        },
      },
      {
        partij: partijen[3]!,
        daysAgo: 10,
        kanaal: 'chat',
        onderwerp: 'Parkeervergunning aanvragen',
        inhoud: 'Mevrouw verhuist naar het centrum en vraagt naar een bewonersvergunning.',
        reactie: 'Verwezen naar het aanvraagformulier; wachtlijst uitgelegd.',
        gespreksresultaat: 'zelfstandig_afgehandeld',
        medewerker: medewerkers[0]!,
      },
      {
        partij: partijen[1]!,
        daysAgo: 6,
        kanaal: 'telefoon',
        onderwerp: 'Losliggende stoeptegels',
        inhoud: 'Meneer meldt losliggende stoeptegels voor zijn huis.',
        reactie: 'Melding doorgezet naar Openbare ruimte.',
        gespreksresultaat: 'doorverbonden_naar_afdeling',
        medewerker: medewerkers[1]!,
      },
      {
        partij: partijen[4]!,
        daysAgo: 1,
        kanaal: 'telefoon',
        onderwerp: 'Hulp bij het huishouden',
        inhoud: 'Meneer vraagt hoe hij hulp bij het huishouden aanvraagt voor zijn moeder.',
        reactie: 'Afgesproken dat een collega van Wmo terugbelt.',
        gespreksresultaat: 'contactverzoek_gemaakt',
        medewerker: medewerkers[0]!,
        taak: {
          gevraagdeHandeling: 'Terugbellen over aanvraag Wmo',
          toelichting: 'Graag in het Nederlands of Turks terugbellen.',
          actor: medewerkers[0]!,
        },
      },
    ];

    for (const h of history) {
      const at = new Date(t0 - h.daysAgo * DAY);
      const gr = await store.gespreksresultaat(h.gespreksresultaat);
      const kc = await store.createKlantcontact(
        {
          kanaal: h.kanaal,
          onderwerp: h.onderwerp,
          inhoud: h.inhoud,
          reactie: h.reactie,
          taal: 'nld',
          vertrouwelijk: false,
          indicatieContactGelukt: gr ? gr.contact_gelukt === 1 : true,
          plaatsgevondenOp: at.toISOString(),
          metadata: { gespreksresultaat: h.gespreksresultaat },
        },
        { gespreksresultaatCode: h.gespreksresultaat },
      );
      await store.createBetrokkene({
        hadKlantcontact: { uuid: kc.uuid },
        wasPartij: { uuid: h.partij },
        rol: 'klant',
        initiator: true,
      });
      await store.createActorKlantcontact({ actor: { uuid: h.medewerker }, klantcontact: { uuid: kc.uuid } });
      if (h.taak) {
        await store.createInterneTaak({
          aanleidinggevendKlantcontact: { uuid: kc.uuid },
          gevraagdeHandeling: h.taak.gevraagdeHandeling,
          toelichting: h.taak.toelichting,
          status: 'te_verwerken',
          toegewezenAanActoren: [{ uuid: h.taak.actor }],
        });
      }
    }
  });
}
