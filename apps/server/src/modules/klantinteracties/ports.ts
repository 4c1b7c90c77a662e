import type { Identificatieniveau } from '@kcc/contracts/klantbeeld';
import type {
  InterneTaakView,
  KlantbeeldResponse,
  KlantcontactView,
  LinkPartijRequest,
  PartijView,
  RegistrationRequest,
  RegistrationResponse,
} from '@kcc/contracts/rest';
import type { Afdeling, Channel, ContactFrom, Gespreksresultaat } from '@kcc/contracts/domain';

/** The medewerker doing the work, as the Klantinteracties store records them (an Actor of soort medewerker). */
export interface MedewerkerRef {
  userId: string;
  username: string;
  name: string;
}

/** An actor as other modules need it: who an interne taak goes to. */
export interface ActorRef {
  uuid: string;
  naam: string;
  soortActor: 'medewerker' | 'geautomatiseerde_actor' | 'organisatorische_eenheid';
  /** actoridentificator.objectId (a medewerker's username), when set. */
  objectId?: string;
}

/** An interne taak as the workplace's task list works it (the Klantinteracties resource plus what it came from). */
export interface InterneTaakRecord {
  uuid: string;
  gevraagdeHandeling: string;
  toelichting: string;
  status: 'te_verwerken' | 'verwerkt';
  toegewezenOp: string;
  afgehandeldOp?: string;
  /** toegewezenAanActoren, in order. */
  actoren: ActorRef[];
  klantcontact: KlantcontactView;
  /** The partij of the klantcontact's first betrokkene, when known. */
  partij?: { uuid: string; naam: string };
}

export interface RecognitionResult {
  herkenning: KlantbeeldResponse['herkenning'];
  partij?: PartijView;
  kandidaten: PartijView[];
}

export interface RegisterInput {
  contact: {
    id: string;
    channel: Channel;
    from: ContactFrom;
    partijUuid?: string;
    /** How sure the agent was who the resident is (kept in the klantcontact's metadata). */
    identificatieniveau?: Identificatieniveau;
  };
  medewerker: MedewerkerRef;
  request: RegistrationRequest;
  /** The type of the onderwerp (the UPL uri of an onderwerp from the managed list): `hoofdOnderwerpType`. */
  hoofdOnderwerpType?: string;
  /** When the contact took place (plaatsgevondenOp). */
  at: Date;
}

/**
 * What the rest of the server uses of the embedded Klantinteracties store. Implemented on the async store
 * (`sqlite-klantinteracties.ts`, SQLite or PostgreSQL); an Open Klant connector can implement the same port later.
 * Every method is async; a write is one store transaction (a savepoint inside a caller's transaction).
 */
export interface KlantinteractiesPort {
  /** Klantherkenning: match phone (canonical form), e-mail or BSN against partij-identificatoren and digitale adressen. */
  recognise(from: ContactFrom): Promise<RecognitionResult>;
  getPartij(uuid: string): Promise<PartijView | undefined>;
  searchPartijen(query: string, limit: number): Promise<PartijView[]>;
  /** Create a persoon-partij (with BSN identificator and digitale adressen when given). */
  createPersoon(input: Extract<LinkPartijRequest, { nieuw: unknown }>['nieuw']): Promise<PartijView>;
  /** Klantcontacten of a partij across all channels, newest first. */
  klantcontactenVan(partijUuid: string, limit: number): Promise<KlantcontactView[]>;
  openInterneTakenVanPartij(partijUuid: string): Promise<InterneTaakView[]>;
  /** One interne taak with its klantcontact and actoren. */
  interneTaak(uuid: string): Promise<InterneTaakRecord | undefined>;
  /** Open interne taken assigned to any of these actoren, longest waiting first. */
  openInterneTakenVanActoren(actorUuids: readonly string[]): Promise<InterneTaakRecord[]>;
  /** The medewerker's actor (created when missing). */
  medewerkerActor(medewerker: MedewerkerRef): Promise<ActorRef>;
  /**
   * Claim: the medewerker becomes the taak's medewerker actor, next to its organisatorische eenheden (another
   * medewerker actor is replaced). Returns the taak as stored.
   */
  wijsInterneTaakToe(uuid: string, medewerker: MedewerkerRef): Promise<InterneTaakRecord>;
  /** Status `verwerkt` with `afgehandeldOp` = `at`. */
  rondInterneTaakAf(uuid: string, at: Date): Promise<InterneTaakRecord>;
  /**
   * Register one question of a contact: klantcontact + betrokkene (if partij) + onderwerpobject (if zaak)
   * + actorklantcontact (the medewerker) + interne taak (if asked), all in one transaction.
   * Throws `RegistrationError` for references that do not exist (unknown partij, actor or gespreksresultaat).
   */
  register(input: RegisterInput): Promise<RegistrationResponse>;
  /**
   * Make the KCC transcript of a contact (chat, e-mail thread, web form) visible on a klantcontact as a Bijlage
   * (`TRANSCRIPT_BIJLAGE` identificator, objectId = the contact id). Idempotent: the same klantcontact and contact
   * never get a second bijlage. The channels module calls it once the registration is committed.
   */
  linkTranscript(klantcontactUuid: string, contactId: string): Promise<{ bijlageUuid: string }>;
  gespreksresultaten(): Promise<Gespreksresultaat[]>;
  afdelingen(): Promise<Afdeling[]>;
  getActor(uuid: string): Promise<ActorRef | undefined>;
}

/**
 * How a KCC transcript is identified as a Bijlage (`bijlageidentificator`). The spec leaves the codes free
 * (strings ≤ 200): register "kcc" (this workplace), objecttype "transcript", the contact id as object id.
 */
export const TRANSCRIPT_BIJLAGE = {
  codeRegister: 'kcc',
  codeObjecttype: 'transcript',
  codeSoortObjectId: 'contact_id',
} as const;

export const transcriptBijlage = (contactId: string) => ({ ...TRANSCRIPT_BIJLAGE, objectId: contactId });

/** The partij-identificator of a persoon by BSN (BRP), as Klantinteracties nests it in a partij. */
export const bsnIdentificator = (bsn: string) =>
  ({
    partijIdentificator: {
      codeObjecttype: 'natuurlijk_persoon',
      codeSoortObjectId: 'bsn',
      objectId: bsn,
      codeRegister: 'brp',
    },
  }) as const;

export class RegistrationError extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RegistrationError';
  }
}
