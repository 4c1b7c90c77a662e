import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Store } from '../../store/store';

export interface RegistrationFact {
  klantcontactUuid: string;
  contactId: string;
  at: number;
  partijUuid?: string;
  onderwerp: string;
  /** Set when the onderwerp came from the managed list. */
  onderwerpId?: string;
  gespreksresultaat: string;
}

export interface StoredRegistrationFact {
  klantcontactUuid: string;
  contactId: string;
  at: number;
  partijUuid: string | null;
  onderwerpHash: string;
  onderwerpId: string | null;
  gespreksresultaat: string;
}

/** Case, spacing and punctuation at the ends do not make another onderwerp. */
export function onderwerpHash(onderwerp: string): string {
  const normalised = onderwerp
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!?]+$/, '');
  return createHash('sha256').update(normalised).digest('hex').slice(0, 32);
}

/** The tables the reports own for first-contact resolution, as the query builder sees them. */
export interface ReportRegistrationsTables {
  report_registrations: {
    klantcontact_uuid: string;
    contact_id: string;
    /** Epoch milliseconds. */
    at: number;
    partij_uuid: string | null;
    onderwerp_hash: string;
    onderwerp_id: string | null;
    gespreksresultaat: string;
  };
}

/** The registration facts the reports need (first-contact resolution), kept next to the event log. */
export class ReportRegistrations {
  private readonly db: Kysely<ReportRegistrationsTables>;

  constructor(store: Store) {
    this.db = store.kysely<ReportRegistrationsTables>();
  }

  /** After the registration committed; a second record of the same klantcontact changes nothing. */
  async record(f: RegistrationFact): Promise<void> {
    await this.db
      .insertInto('report_registrations')
      .values({
        klantcontact_uuid: f.klantcontactUuid,
        contact_id: f.contactId,
        at: f.at,
        partij_uuid: f.partijUuid ?? null,
        onderwerp_hash: onderwerpHash(f.onderwerp),
        onderwerp_id: f.onderwerpId ?? null,
        gespreksresultaat: f.gespreksresultaat,
      })
      .onConflict((oc) => oc.column('klantcontact_uuid').doNothing())
      .execute();
  }

  async inRange(from: number, to: number): Promise<StoredRegistrationFact[]> {
    const rows = await this.db
      .selectFrom('report_registrations')
      .selectAll()
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at')
      .execute();
    return rows.map((r) => ({
      klantcontactUuid: r.klantcontact_uuid,
      contactId: r.contact_id,
      at: r.at,
      partijUuid: r.partij_uuid,
      onderwerpHash: r.onderwerp_hash,
      onderwerpId: r.onderwerp_id,
      gespreksresultaat: r.gespreksresultaat,
    }));
  }

  /**
   * The reports keep a registration's partij only to count repeat contacts (first-contact resolution, within
   * days); after the contact's bewaartermijn the link goes and the registration still counts.
   */
  async forgetPartij(contactIds: readonly string[]): Promise<number> {
    let changed = 0;
    for (let i = 0; i < contactIds.length; i += FORGET_BATCH) {
      const result = await this.db
        .updateTable('report_registrations')
        .set({ partij_uuid: null })
        .where('contact_id', 'in', contactIds.slice(i, i + FORGET_BATCH))
        .where('partij_uuid', 'is not', null)
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    return changed;
  }
}

/** Contact ids per UPDATE: well under both stores' limit on bound parameters. */
const FORGET_BATCH = 500;
