import { randomUUID } from 'node:crypto';
import type { InterneTaakView, KlantcontactView, PartijView } from '@kcc/contracts/rest';
import type { KlantinteractiesProvider } from '../src/modules/klantinteracties-module';
import { RegistrationError, type KlantinteractiesPort } from '../src/modules/klantinteracties/ports';

export interface FakeKlantinteracties extends KlantinteractiesProvider {
  /** Everything registered, to assert on. */
  registered: { klantcontact: KlantcontactView; partijUuid?: string }[];
  partijen: PartijView[];
}

export const FAKE_GESPREKSRESULTATEN = [
  { code: 'zelfstandig_afgehandeld', naam: 'Zelfstandig afgehandeld', actief: true },
  { code: 'contactverzoek_gemaakt', naam: 'Contactverzoek gemaakt', actief: true },
];
export const FAKE_AFDELING_UUID = '6f3f6b5e-2c7c-4c55-9d1a-7a4b9e1c2d3f';

/**
 * In-memory stand-in for the embedded Klantinteracties store, for server tests that must not depend on it.
 * Recognises one resident (Jan Jansen, 0612345678 / jan@example.nl).
 */
export function createFakeKlantinteracties(): FakeKlantinteracties {
  const registered: FakeKlantinteracties['registered'] = [];
  const taken: InterneTaakView[] = [];
  const partijen: PartijView[] = [
    {
      uuid: '0b5b0e1f-1d38-4e43-8a43-3c0f8d6a1a11',
      soortPartij: 'persoon',
      naam: 'Jan Jansen',
      bsn: '999993653',
      digitaleAdressen: [
        {
          uuid: randomUUID(),
          soortDigitaalAdres: 'telefoonnummer',
          adres: '0612345678',
          isStandaardAdres: true,
        },
        { uuid: randomUUID(), soortDigitaalAdres: 'email', adres: 'jan@example.nl', isStandaardAdres: false },
      ],
    },
  ];
  const port: KlantinteractiesPort = {
    async recognise(from) {
      const match = partijen.filter((p) =>
        p.digitaleAdressen.some((a) => a.adres === from.phone || a.adres === from.email),
      );
      const first = match[0];
      if (!first) return { herkenning: 'onbekend', kandidaten: [] };
      const viaPhone = first.digitaleAdressen.some((a) => a.adres === from.phone);
      return { herkenning: viaPhone ? 'telefoon' : 'email', partij: first, kandidaten: match };
    },
    getPartij: async (uuid) => partijen.find((p) => p.uuid === uuid),
    searchPartijen: async (q, limit) =>
      partijen.filter((p) => p.naam.toLowerCase().includes(q.toLowerCase())).slice(0, limit),
    async createPersoon(input) {
      const p: PartijView = {
        uuid: randomUUID(),
        soortPartij: 'persoon',
        naam: [input.voornaam, input.voorvoegselAchternaam, input.achternaam].filter(Boolean).join(' '),
        ...(input.bsn ? { bsn: input.bsn } : {}),
        digitaleAdressen: [],
      };
      partijen.push(p);
      return p;
    },
    klantcontactenVan: async (uuid, limit) =>
      registered
        .filter((r) => r.partijUuid === uuid)
        .map((r) => r.klantcontact)
        .slice(0, limit),
    openInterneTakenVanPartij: async (uuid) => taken.filter((t) => t.partij?.uuid === uuid),
    // Working interne taken is tested against the real embedded store (modules/interne-taken).
    interneTaak: async () => undefined,
    openInterneTakenVanActoren: async () => [],
    medewerkerActor: async (m) => ({ uuid: randomUUID(), naam: m.name, soortActor: 'medewerker' }),
    wijsInterneTaakToe: async () => {
      throw new Error('not supported by the fake');
    },
    rondInterneTaakAf: async () => {
      throw new Error('not supported by the fake');
    },
    async register({ request, contact, at, medewerker }) {
      if (!FAKE_GESPREKSRESULTATEN.some((g) => g.code === request.gespreksresultaat)) {
        throw new RegistrationError('gespreksresultaat', 'unknown', 'Dit gespreksresultaat bestaat niet.');
      }
      const partijUuid = request.partij?.uuid ?? contact.partijUuid;
      if (partijUuid !== undefined && !partijen.some((p) => p.uuid === partijUuid)) {
        throw new RegistrationError('partij.uuid', 'unknown', 'Deze partij bestaat niet.');
      }
      const uuid = randomUUID();
      const klantcontact: KlantcontactView = {
        uuid,
        kanaal: request.kanaal ?? contact.channel,
        onderwerp: request.onderwerp,
        inhoud: request.inhoud ?? '',
        plaatsgevondenOp: at.toISOString(),
        gespreksresultaat: request.gespreksresultaat,
        medewerker: medewerker.name,
      };
      registered.push({ klantcontact, ...(partijUuid !== undefined ? { partijUuid } : {}) });
      const ref = { uuid, url: `http://fake/klantinteracties/api/v1/klantcontacten/${uuid}` };
      if (!request.interneTaak) return { klantcontact: ref };
      const taakUuid = randomUUID();
      taken.push({
        uuid: taakUuid,
        gevraagdeHandeling: request.interneTaak.gevraagdeHandeling,
        status: 'te_verwerken',
        toegewezenOp: at.toISOString(),
        toegewezenAan: [],
        klantcontact: { uuid, onderwerp: request.onderwerp, kanaal: klantcontact.kanaal },
      });
      return {
        klantcontact: ref,
        interneTaak: { uuid: taakUuid, url: `http://fake/klantinteracties/api/v1/internetaken/${taakUuid}` },
      };
    },
    gespreksresultaten: async () => FAKE_GESPREKSRESULTATEN,
    afdelingen: async () => [{ actorUuid: FAKE_AFDELING_UUID, naam: 'Burgerzaken' }],
    linkTranscript: async () => ({ bijlageUuid: randomUUID() }),
    getActor: async (uuid) =>
      uuid === FAKE_AFDELING_UUID
        ? { uuid, naam: 'Burgerzaken', soortActor: 'organisatorische_eenheid' }
        : undefined,
  };
  return {
    registered,
    partijen,
    migrations: [],
    normalisePhone: (phone) => phone.replace(/[\s-]/g, '').replace(/^\+31/, '0'),
    create: () => ({
      port,
      registerApi: () => undefined,
      seedDemo: async () => undefined,
      ensureMedewerker: async () => ({ actorUuid: randomUUID() }),
    }),
  };
}
