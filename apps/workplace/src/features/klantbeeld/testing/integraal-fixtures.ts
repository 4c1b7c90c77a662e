import type { Identificatie, IntegraalKlantbeeld, KlantbeeldDetailResponse } from '@kcc/contracts/klantbeeld';
import type { PartijView } from '@kcc/contracts/rest';

export const FATIMA_BSN = '999993653';

/** Verified with the verification questions: nothing is withheld. */
export const geverifieerd = (): Identificatie => ({
  niveau: 'geverifieerd',
  methode: 'verificatievragen',
  sinds: '2026-11-23T20:45:00.000Z',
  afgeschermd: [],
  verificatie: { mogelijk: false, reden: 'De klant is al geïdentificeerd.', pogingenOver: 3 },
});
export const FATIMA_PARTIJ_UUID = '78a3634f-0c3d-4f3e-a0ed-419ad94e8382';

export const fatimaPartij = (): PartijView => ({
  uuid: FATIMA_PARTIJ_UUID,
  soortPartij: 'persoon',
  naam: 'Fatima El Amrani',
  bsn: FATIMA_BSN,
  digitaleAdressen: [
    {
      uuid: 'fa7e21a4-d330-446a-9f05-4b7e0d95ccc6',
      soortDigitaalAdres: 'telefoonnummer',
      adres: '0612345678',
      isStandaardAdres: true,
    },
    {
      uuid: '5d75132f-c3f3-4a3e-bd3d-3b02c4afee33',
      soortDigitaalAdres: 'email',
      adres: 'fatima.elamrani@example.com',
      isStandaardAdres: true,
    },
  ],
});

/** Shaped like the server's answer for the demo resident Fatima El Amrani (KCC_DEMO). */
export const integraalFatima = (overrides: Partial<IntegraalKlantbeeld> = {}): IntegraalKlantbeeld => ({
  identiteit: {
    status: 'beschikbaar',
    data: {
      soort: 'persoon',
      bsn: FATIMA_BSN,
      naam: { voornamen: 'Fatima', geslachtsnaam: 'El Amrani', volledigeNaam: 'Fatima El Amrani' },
      geboortedatum: '1984-03-12',
      adresregels: ['Lindelaan 4', '1234 AB  VOORBEELDSTAD'],
      geheimhouding: false,
      opgeschort: false,
      gebruik: 'alleen ter verificatie',
    },
  },
  contactgegevens: {
    status: 'beschikbaar',
    data: {
      digitaleAdressen: fatimaPartij().digitaleAdressen,
      voorkeurskanaal: 'telefoon',
      voorkeursadres: '0612345678',
    },
  },
  klantcontacten: {
    status: 'beschikbaar',
    data: {
      items: [
        {
          uuid: '3c1812fa-6e81-40bc-a093-4df487f516a7',
          kanaal: 'email',
          onderwerp: 'Bezwaar WOZ-waarde',
          inhoud: 'Mevrouw vindt de WOZ-waarde te hoog.',
          reactie: 'Uitleg gegeven over bezwaar.',
          plaatsgevondenOp: '2026-11-20T20:36:21.259Z',
          gespreksresultaat: 'Contactverzoek gemaakt',
          medewerker: 'Bram Jansen',
        },
        {
          uuid: 'de3e63de-ec4e-426c-a035-a445eca44128',
          kanaal: 'telefoon',
          onderwerp: 'Afvalpas kwijt',
          inhoud: 'Mevrouw is haar afvalpas kwijt.',
          plaatsgevondenOp: '2026-11-02T20:36:21.259Z',
          gespreksresultaat: 'Zelfstandig afgehandeld',
          medewerker: 'Anna de Vries',
        },
        {
          uuid: 'aa3e63de-ec4e-426c-a035-a445eca44129',
          kanaal: 'telefoon',
          onderwerp: 'Hondenbelasting',
          inhoud: 'Vraag over de aanslag.',
          plaatsgevondenOp: '2026-10-01T09:00:00.000Z',
        },
      ],
      kanalen: ['email', 'telefoon'],
    },
  },
  interneTaken: {
    status: 'beschikbaar',
    data: {
      items: [
        {
          uuid: '78d74a30-a9e5-44cc-be46-da2c9a4342ad',
          gevraagdeHandeling: 'Terugbellen over taxatieverslag WOZ',
          toelichting: 'Bereikbaar na 16.00 uur.',
          status: 'te_verwerken',
          toegewezenOp: '2026-11-23T20:36:21.260Z',
          toegewezenAan: ['Belastingen'],
          klantcontact: {
            uuid: '3c1812fa-6e81-40bc-a093-4df487f516a7',
            onderwerp: 'Bezwaar WOZ-waarde',
            kanaal: 'email',
          },
        },
      ],
    },
  },
  zaken: {
    status: 'beschikbaar',
    data: {
      items: [
        {
          uuid: 'b7c1e6a2-4f0d-4a8e-9c35-1d2e3f405a61',
          identificatie: 'ZAAK-2026-0001231',
          omschrijving: 'Bezwaar WOZ-waarde Lindelaan 4',
          zaaktype: 'Bezwaar WOZ-beschikking',
          startdatum: '2026-10-09',
          einddatumGepland: '2026-11-20',
          uiterlijkeEinddatumAfdoening: '2026-12-08',
          status: {
            omschrijving: 'In behandeling',
            statustekst: 'Uw bezwaar wordt beoordeeld door een taxateur.',
            datumStatusGezet: '2026-11-03T20:46:00.280Z',
            isEindstatus: false,
          },
          behandelaar: 'Team Belastingen, R. Smit',
          documenten: [{ titel: 'Bezwaarschrift WOZ 2026', registratiedatum: '2026-10-09' }],
          termijnVerstreken: true,
        },
        {
          uuid: 'd3e5a7b9-2c4e-4f6a-9b8c-0d1e2f3a4b53',
          identificatie: 'ZAAK-2026-0001602',
          omschrijving: 'Melding losliggende stoeptegels',
          zaaktype: 'Melding openbare ruimte',
          startdatum: '2026-11-17',
          einddatumGepland: '2026-12-01',
          status: {
            omschrijving: 'Ingepland',
            datumStatusGezet: '2026-11-21T10:00:00.000Z',
            isEindstatus: false,
          },
          documenten: [],
          termijnVerstreken: false,
        },
      ],
    },
  },
  signalen: [
    {
      soort: 'zaak_termijn_verstreken',
      ernst: 'waarschuwing',
      tekst: 'Zaak ZAAK-2026-0001231 (Bezwaar WOZ-waarde Lindelaan 4) had op 20-11-2026 klaar moeten zijn.',
      verwijzing: { type: 'zaak', uuid: 'b7c1e6a2-4f0d-4a8e-9c35-1d2e3f405a61' },
    },
    {
      soort: 'recent_contact_zelfde_onderwerp',
      ernst: 'info',
      tekst: 'Op 20-11-2026 was er contact over "Bezwaar WOZ-waarde".',
    },
  ],
  verantwoording: {
    doel: 'contact:c-1',
    doelOmschrijving: 'Contact via telefoon',
    samengesteldOp: '2026-11-23T20:46:00.281Z',
    duurMs: 2,
    bronnen: [
      { register: 'brp', status: 'beschikbaar', bron: 'embedded', duurMs: 1 },
      { register: 'klantinteracties', status: 'beschikbaar', bron: 'embedded', duurMs: 1 },
      { register: 'kvk', status: 'niet_van_toepassing', bron: 'embedded', duurMs: 0 },
      { register: 'zaken', status: 'beschikbaar', bron: 'embedded', duurMs: 1 },
    ],
  },
  ...overrides,
});

export const detailFatima = (overrides: Partial<IntegraalKlantbeeld> = {}): KlantbeeldDetailResponse => ({
  soort: 'persoon',
  partij: fatimaPartij(),
  integraal: integraalFatima(overrides),
});
