import { z } from 'zod';
import { IsoDateTime } from './domain';
import { Toestemming } from './toestemmingen';

/**
 * Verwerkingenlog (protocollering) DTOs, following the VNG Verwerkingenlogging model
 * (verwerkingsactie with verwerkte objecten; `verwerkingenlogging-bewerking.yaml` 0.9.0).
 */

/** What was done with the personal data (VNG `handelingNaam`). */
export const HANDELINGEN = ['inzien', 'zoeken', 'koppelen', 'aanmaken', 'exporteren'] as const;
export const Handeling = z.enum(HANDELINGEN);
export type Handeling = z.infer<typeof Handeling>;

/** Where the personal data came from (VNG `gegevensbron`). */
export const GEGEVENSBRONNEN = ['klantinteracties', 'brp', 'zaken', 'kvk', 'verwerkingenlog'] as const;
export const Gegevensbron = z.enum(GEGEVENSBRONNEN);
export type Gegevensbron = z.infer<typeof Gegevensbron>;

/** Codes of the processing activities in the municipality's register (the server holds the full register). */
export const VERWERKINGSACTIVITEIT_CODES = [
  'kcc-klantcontact-afhandelen',
  'kcc-terugbelverzoek',
  'kcc-integratie-klantinteracties',
  'privacy-inzageverzoek',
  'kcc-terugkoppeling',
] as const;
export const VerwerkingsactiviteitCode = z.enum(VERWERKINGSACTIVITEIT_CODES);
export type VerwerkingsactiviteitCode = z.infer<typeof VerwerkingsactiviteitCode>;

/*
 * Purposes (doelbinding) are `contact:<id>` or a code from KLANTBEELD_DOELEN (`./klantbeeld`) or
 * `inzageverzoek` (the privacy officer); the server maps each to a verwerkingsactiviteit.
 */

/** 11-proef for a BSN (9 digits; weights 9..2 and -1). */
export function isValidBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0 && value !== '000000000';
}
export const Bsn = z
  .string()
  .trim()
  .regex(/^[0-9]{9}$/, 'Een BSN heeft 9 cijfers')
  .refine(isValidBsn, 'Dit BSN klopt niet (11-proef)');

// ---------------------------------------------------------------- register
export const VerwerkingsactiviteitDto = z.object({
  id: z.uuid(),
  code: VerwerkingsactiviteitCode,
  naam: z.string(),
  doel: z.string(),
  grondslag: z.string(),
  /** ISO 8601 duration, e.g. `P2Y`. */
  bewaartermijn: z.string(),
  vertrouwelijkheid: z.enum(['normaal', 'vertrouwelijk']),
});
export type VerwerkingsactiviteitDto = z.infer<typeof VerwerkingsactiviteitDto>;
export const VerwerkingsactiviteitenResponse = z.object({ items: z.array(VerwerkingsactiviteitDto) });
export type VerwerkingsactiviteitenResponse = z.infer<typeof VerwerkingsactiviteitenResponse>;

// ---------------------------------------------------------------- log entries
export const VerwerktObjectDto = z.object({
  verwerktObjectId: z.uuid(),
  objecttype: z.literal('persoon'),
  /**
   * `BSN` when the BSN is known, otherwise `partij` (the Klantinteracties partij uuid), or `klantcontact` (its id)
   * for a resident who was not identified (an anonymous chat).
   */
  soortObjectId: z.enum(['BSN', 'partij', 'klantcontact']),
  objectId: z.string(),
  partijUuid: z.uuid().optional(),
  bsn: z.string().optional(),
  betrokkenheid: z.string(),
  verwerkteSoortenGegevens: z.array(z.object({ soortGegeven: z.string() })),
});
export type VerwerktObjectDto = z.infer<typeof VerwerktObjectDto>;

export const GebruikerDto = z.object({ id: z.string(), naam: z.string(), rol: z.string() });
export type GebruikerDto = z.infer<typeof GebruikerDto>;

export const VerwerkingsactieDto = z.object({
  actieId: z.uuid(),
  url: z.string(),
  actieNaam: z.string(),
  handelingNaam: Handeling,
  /** Name of the verwerkingsactiviteit (VNG `verwerkingNaam`). */
  verwerkingNaam: z.string(),
  verwerkingId: z.uuid(),
  verwerkingsactiviteitId: z.uuid(),
  verwerkingsactiviteitCode: VerwerkingsactiviteitCode,
  vertrouwelijkheid: z.enum(['normaal', 'vertrouwelijk']),
  bewaartermijn: z.string(),
  /** OIN of the municipality, when configured. */
  uitvoerder: z.string().optional(),
  /** `kcc-werkplek`, or `klantinteracties-api` for reads by an integration. */
  systeem: z.string(),
  /** Absent for system-to-system reads. */
  gebruiker: GebruikerDto.optional(),
  gegevensbron: Gegevensbron,
  /** `contact:<id>`, a KLANTBEELD_DOELEN code or `inzageverzoek`. */
  doel: z.string(),
  doelOmschrijving: z.string(),
  contactId: z.string().optional(),
  tijdstip: IsoDateTime,
  tijdstipRegistratie: IsoDateTime,
  /** Only the objects of the subject asked about (other residents in the same action are left out). */
  verwerkteObjecten: z.array(VerwerktObjectDto),
});
export type VerwerkingsactieDto = z.infer<typeof VerwerkingsactieDto>;

/** `YYYY-MM-DD` (a whole day in Europe/Amsterdam) or an ISO date-time with offset. */
export const AuditDate = z.union([z.iso.date(), IsoDateTime]);

const subjectFilter = {
  bsn: Bsn.optional(),
  partij: z.uuid().optional(),
  /** From (inclusive). */
  van: AuditDate.optional(),
  /** Up to (a date: through the end of that day; a date-time: exclusive). */
  tot: AuditDate.optional(),
};
const oneSubject = (q: { bsn?: string | undefined; partij?: string | undefined }) =>
  (q.bsn === undefined) !== (q.partij === undefined);
const oneSubjectMessage = { message: 'Geef een BSN of een partij op (precies één van beide)', path: ['bsn'] };

/** `GET /api/audit/verwerkingen` query. */
export const AuditQuery = z
  .object({
    ...subjectFilter,
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(oneSubject, oneSubjectMessage);
export type AuditQuery = z.infer<typeof AuditQuery>;

/** `GET /api/audit/verwerkingen` response: newest first. */
export const AuditListResponse = z.object({
  count: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(VerwerkingsactieDto),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;

/** `GET /api/audit/verwerkingen/export` query. */
export const AuditExportQuery = z
  .object({ ...subjectFilter, format: z.enum(['json', 'csv']).default('json') })
  .refine(oneSubject, oneSubjectMessage);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/** The JSON export (attachment) for an inzageverzoek. */
export const AuditExport = z.object({
  onderwerp: z.object({ bsn: z.string().optional(), partijUuid: z.string().optional() }),
  periode: z.object({ van: z.string().optional(), tot: z.string().optional() }),
  gegenereerdOp: IsoDateTime,
  aantal: z.number().int(),
  verwerkingsacties: z.array(VerwerkingsactieDto),
  /** The resident's toestemmingen with their full history (issue 15 §4): what, when, which channel, withdrawn when. */
  toestemmingen: z.array(Toestemming).optional(),
});
export type AuditExport = z.infer<typeof AuditExport>;

/** `GET /api/audit/verify` response. */
export const ChainStatus = z.object({
  ok: z.boolean(),
  /** Number of verwerkingsacties checked. */
  count: z.number().int(),
  /** Hash of the newest entry; record it elsewhere to detect a rewrite of the whole chain. */
  headHash: z.string(),
  checkedAt: IsoDateTime,
  /** Actions up to this seq were deleted after their bewaartermijn; the chain is checked from a signed checkpoint. */
  prunedUpTo: z.number().int().optional(),
  broken: z
    .object({
      seq: z.number().int(),
      reason: z.enum([
        'content-changed',
        'chain-broken',
        'row-missing',
        'tail-truncated',
        'orphan-object',
        'checkpoint-invalid',
      ]),
      melding: z.string(),
    })
    .optional(),
});
export type ChainStatus = z.infer<typeof ChainStatus>;
