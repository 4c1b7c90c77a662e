import type {
  OrganisatieIdentiteit,
  OrganisatieZoekResultaat,
  PersoonIdentiteit,
  PersoonZoekResultaat,
  ZaakView,
} from '@kcc/contracts/klantbeeld';
import type { ContactFrom } from '@kcc/contracts/domain';
import type { InterneTaakView, KlantcontactView, PartijView } from '@kcc/contracts/rest';
import type { KlantinteractiesPort, RecognitionResult } from '../klantinteracties/ports';

/** Where a register's data comes from: demo data inside the server, or a configured external register. */
export type RegisterBron = 'embedded' | 'extern';

/** Input a register refuses before calling anything (bad BSN, bad postcode…): routes answer 400. */
export class RegisterInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RegisterInputError';
  }
}

export interface OrganisatieIdentificatie {
  kvkNummer?: string;
  rsin?: string;
  vestigingsnummer?: string;
}

/**
 * On whose behalf a register is asked: Open Zaak's `user_id` / `user_representation` (its audit trail). `id` is
 * the employee identifier: the identity provider's employee claim, or a local account's username.
 */
export interface Namens {
  id: string;
  naam: string;
}
/** A logged-in employee: their username is the employee identifier. */
export const namensVan = (user: { username: string; name: string }): Namens => ({
  id: user.username,
  naam: user.name,
});
/** The server itself (no employee behind the call). */
export const SYSTEEM: Namens = { id: 'kcc-werkplek', naam: 'KCC-werkplek' };

/** Zaken (ZGW Zaken + Catalogi), read-only. `namens`: the employee who asks (default: the system). */
export interface ZakenPort {
  readonly bron: RegisterBron;
  /** Lopende zaken where the person has a rol (rol filter on BSN), soonest deadline first. */
  zakenVanPersoon(bsn: string, namens?: Namens): Promise<ZaakView[]>;
  /** Lopende zaken of an organisation by RSIN (innNnpId), vestigingsnummer, or KvK-nummer where supported. */
  zakenVanOrganisatie(id: OrganisatieIdentificatie, namens?: Namens): Promise<ZaakView[]>;
  /** One zaak (e.g. to check a zaak reference before linking a klantcontact to it). */
  getZaak(uuid: string, namens?: Namens): Promise<ZaakView | undefined>;
}

export type BrpZoekVraag =
  | { type: 'bsn'; bsn: string }
  | { type: 'naam'; geslachtsnaam: string; geboortedatum: string }
  | { type: 'adres'; postcode: string; huisnummer: number };

export interface BrpZoekUitkomst {
  items: PersoonZoekResultaat[];
  /** The BRP caps a search at 10 persons, an address search at 30. */
  maximumBereikt: boolean;
}

/** Haal Centraal BRP Personen 2.x: `fields` are chosen per purpose; only verification data for the workplace. */
export interface BrpPort {
  readonly bron: RegisterBron;
  zoek(vraag: BrpZoekVraag): Promise<BrpZoekUitkomst>;
  /** RaadpleegMetBurgerservicenummer with the minimal fields for verification; undefined when unknown. */
  raadpleeg(bsn: string): Promise<PersoonIdentiteit | undefined>;
}

export type KvkZoekVraag =
  | { type: 'kvkNummer'; kvkNummer: string }
  | { type: 'naam'; naam: string }
  | { type: 'adres'; postcode: string; huisnummer: number };

/** KvK Handelsregister: Zoeken v2 and Basisprofiel v1. */
export interface KvkPort {
  readonly bron: RegisterBron;
  zoek(vraag: KvkZoekVraag): Promise<{ items: OrganisatieZoekResultaat[]; maximumBereikt: boolean }>;
  basisprofiel(kvkNummer: string): Promise<OrganisatieIdentiteit | undefined>;
}

/**
 * What the klantbeeld reads from Klantinteracties: async, so the embedded store and Open Klant (HTTP) fit.
 */
export interface KlantinteractiesReader {
  readonly bron: RegisterBron;
  recognise(from: ContactFrom): Promise<RecognitionResult>;
  getPartij(uuid: string): Promise<PartijView | undefined>;
  /** The partij with this identificator (`bsn` of a persoon, `kvk_nummer` of an organisatie). */
  partijMetIdentificator(soort: 'bsn' | 'kvk_nummer', objectId: string): Promise<PartijView | undefined>;
  klantcontactenVan(partijUuid: string, limit: number): Promise<KlantcontactView[]>;
  openInterneTakenVanPartij(partijUuid: string): Promise<InterneTaakView[]>;
}

export type NieuwePersoon = Parameters<KlantinteractiesPort['createPersoon']>[0];

/**
 * The klantregister the contact panel works with: the embedded store, or Open Klant when configured.
 * Partij uuids in contacts and registrations are uuids of this register.
 */
export interface Klantregister extends KlantinteractiesReader {
  /** Find partijen by name, BSN / KvK-nummer, phone number or e-mail address (what the register supports). */
  searchPartijen(query: string, limit: number): Promise<{ items: PartijView[]; melding?: string }>;
  /** Create a persoon (with BSN identificator and digitale adressen when given); no half-created partij remains. */
  createPersoon(input: NieuwePersoon): Promise<PartijView>;
}

export interface Registers {
  zaken: ZakenPort;
  brp: BrpPort;
  kvk: KvkPort;
  klantinteracties: KlantinteractiesReader;
}

/** BRP `fields` per purpose (doelbinding): only what verification of the caller needs. */
export const BRP_FIELDS = {
  verificatie: [
    'burgerservicenummer',
    'naam.voornamen',
    'naam.voorvoegsel',
    'naam.geslachtsnaam',
    'naam.volledigeNaam',
    'geboorte.datum',
    'adressering.adresregel1',
    'adressering.adresregel2',
  ],
  zoeken: [
    'burgerservicenummer',
    'naam.volledigeNaam',
    'geboorte.datum',
    'adressering.adresregel1',
    'adressering.adresregel2',
  ],
} as const;

/** BRP result caps (BRP docs/releasenotes.md 2.5.0). */
export const BRP_MAX_RESULTATEN = 10;
export const BRP_MAX_RESULTATEN_ADRES = 30;
export const KVK_MAX_RESULTATEN = 10;
