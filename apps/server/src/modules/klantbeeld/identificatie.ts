import {
  AFGESCHERMDE_ONDERDELEN,
  type Identificatie,
  type Identificatieniveau,
} from '@kcc/contracts/klantbeeld';
import type { ContactRecord } from '../contacts/contacts.repository';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const identificatieMigrations: Migration[] = [
  {
    id: 'klantbeeld/001_identificatie',
    sql: `
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
  },
];

/** Failed verification attempts allowed per contact; after that only a new contact (or DigiD) helps. */
export const MAX_VERIFICATIE_POGINGEN = 3;

export const AFGESCHERMD_MELDING =
  'Verifieer eerst wie u spreekt. Pas daarna ziet u BRP-gegevens, zaken en signalen.';

interface Row {
  contact_id: string;
  niveau: 'geverifieerd' | 'geauthenticeerd';
  methode: 'verificatievragen' | 'digid';
  partij_uuid: string | null;
  at: number;
}

export interface IdentificatieStore {
  /** The resident of this contact logged in with DigiD (the contact's `from.bsn` is the token's BSN). */
  recordAuthenticated(contactId: string, at: number): void;
  recordAttempt(contactId: string, userId: string, gelukt: boolean, at: number): void;
  /** The contact is verified against this partij. */
  recordVerified(contactId: string, partijUuid: string, userId: string, at: number): void;
  failedAttempts(contactId: string): number;
  /** The resident of this contact is verified or logged in with DigiD (for whichever partij). */
  isVastgesteld(contactId: string): boolean;
  /**
   * The level of a contact for the partij the agent works with (`partij`: recognised or linked; `bsn`: the
   * partij's BSN, or the BSN of a DigiD login without a partij).
   */
  identificatie(
    contact: ContactRecord,
    partij: { uuid?: string | undefined; bsn?: string | undefined } | undefined,
    herkenning?: Identificatie['methode'],
  ): Identificatie;
}

export function createIdentificatieStore(db: Db): IdentificatieStore {
  const get = db.prepare<[string], Row>('SELECT * FROM contact_identificatie WHERE contact_id = ?');
  const upsert = db.prepare(
    `INSERT INTO contact_identificatie (contact_id, niveau, methode, partij_uuid, at, user_id)
       VALUES (@contactId, @niveau, @methode, @partijUuid, @at, @userId)
     ON CONFLICT (contact_id) DO UPDATE SET niveau = excluded.niveau, methode = excluded.methode,
       partij_uuid = excluded.partij_uuid, at = excluded.at, user_id = excluded.user_id
     WHERE contact_identificatie.niveau != 'geauthenticeerd'`,
  );
  const attempt = db.prepare(
    'INSERT INTO verificatie_pogingen (contact_id, at, user_id, gelukt) VALUES (?, ?, ?, ?)',
  );
  const failed = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM verificatie_pogingen WHERE contact_id = ? AND gelukt = 0',
  );

  const failedAttempts = (contactId: string) => failed.get(contactId)?.n ?? 0;

  return {
    recordAuthenticated(contactId, at) {
      upsert.run({
        contactId,
        niveau: 'geauthenticeerd',
        methode: 'digid',
        partijUuid: null,
        at,
        userId: null,
      });
    },
    recordAttempt(contactId, userId, gelukt, at) {
      attempt.run(contactId, at, userId, gelukt ? 1 : 0);
    },
    recordVerified(contactId, partijUuid, userId, at) {
      upsert.run({
        contactId,
        niveau: 'geverifieerd',
        methode: 'verificatievragen',
        partijUuid,
        at,
        userId,
      });
    },
    failedAttempts,
    isVastgesteld: (contactId) => get.get(contactId) !== undefined,
    identificatie(contact, partij, herkenning) {
      const row = get.get(contact.id);
      const pogingenOver = Math.max(0, MAX_VERIFICATIE_POGINGEN - failedAttempts(contact.id));
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
