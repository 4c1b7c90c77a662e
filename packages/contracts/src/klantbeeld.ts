import { z } from 'zod';
import { IsoDateTime } from './domain';
import { InterneTaakView, KlantbeeldResponse, KlantcontactView, PartijView } from './rest';

/**
 * The integraal klantbeeld: composed on demand from the registers (BRP, KvK, Zaken, Klantinteracties).
 * Each section loads on its own; a register that fails or times out yields `niet_beschikbaar` with a Dutch
 * melding, the other sections still load.
 */

// ---------------------------------------------------------------- purpose (doelbinding)

/** Purposes an agent can state to open a klantbeeld without an active contact. */
export const KLANTBEELD_DOELEN = [
  'terugbelverzoek_afhandelen',
  'interne_taak_afhandelen',
  'klantvraag_zonder_contact',
] as const;
export const KlantbeeldDoel = z.enum(KLANTBEELD_DOELEN);
export type KlantbeeldDoel = z.infer<typeof KlantbeeldDoel>;

export const KLANTBEELD_DOEL_LABELS: Record<KlantbeeldDoel, string> = {
  terugbelverzoek_afhandelen: 'Terugbelverzoek afhandelen',
  interne_taak_afhandelen: 'Interne taak afhandelen',
  klantvraag_zonder_contact: 'Vraag van een inwoner zonder actief contact',
};

/**
 * Every search and every klantbeeld read needs a purpose: the id of a contact the agent holds (`contactId`)
 * or a code from KLANTBEELD_DOELEN (`doel`). At least one is required.
 */
export const DoelQuery = z.object({
  doel: KlantbeeldDoel.optional(),
  contactId: z.string().trim().min(1).max(100).optional(),
});
export type DoelQuery = z.infer<typeof DoelQuery>;

// ---------------------------------------------------------------- sections

export const SectieNietBeschikbaar = z.object({
  status: z.literal('niet_beschikbaar'),
  /** Dutch, for the agent, e.g. "Zaken tijdelijk niet beschikbaar". */
  melding: z.string(),
});
export const SectieNietVanToepassing = z.object({
  status: z.literal('niet_van_toepassing'),
  /** Why there is nothing to show, e.g. "Geen BSN bekend". */
  melding: z.string(),
});
/** Withheld by the server because the caller's identity is not established well enough (see Identificatie). */
export const SectieAfgeschermd = z.object({
  status: z.literal('afgeschermd'),
  /** Why, for the agent (B1), e.g. "Verifieer eerst wie u spreekt. Daarna ziet u de zaken." */
  melding: z.string(),
});
const sectie = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('beschikbaar'), data }),
    SectieNietBeschikbaar,
    SectieNietVanToepassing,
    SectieAfgeschermd,
  ]);

/** BRP identity, minimal for the purpose: "alleen ter verificatie". */
export const PersoonIdentiteit = z.object({
  soort: z.literal('persoon'),
  bsn: z.string(),
  naam: z.object({
    voornamen: z.string().optional(),
    voorvoegsel: z.string().optional(),
    geslachtsnaam: z.string().optional(),
    volledigeNaam: z.string(),
  }),
  geboortedatum: z.string().optional(),
  /** adresregel1 + adresregel2 of the BRP adressering. */
  adresregels: z.array(z.string()),
  /** geheimhoudingPersoonsgegevens: show as a warning, do not pass data on to third parties. */
  geheimhouding: z.boolean(),
  opgeschort: z.boolean(),
  /** Always "alleen ter verificatie" for the workplace: data minimisation per purpose. */
  gebruik: z.literal('alleen ter verificatie'),
});
export type PersoonIdentiteit = z.infer<typeof PersoonIdentiteit>;

export const OrganisatieIdentiteit = z.object({
  soort: z.literal('organisatie'),
  kvkNummer: z.string(),
  naam: z.string(),
  rsin: z.string().optional(),
  rechtsvorm: z.string().optional(),
  adresregels: z.array(z.string()),
  sbiActiviteiten: z.array(z.string()),
  /** Registered on (formeleRegistratiedatum, YYYY-MM-DD). */
  registratiedatum: z.string().optional(),
});
export type OrganisatieIdentiteit = z.infer<typeof OrganisatieIdentiteit>;

export const Contactgegevens = z.object({
  digitaleAdressen: PartijView.shape.digitaleAdressen,
  /** Derived from the standaard adressen of the partij (telefoon before e-mail). */
  voorkeurskanaal: z.enum(['telefoon', 'email']).optional(),
  voorkeursadres: z.string().optional(),
});
export type Contactgegevens = z.infer<typeof Contactgegevens>;

export const ZaakView = z.object({
  uuid: z.string(),
  /** Zaaknummer. */
  identificatie: z.string(),
  omschrijving: z.string(),
  zaaktype: z.string(),
  startdatum: z.string(),
  einddatumGepland: z.string().optional(),
  uiterlijkeEinddatumAfdoening: z.string().optional(),
  /** Current status, with the statustype text from Catalogi. */
  status: z
    .object({
      omschrijving: z.string(),
      statustekst: z.string().optional(),
      datumStatusGezet: z.string(),
      isEindstatus: z.boolean(),
    })
    .optional(),
  behandelaar: z.string().optional(),
  documenten: z.array(z.object({ titel: z.string(), registratiedatum: z.string().optional() })),
  /** Today is later than einddatumGepland (or uiterlijkeEinddatumAfdoening when no planned date). */
  termijnVerstreken: z.boolean(),
});
export type ZaakView = z.infer<typeof ZaakView>;

export const SIGNAAL_SOORTEN = [
  'zaak_termijn_verstreken',
  'open_terugbelverzoek',
  'recent_contact_zelfde_onderwerp',
] as const;
export const Signaal = z.object({
  soort: z.enum(SIGNAAL_SOORTEN),
  ernst: z.enum(['waarschuwing', 'info']),
  /** Dutch (B1), ready to show. */
  tekst: z.string(),
  verwijzing: z
    .object({ type: z.enum(['zaak', 'interne_taak', 'klantcontact']), uuid: z.string() })
    .optional(),
});
export type Signaal = z.infer<typeof Signaal>;

export const REGISTERS = ['brp', 'kvk', 'zaken', 'klantinteracties'] as const;
export const Register = z.enum(REGISTERS);
export type Register = z.infer<typeof Register>;

export const BronStatus = z.object({
  register: Register,
  status: z.enum(['beschikbaar', 'niet_beschikbaar', 'niet_van_toepassing', 'afgeschermd']),
  /** `embedded` (demo data in the server) or `extern` (a configured register). */
  bron: z.enum(['embedded', 'extern']),
  duurMs: z.number(),
});
export type BronStatus = z.infer<typeof BronStatus>;

export const IntegraalKlantbeeld = z.object({
  identiteit: sectie(z.discriminatedUnion('soort', [PersoonIdentiteit, OrganisatieIdentiteit])),
  contactgegevens: sectie(Contactgegevens),
  /** Contact history across all channels, newest first; `kanalen` lists the channels present (for the filter). */
  klantcontacten: sectie(z.object({ items: z.array(KlantcontactView), kanalen: z.array(z.string()) })),
  interneTaken: sectie(z.object({ items: z.array(InterneTaakView) })),
  /** Lopende (open) zaken, soonest deadline first. */
  zaken: sectie(z.object({ items: z.array(ZaakView) })),
  signalen: z.array(Signaal),
  verantwoording: z.object({
    /** `contact:<id>` or a KLANTBEELD_DOELEN code. */
    doel: z.string(),
    doelOmschrijving: z.string(),
    samengesteldOp: IsoDateTime,
    duurMs: z.number(),
    bronnen: z.array(BronStatus),
  }),
});
export type IntegraalKlantbeeld = z.infer<typeof IntegraalKlantbeeld>;

// ---------------------------------------------------------------- identification of the resident

/**
 * How sure we are who the resident is, per contact (ordered): `onbekend` (no partij), `herkend` (a partij matched
 * by phone, e-mail or a BSN an integration passed on, or linked by the agent: a candidate, not a fact),
 * `geverifieerd` (the agent asked verification questions and the server found the answers equal to the BRP),
 * `geauthenticeerd` (the resident logged in with DigiD; the server checked the signed token).
 */
export const IDENTIFICATIENIVEAUS = ['onbekend', 'herkend', 'geverifieerd', 'geauthenticeerd'] as const;
export const Identificatieniveau = z.enum(IDENTIFICATIENIVEAUS);
export type Identificatieniveau = z.infer<typeof Identificatieniveau>;

export const IDENTIFICATIENIVEAU_LABELS: Record<Identificatieniveau, string> = {
  onbekend: 'Onbekend',
  herkend: 'Herkend, niet geverifieerd',
  geverifieerd: 'Geverifieerd',
  geauthenticeerd: 'Ingelogd met DigiD',
};

/** True when `niveau` is at least `minimum`. */
export function niveauMinstens(niveau: Identificatieniveau, minimum: Identificatieniveau): boolean {
  return IDENTIFICATIENIVEAUS.indexOf(niveau) >= IDENTIFICATIENIVEAUS.indexOf(minimum);
}

/** Parts of the klantbeeld that need `geverifieerd` or higher. */
export const AFGESCHERMDE_ONDERDELEN = ['identiteit', 'zaken', 'signalen'] as const;

export const Identificatie = z.object({
  niveau: Identificatieniveau,
  /** How the level was reached. */
  methode: z.enum(['telefoon', 'email', 'bsn', 'gekoppeld', 'verificatievragen', 'digid']).optional(),
  /** When `geverifieerd` or `geauthenticeerd` was reached. */
  sinds: IsoDateTime.optional(),
  /** Parts of the klantbeeld the server withheld at this level (empty from `geverifieerd`). */
  afgeschermd: z.array(z.enum(AFGESCHERMDE_ONDERDELEN)),
  verificatie: z.object({
    /** False when there is nothing to verify against (no partij with a BSN) or it is not needed. */
    mogelijk: z.boolean(),
    /** Why not, for the agent (B1). */
    reden: z.string().optional(),
    /** Attempts left for this contact. */
    pogingenOver: z.number().int().min(0),
  }),
});
export type Identificatie = z.infer<typeof Identificatie>;

/**
 * POST /api/contacts/{id}/verificatie — what the resident said; the server compares it with the BRP. The BRP
 * values never leave the server: the answer only says whether everything matched.
 */
export const VerificatieRequest = z
  .object({
    geboortedatum: z.iso.date({ message: 'Vul de geboortedatum in als jjjj-mm-dd' }),
    postcode: z
      .string()
      .trim()
      .regex(/^[1-9][0-9]{3}\s?[A-Za-z]{2}$/, 'Een postcode is 4 cijfers en 2 letters, zoals 7311 AB'),
    huisnummer: z.coerce.number().int().min(1).max(99999),
  })
  .strict();
export type VerificatieRequest = z.infer<typeof VerificatieRequest>;

export const VerificatieResponse = z.object({
  resultaat: z.enum(['geverifieerd', 'onjuist']),
  identificatie: Identificatie,
});
export type VerificatieResponse = z.infer<typeof VerificatieResponse>;

// ---------------------------------------------------------------- endpoints

/**
 * GET /api/contacts/{id}/klantbeeld — the existing fields stay; `integraal` is added when a partij is known
 * (recognised or linked).
 */
export const ContactKlantbeeldResponse = KlantbeeldResponse.extend({
  integraal: IntegraalKlantbeeld.optional(),
  /** The identification level of this contact; below `geverifieerd` BSN, BRP, zaken and signals are withheld. */
  identificatie: Identificatie,
});
export type ContactKlantbeeldResponse = z.infer<typeof ContactKlantbeeldResponse>;

/** GET /api/klantbeeld/persoon/{bsn} and /api/klantbeeld/organisatie/{kvkNummer}. */
export const KlantbeeldDetailResponse = z.object({
  soort: z.enum(['persoon', 'organisatie']),
  /** The partij in Klantinteracties with this BSN / KvK-nummer, when there is one. */
  partij: PartijView.optional(),
  integraal: IntegraalKlantbeeld,
});
export type KlantbeeldDetailResponse = z.infer<typeof KlantbeeldDetailResponse>;

/** GET /api/klantbeeld/personen — `bsn` | `geslachtsnaam` + `geboortedatum` | `postcode` + `huisnummer`, plus the purpose. */
export const PersoonZoekQuery = DoelQuery.extend({
  bsn: z.string().trim().optional(),
  geslachtsnaam: z.string().trim().max(200).optional(),
  geboortedatum: z.iso.date().optional(),
  postcode: z.string().trim().max(7).optional(),
  huisnummer: z.coerce.number().int().min(1).max(99999).optional(),
});
export type PersoonZoekQuery = z.infer<typeof PersoonZoekQuery>;

export const PersoonZoekResultaat = z.object({
  bsn: z.string(),
  volledigeNaam: z.string(),
  geboortedatum: z.string().optional(),
  adresregels: z.array(z.string()),
  geheimhouding: z.boolean(),
});
export type PersoonZoekResultaat = z.infer<typeof PersoonZoekResultaat>;
export const PersoonZoekResponse = z.object({
  items: z.array(PersoonZoekResultaat),
  /** The BRP caps results (10 per search, 30 for an address): true when the cap was reached. */
  maximumBereikt: z.boolean(),
});
export type PersoonZoekResponse = z.infer<typeof PersoonZoekResponse>;

/** GET /api/klantbeeld/organisaties — `kvkNummer` | `naam` | `postcode` + `huisnummer`, plus the purpose. */
export const OrganisatieZoekQuery = DoelQuery.extend({
  kvkNummer: z.string().trim().optional(),
  naam: z.string().trim().max(200).optional(),
  postcode: z.string().trim().max(7).optional(),
  huisnummer: z.coerce.number().int().min(1).max(99999).optional(),
});
export type OrganisatieZoekQuery = z.infer<typeof OrganisatieZoekQuery>;

export const OrganisatieZoekResultaat = z.object({
  kvkNummer: z.string(),
  vestigingsnummer: z.string().optional(),
  naam: z.string(),
  type: z.enum(['hoofdvestiging', 'nevenvestiging', 'rechtspersoon']),
  adresregels: z.array(z.string()),
  actief: z.boolean(),
});
export type OrganisatieZoekResultaat = z.infer<typeof OrganisatieZoekResultaat>;
export const OrganisatieZoekResponse = z.object({
  items: z.array(OrganisatieZoekResultaat),
  maximumBereikt: z.boolean(),
});
export type OrganisatieZoekResponse = z.infer<typeof OrganisatieZoekResponse>;

export const klantbeeldPaths = {
  personen: '/api/klantbeeld/personen',
  organisaties: '/api/klantbeeld/organisaties',
  persoon: (bsn: string) => `/api/klantbeeld/persoon/${encodeURIComponent(bsn)}`,
  verificatie: (contactId: string) => `/api/contacts/${encodeURIComponent(contactId)}/verificatie`,
  organisatie: (kvkNummer: string) => `/api/klantbeeld/organisatie/${encodeURIComponent(kvkNummer)}`,
  doelen: '/api/klantbeeld/doelen',
} as const;

// ---------------------------------------------------------------- koppelingen (beheerder)
const OutboxState = z.enum(['wachtend', 'verstuurd', 'gecompenseerd', 'mislukt']);

/** One registration the Open Klant outbox has not forwarded: references and errors, no personal data. */
export const OutboxItem = z.object({
  id: z.uuid(),
  referentienummer: z.string(),
  state: OutboxState.exclude(['verstuurd']),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  aangemaaktOp: z.string(),
  volgendePogingOp: z.string().optional(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/** GET /api/beheer/koppelingen — where each register's data comes from, and the Open Klant outbox. */
export const KoppelingenResponse = z.object({
  registers: z.array(z.object({ register: Register, bron: z.enum(['embedded', 'extern']) })),
  /** Only when Open Klant is configured. */
  openKlantOutbox: z
    .object({
      aantallen: z.record(OutboxState, z.number().int()),
      oudsteWachtendSinds: z.string().optional(),
      items: z.array(OutboxItem),
    })
    .optional(),
});
export type KoppelingenResponse = z.infer<typeof KoppelingenResponse>;

/** POST /api/beheer/koppelingen/openklant-outbox/{id}/opnieuw — try one registration again now. */
export const OutboxOpnieuwResponse = z.object({ item: z.object({ id: z.uuid(), state: OutboxState }) });
export type OutboxOpnieuwResponse = z.infer<typeof OutboxOpnieuwResponse>;

export const koppelingenPaths = {
  overzicht: '/api/beheer/koppelingen',
  opnieuw: (id: string) => `/api/beheer/koppelingen/openklant-outbox/${encodeURIComponent(id)}/opnieuw`,
} as const;
