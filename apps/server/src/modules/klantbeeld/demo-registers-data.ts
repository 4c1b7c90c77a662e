import { DEMO_ORGANISATIE } from '../klantinteracties/seed-demo';

/**
 * Demo content of the embedded registers (KCC_DEMO). The BSNs are from the public BRP test set and match the
 * residents seeded in the Klantinteracties store; names, addresses and zaken are fictitious.
 */

export interface DemoPersoon {
  bsn: string;
  voornamen: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  geboortedatum: string;
  straat: string;
  huisnummer: number;
  postcode: string;
  woonplaats: string;
  geheimhouding?: boolean;
  overleden?: boolean;
}

export const DEMO_PERSONEN: readonly DemoPersoon[] = [
  {
    bsn: '999993653',
    voornamen: 'Fatima',
    geslachtsnaam: 'El Amrani',
    geboortedatum: '1984-03-12',
    straat: 'Lindelaan',
    huisnummer: 4,
    postcode: '1234AB',
    woonplaats: 'Voorbeeldstad',
  },
  {
    bsn: '999990627',
    voornamen: 'Pieter Jan',
    voorvoegsel: 'van den',
    geslachtsnaam: 'Berg',
    geboortedatum: '1961-11-02',
    straat: 'Kerkstraat',
    huisnummer: 17,
    postcode: '1234CD',
    woonplaats: 'Voorbeeldstad',
  },
  {
    bsn: '999991802',
    voornamen: 'Lotte',
    voorvoegsel: 'van den',
    geslachtsnaam: 'Berg',
    geboortedatum: '1995-06-30',
    straat: 'Kerkstraat',
    huisnummer: 17,
    postcode: '1234CD',
    woonplaats: 'Voorbeeldstad',
  },
  {
    bsn: '999992223',
    voornamen: 'Sanne',
    geslachtsnaam: 'Visser',
    geboortedatum: '1990-01-21',
    straat: 'Stationsweg',
    huisnummer: 120,
    postcode: '1235EF',
    woonplaats: 'Voorbeeldstad',
  },
  {
    bsn: '999995364',
    voornamen: 'Mehmet',
    geslachtsnaam: 'Yilmaz',
    geboortedatum: '1978-09-09',
    straat: 'Molenweg',
    huisnummer: 8,
    postcode: '1236GH',
    woonplaats: 'Voorbeeldstad',
  },
  {
    bsn: '999996708',
    voornamen: 'Johanna',
    voorvoegsel: 'de',
    geslachtsnaam: 'Boer',
    geboortedatum: '1949-04-15',
    straat: 'Dorpsplein',
    huisnummer: 1,
    postcode: '1237JK',
    woonplaats: 'Voorbeeldstad',
    geheimhouding: true,
  },
  // In the BRP but not (yet) a partij in Klantinteracties: found through the search forms.
  {
    bsn: '999990111',
    voornamen: 'Kees',
    geslachtsnaam: 'Jansen',
    geboortedatum: '1970-07-07',
    straat: 'Lindelaan',
    huisnummer: 6,
    postcode: '1234AB',
    woonplaats: 'Voorbeeldstad',
  },
  {
    bsn: '999990925',
    voornamen: 'Anouk',
    geslachtsnaam: 'Jansen',
    geboortedatum: '1970-07-07',
    straat: 'Havenkade',
    huisnummer: 3,
    postcode: '1238LM',
    woonplaats: 'Voorbeeldstad',
  },
];

export interface DemoOrganisatie {
  kvkNummer: string;
  rsin: string;
  vestigingsnummer: string;
  naam: string;
  rechtsvorm: string;
  straat: string;
  huisnummer: number;
  postcode: string;
  plaats: string;
  sbi: string[];
  registratiedatum: string;
}

export const DEMO_ORGANISATIES: readonly DemoOrganisatie[] = [
  {
    kvkNummer: DEMO_ORGANISATIE.kvkNummer,
    rsin: '850000026',
    vestigingsnummer: '000012345678',
    naam: DEMO_ORGANISATIE.naam,
    rechtsvorm: 'Besloten Vennootschap',
    straat: 'Korenmarkt',
    huisnummer: 12,
    postcode: '3511AB',
    plaats: 'Utrecht',
    sbi: ['1071 - Vervaardiging van brood en vers banketbakkerswerk'],
    registratiedatum: '2009-05-01',
  },
  {
    kvkNummer: '90005678',
    rsin: '850000117',
    vestigingsnummer: '000098765432',
    naam: 'Fietsenmaker Visser',
    rechtsvorm: 'Eenmanszaak',
    straat: 'Stationsweg',
    huisnummer: 118,
    postcode: '1235EF',
    plaats: 'Voorbeeldstad',
    sbi: ['4764 - Winkels in sportartikelen en fietsen'],
    registratiedatum: '2016-02-15',
  },
];

export interface DemoZaak {
  uuid: string;
  identificatie: string;
  omschrijving: string;
  zaaktype: string;
  /** Days before now the zaak started. */
  startDagenGeleden: number;
  /** Planned end relative to now in days (negative: in the past → termijn verstreken). */
  einddatumGeplandOver?: number;
  uiterlijkeEinddatumOver?: number;
  status: { omschrijving: string; statustekst?: string; dagenGeleden: number; isEindstatus: boolean };
  behandelaar: string;
  documenten: { titel: string; dagenGeleden: number }[];
  /** Closed zaken are not lopend and never shown. */
  afgesloten?: boolean;
  bsn?: string;
  rsin?: string;
}

export const DEMO_ZAKEN: readonly DemoZaak[] = [
  {
    uuid: 'b7c1e6a2-4f0d-4a8e-9c35-1d2e3f405a61',
    identificatie: 'ZAAK-2026-0001231',
    omschrijving: 'Bezwaar WOZ-waarde Lindelaan 4',
    zaaktype: 'Bezwaar WOZ-beschikking',
    startDagenGeleden: 45,
    einddatumGeplandOver: -3,
    uiterlijkeEinddatumOver: 15,
    status: {
      omschrijving: 'In behandeling',
      statustekst: 'Uw bezwaar wordt beoordeeld door een taxateur.',
      dagenGeleden: 20,
      isEindstatus: false,
    },
    behandelaar: 'Team Belastingen, R. Smit',
    documenten: [
      { titel: 'Bezwaarschrift WOZ 2026', dagenGeleden: 45 },
      { titel: 'Ontvangstbevestiging', dagenGeleden: 44 },
    ],
    bsn: '999993653',
  },
  {
    uuid: 'c2d4f6a8-1b3d-4e5f-8a7b-9c0d1e2f3a42',
    identificatie: 'ZAAK-2026-0001544',
    omschrijving: 'Aanvraag nieuwe afvalpas',
    zaaktype: 'Aanvraag afvalpas',
    startDagenGeleden: 21,
    einddatumGeplandOver: -14,
    status: {
      omschrijving: 'Afgehandeld',
      statustekst: 'De afvalpas is verstuurd.',
      dagenGeleden: 16,
      isEindstatus: true,
    },
    behandelaar: 'Afval en reiniging',
    documenten: [],
    afgesloten: true,
    bsn: '999993653',
  },
  {
    uuid: 'd3e5a7b9-2c4e-4f6a-9b8c-0d1e2f3a4b53',
    identificatie: 'ZAAK-2026-0001602',
    omschrijving: 'Melding losliggende stoeptegels Kerkstraat',
    zaaktype: 'Melding openbare ruimte',
    startDagenGeleden: 6,
    einddatumGeplandOver: 8,
    status: {
      omschrijving: 'Ingepland',
      statustekst: 'Een ploeg komt de tegels herstellen.',
      dagenGeleden: 2,
      isEindstatus: false,
    },
    behandelaar: 'Openbare ruimte, wijkteam Noord',
    documenten: [{ titel: 'Foto melding', dagenGeleden: 6 }],
    bsn: '999990627',
  },
  {
    uuid: 'e4f6b8c0-3d5f-4a7b-8c9d-1e2f3a4b5c64',
    identificatie: 'ZAAK-2026-0001377',
    omschrijving: 'Bewonersparkeervergunning centrum',
    zaaktype: 'Parkeervergunning bewoners',
    startDagenGeleden: 30,
    einddatumGeplandOver: -1,
    status: {
      omschrijving: 'Wachtlijst',
      statustekst: 'U staat op de wachtlijst.',
      dagenGeleden: 25,
      isEindstatus: false,
    },
    behandelaar: 'Parkeren',
    documenten: [{ titel: 'Aanvraagformulier parkeervergunning', dagenGeleden: 30 }],
    bsn: '999992223',
  },
  {
    uuid: 'f5a7c9d1-4e6a-4b8c-9d0e-2f3a4b5c6d75',
    identificatie: 'ZAAK-2026-0001655',
    omschrijving: 'Hulp bij het huishouden',
    zaaktype: 'Wmo-maatwerkvoorziening',
    startDagenGeleden: 1,
    einddatumGeplandOver: 42,
    uiterlijkeEinddatumOver: 56,
    status: { omschrijving: 'Aanvraag ontvangen', dagenGeleden: 1, isEindstatus: false },
    behandelaar: 'Wmo-consulent L. de Graaf',
    documenten: [],
    bsn: '999995364',
  },
  {
    uuid: 'a6b8d0e2-5f7b-4c9d-8e1f-3a4b5c6d7e86',
    identificatie: 'ZAAK-2026-0000981',
    omschrijving: 'Omgevingsvergunning verbouwing bakkerij Korenmarkt 12',
    zaaktype: 'Omgevingsvergunning',
    startDagenGeleden: 70,
    uiterlijkeEinddatumOver: -5,
    status: {
      omschrijving: 'Aanvullende gegevens gevraagd',
      statustekst: 'Wij wachten op de constructieberekening.',
      dagenGeleden: 12,
      isEindstatus: false,
    },
    behandelaar: 'Vergunningen, M. Bakker',
    documenten: [
      { titel: 'Bouwtekening', dagenGeleden: 70 },
      { titel: 'Verzoek aanvullende gegevens', dagenGeleden: 12 },
    ],
    rsin: '850000026',
  },
];
