import { z } from 'zod';
import { IsoDateTime } from './domain';

export const RetentionKind = z.enum(['contacten', 'transcripten', 'bijlagen', 'verwerkingenlog']);
export type RetentionKind = z.infer<typeof RetentionKind>;

/** One kind of data in a retention report or run. */
export const RetentionKindResult = z.object({
  kind: RetentionKind,
  /** ISO 8601 duration, e.g. P1Y. */
  term: z.string(),
  /** Data from before this moment has passed its term (contacts: closed before it; the log: its own term too). */
  cutoff: IsoDateTime,
  /** Contacts (or log actions) past their term that a run handles or handled. */
  expired: z.number().int().nonnegative(),
  /** Rows changed or removed (0 in a dry run). */
  removed: z.number().int().nonnegative(),
});
export type RetentionKindResult = z.infer<typeof RetentionKindResult>;

export const RetentionRun = z.object({
  at: IsoDateTime,
  dryRun: z.boolean(),
  kinds: z.array(RetentionKindResult),
});
export type RetentionRun = z.infer<typeof RetentionRun>;

/** `GET /api/beheer/bewaartermijnen`: the terms, what a run would do now (dry run), the last run and the next. */
export const RetentionOverview = z.object({
  terms: z.record(RetentionKind, z.string()),
  nextRunAt: IsoDateTime,
  lastRun: RetentionRun.nullable(),
  dryRun: RetentionRun,
});
export type RetentionOverview = z.infer<typeof RetentionOverview>;
