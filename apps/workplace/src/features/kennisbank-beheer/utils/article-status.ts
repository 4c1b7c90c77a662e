import type { ArticleSummary } from '@kcc/contracts/kennisbank';
import { formatDate } from '../../../lib/format';

export type ArticleStatus = 'concept' | 'gepland' | 'gepubliceerd' | 'verlopen';

export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = {
  concept: 'Concept',
  gepland: 'Gepland',
  gepubliceerd: 'Gepubliceerd',
  verlopen: 'Verlopen',
};

const DAY_MS = 24 * 60 * 60 * 1000;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date-only `validUntil` lasts through that whole day (the contract's rule); a date-time is the last moment. */
function endMs(validUntil: string): number {
  return CALENDAR_DATE.test(validUntil)
    ? Date.parse(`${validUntil}T00:00:00Z`) + DAY_MS
    : Date.parse(validUntil);
}

function startMs(validFrom: string): number {
  return Date.parse(CALENDAR_DATE.test(validFrom) ? `${validFrom}T00:00:00Z` : validFrom);
}

/** What medewerkers see of an article now: published alone is not enough, its validity counts too. */
export function articleStatus(
  item: Pick<ArticleSummary, 'published' | 'validFrom' | 'validUntil'>,
  now: number,
): ArticleStatus {
  if (!item.published) return 'concept';
  if (item.validUntil && now >= endMs(item.validUntil)) return 'verlopen';
  if (item.validFrom && now < startMs(item.validFrom)) return 'gepland';
  return 'gepubliceerd';
}

/** "Altijd", "vanaf 1 dec 2026", "t/m 31 dec 2026" or "1 dec 2026 t/m 31 dec 2026". */
export function validityText(item: Pick<ArticleSummary, 'validFrom' | 'validUntil'>): string {
  const { validFrom, validUntil } = item;
  if (validFrom && validUntil) return `${formatDate(validFrom)} t/m ${formatDate(validUntil)}`;
  if (validFrom) return `vanaf ${formatDate(validFrom)}`;
  if (validUntil) return `t/m ${formatDate(validUntil)}`;
  return 'Altijd';
}
