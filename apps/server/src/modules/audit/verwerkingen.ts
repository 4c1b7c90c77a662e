import type { Gegevensbron, Handeling, VerwerkingsactiviteitCode } from '@kcc/contracts/verwerkingen';
import type { Db } from '../../store/db';
import type { AuditLog } from './audit-log';
import { createAuditLog } from './audit-log';
import { createBsnProtection } from './bsn-protection';

/** One processing of personal data, as the klantbeeld and connectors report it. */
export interface Verwerking {
  at: number;
  userId: string;
  handeling: Handeling;
  /** The partij whose data was processed (Klantinteracties uuid); give `partijUuid` or `bsn` or both. */
  partijUuid?: string;
  /** The BSN, when known (BRP reads; otherwise looked up from the partij). */
  bsn?: string;
  categorieen: string[];
  /** Why: `contact:<id>` for work on a contact, or a KLANTBEELD_DOELEN code. */
  doel: string;
  contactId?: string;
  /** Default: derived from `doel` (see audit/register.ts). */
  verwerkingActiviteit?: VerwerkingsactiviteitCode;
  /** Default `klantinteracties`. */
  gegevensbron?: Gegevensbron;
  /** How the person was involved, e.g. `Kandidaat bij klantherkenning`. Default `Klant`. */
  betrokkenheid?: string;
}

/**
 * Port for the verwerkingenlog: each `log` call is one verwerkingsactie with one verwerkt object, appended
 * to the hash-chained audit log. It throws when the entry cannot be stored: callers must not hand out the
 * data then (fail closed).
 */
export interface VerwerkingenLog {
  log(v: Verwerking): void;
  /** Entries about this partij, oldest first. */
  forPartij(partijUuid: string): Verwerking[];
}

export function verwerkingenLogFor(audit: AuditLog): VerwerkingenLog {
  return {
    log(v) {
      audit.record({
        tijdstip: v.at,
        handeling: v.handeling,
        doel: v.doel,
        activiteit: v.verwerkingActiviteit,
        contactId: v.contactId,
        gegevensbron: v.gegevensbron ?? 'klantinteracties',
        gebruiker: { id: v.userId },
        objecten: [
          {
            partijUuid: v.partijUuid,
            bsn: v.bsn,
            betrokkenheid: v.betrokkenheid,
            soortenGegevens: v.categorieen,
          },
        ],
      });
    },
    forPartij(partijUuid) {
      return audit
        .all({ subject: { partijUuid } })
        .reverse()
        .flatMap((a) =>
          a.verwerkteObjecten.map((o) => ({
            at: Date.parse(a.tijdstip),
            userId: a.gebruiker?.id ?? a.systeem,
            handeling: a.handelingNaam,
            ...(o.partijUuid !== undefined ? { partijUuid: o.partijUuid } : {}),
            ...(o.bsn !== undefined ? { bsn: o.bsn } : {}),
            categorieen: o.verwerkteSoortenGegevens.map((s) => s.soortGegeven),
            doel: a.doel,
            ...(a.contactId !== undefined ? { contactId: a.contactId } : {}),
            verwerkingActiviteit: a.verwerkingsactiviteitCode,
            gegevensbron: a.gegevensbron,
            betrokkenheid: o.betrokkenheid,
          })),
        );
    },
  };
}

/** A log on this database with a given audit key (tests and tools; the server wires `createAuditLog`). */
export function createSqliteVerwerkingenLog(
  db: Db,
  auditKey: Buffer,
  baseUrl = 'http://localhost',
): VerwerkingenLog {
  return verwerkingenLogFor(createAuditLog(db, { protection: createBsnProtection(auditKey), baseUrl }));
}
