import {
  AFGESCHERMDE_ONDERDELEN,
  type Identificatie,
  type Identificatieniveau,
} from '@kcc/contracts/klantbeeld';
import type { ContactRecord } from '../contacts/contacts.repository';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';

export const identificatieMigrations: StoreMigration[] = [
  {
    id: 'klantbeeld/001_identificatie',
    sqlite: `
      -- Verification and DigiD authentication per contact. A verification holds for the partij it was done
      -- against; linking another partij falls back to herkend.
      CREATE TABLE contact_identificatie (
        contact_id TEXT PRIMARY KEY,
        niveau TEXT NOT NULL CHECK (niveau IN ('geverifieerd', 'geauthenticeerd')),
        methode TEXT NOT NULL CHECK (methode IN ('verificatievragen', 'digid')),
        partij_uuid TEXT,
        at INTEGER NOT NULL,
        user_id TEXT
      );
      -- Every verification attempt (for the per-contact limit); no answers are stored.
      CREATE TABLE verificatie_pogingen (
        contact_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        gelukt INTEGER NOT NULL
      );
      CREATE INDEX verificatie_pogingen_contact ON verificatie_pogingen (contact_id, at);
    `,
    postgres: `
      CREATE TABLE contact_identificatie (
        contact_id TEXT PRIMARY KEY,
        niveau TEXT NOT NULL CHECK (niveau IN ('geverifieerd', 'geauthenticeerd')),
        methode TEXT NOT NULL CHECK (methode IN ('verificatievragen', 'digid')),
        partij_uuid TEXT,
        at BIGINT NOT NULL,
        user_id TEXT
      );
      CREATE TABLE verificatie_pogingen (
        contact_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        gelukt INTEGER NOT NULL
      );
      CREATE INDEX verificatie_pogingen_contact ON verificatie_pogingen (contact_id, at);
    `,
  },
];

/** Failed verification attempts allowed per contact; after that only a new contact (or DigiD) helps. */
export const MAX_VERIFICATIE_POGINGEN = 3;

export const AFGESCHERMD_MELDING =
  'Verifieer eerst wie u spreekt. Pas daarna ziet u BRP-gegevens, zaken en signalen.';

/** The tables this module owns on the async store. */
export interface IdentificatieTables {
  contact_identificatie: {
    contact_id: string;
    niveau: 'geverifieerd' | 'geauthenticeerd';
    methode: 'verificatievragen' | 'digid';
    partij_uuid: string | null;
    at: number;
    user_id: string | null;
  };
  verificatie_pogingen: { contact_id: string; at: number; user_id: string; gelukt: number };
}

export interface IdentificatieStore {
  /**
   * The resident of this contact logged in with DigiD (the contact's `from.bsn` is the token's BSN). Called in the
   * unit of work that creates the contact, so a contact never exists without the level it started with.
   */
  recordAuthenticated(contactId: string, at: number): Promise<void>;
  /** One verification attempt, and when it succeeded the verification against this partij: one transaction. */
  recordVerification(
    contactId: string,
    attempt: { userId: string; gelukt: boolean; partijUuid: string; at: number },
  ): Promise<void>;
  failedAttempts(contactId: string): Promise<number>;
  /** The resident of this contact is verified or logged in with DigiD (for whichever partij). */
  isVastgesteld(contactId: string): Promise<boolean>;
  /**
   * The level of a contact for the partij the agent works with (`partij`: recognised or linked; `bsn`: the
   * partij's BSN, or the BSN of a DigiD login without a partij).
   */
  identificatie(
    contact: ContactRecord,
    partij: { uuid?: string | undefined; bsn?: string | undefined } | undefined,
    herkenning?: Identificatie['methode'],
  ): Promise<Identificatie>;
}

type Vastlegging = Omit<IdentificatieTables['contact_identificatie'], 'contact_id'>;

/** Identificatie per contact on the async store (SQLite or PostgreSQL). */
export function createIdentificatieStore(store: Store): IdentificatieStore {
  const db = store.kysely<IdentificatieTables>();
  const get = (contactId: string) =>
    db.selectFrom('contact_identificatie').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
  // DigiD is the highest level: a later verification does not replace it.
  const upsert = (contactId: string, v: Vastlegging, trx: typeof db = db) =>
    trx
      .insertInto('contact_identificatie')
      .values({ contact_id: contactId, ...v })
      .onConflict((oc) =>
        oc
          .column('contact_id')
          .doUpdateSet((eb) => ({
            niveau: eb.ref('excluded.niveau'),
            methode: eb.ref('excluded.methode'),
            partij_uuid: eb.ref('excluded.partij_uuid'),
            at: eb.ref('excluded.at'),
            user_id: eb.ref('excluded.user_id'),
          }))
          .where('contact_identificatie.niveau', '!=', 'geauthenticeerd'),
      )
      .execute();
  const failedAttempts = async (contactId: string) => {
    const r = await db
      .selectFrom('verificatie_pogingen')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contact_id', '=', contactId)
      .where('gelukt', '=', 0)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  };

  return {
    async recordAuthenticated(contactId, at) {
      await upsert(contactId, {
        niveau: 'geauthenticeerd',
        methode: 'digid',
        partij_uuid: null,
        at,
        user_id: null,
      });
    },
    async recordVerification(contactId, { userId, gelukt, partijUuid, at }) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('verificatie_pogingen')
          .values({ contact_id: contactId, at, user_id: userId, gelukt: gelukt ? 1 : 0 })
          .execute();
        if (gelukt) {
          await upsert(
            contactId,
            {
              niveau: 'geverifieerd',
              methode: 'verificatievragen',
              partij_uuid: partijUuid,
              at,
              user_id: userId,
            },
            trx,
          );
        }
      });
    },
    failedAttempts,
    isVastgesteld: async (contactId) => (await get(contactId)) !== undefined,
    async identificatie(contact, partij, herkenning) {
      const row = await get(contact.id);
      const pogingenOver = Math.max(0, MAX_VERIFICATIE_POGINGEN - (await failedAttempts(contact.id)));
      const reached = (niveau: Identificatieniveau, methode: Identificatie['methode'], at: number) => ({
        niveau,
        methode,
        sinds: new Date(at).toISOString(),
        afgeschermd: [],
        verificatie: { mogelijk: false, reden: 'De klant is al geïdentificeerd.', pogingenOver },
      });
      // DigiD holds for the BSN in the token (the contact's from.bsn), whichever partij carries it.
      if (
        row?.niveau === 'geauthenticeerd' &&
        contact.from.bsn !== undefined &&
        (partij === undefined || partij.bsn === contact.from.bsn)
      ) {
        return reached('geauthenticeerd', 'digid', row.at);
      }
      if (row?.niveau === 'geverifieerd' && partij?.uuid !== undefined && row.partij_uuid === partij.uuid) {
        return reached('geverifieerd', 'verificatievragen', row.at);
      }
      const afgeschermd = [...AFGESCHERMDE_ONDERDELEN];
      if (partij?.uuid === undefined) {
        return {
          niveau: 'onbekend',
          afgeschermd,
          verificatie: {
            mogelijk: false,
            reden: 'Zoek of koppel eerst de klant. Daarna kunt u verifiëren.',
            pogingenOver,
          },
        };
      }
      const reden =
        partij.bsn === undefined
          ? 'Van deze klant is geen BSN bekend. Verifiëren met de BRP kan daarom niet.'
          : pogingenOver === 0
            ? 'Er zijn te veel onjuiste antwoorden gegeven. Verifiëren kan bij dit contact niet meer.'
            : undefined;
      return {
        niveau: 'herkend',
        ...(herkenning !== undefined ? { methode: herkenning } : {}),
        afgeschermd,
        verificatie: {
          mogelijk: reden === undefined,
          ...(reden !== undefined ? { reden } : {}),
          pogingenOver,
        },
      };
    },
  };
}
