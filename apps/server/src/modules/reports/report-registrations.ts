import { createHash } from 'node:crypto';
import type { Db } from '../../store/db';

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

/** The registration facts the reports need (first-contact resolution), kept next to the event log. */
export class ReportRegistrations {
  private readonly insert;
  private readonly between;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO report_registrations
         (klantcontact_uuid, contact_id, at, partij_uuid, onderwerp_hash, onderwerp_id, gespreksresultaat)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.between = db.prepare<
      [number, number],
      {
        klantcontact_uuid: string;
        contact_id: string;
        at: number;
        partij_uuid: string | null;
        onderwerp_hash: string;
        onderwerp_id: string | null;
        gespreksresultaat: string;
      }
    >('SELECT * FROM report_registrations WHERE at >= ? AND at < ? ORDER BY at');
  }

  /** Called inside the registration transaction. */
  record(f: RegistrationFact): void {
    this.insert.run(
      f.klantcontactUuid,
      f.contactId,
      f.at,
      f.partijUuid ?? null,
      onderwerpHash(f.onderwerp),
      f.onderwerpId ?? null,
      f.gespreksresultaat,
    );
  }

  inRange(from: number, to: number): StoredRegistrationFact[] {
    return this.between.all(from, to).map((r) => ({
      klantcontactUuid: r.klantcontact_uuid,
      contactId: r.contact_id,
      at: r.at,
      partijUuid: r.partij_uuid,
      onderwerpHash: r.onderwerp_hash,
      onderwerpId: r.onderwerp_id,
      gespreksresultaat: r.gespreksresultaat,
    }));
  }
}
