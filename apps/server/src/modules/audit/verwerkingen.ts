import type { Gegevensbron, Handeling, VerwerkingsactiviteitCode } from '@kcc/contracts/verwerkingen';
import type { AuditLog } from './audit-log';

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
 * to the hash-chained audit log. It rejects when the entry cannot be stored: callers await it before they hand
 * out the data, and do not hand it out then (fail closed).
 */
export interface VerwerkingenLog {
  /** Resolves once the entry is committed; rejects when it cannot be stored. */
  log(v: Verwerking): Promise<void>;
  /** Entries about this partij, oldest first. */
  forPartij(partijUuid: string): Promise<Verwerking[]>;
}

export function verwerkingenLogFor(audit: AuditLog): VerwerkingenLog {
  return {
    async log(v) {
      await audit.record({
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
    async forPartij(partijUuid) {
      return (await audit.all({ subject: { partijUuid } })).reverse().flatMap((a) =>
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
