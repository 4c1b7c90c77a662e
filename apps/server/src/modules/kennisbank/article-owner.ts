import type { ArticleType } from '@kcc/contracts/kennisbank';

/** How long an article stays correct without a check: the owner reviews it a year after a change. */
export const REVIEW_AFTER_MONTHS = 12;

/**
 * The default owner of an article by its type: the team that keeps it correct. A department's own
 * "wie doet wat" page is owned by that department. Editors may set another owner.
 */
export function defaultOwner(type: ArticleType, title: string): string {
  switch (type) {
    case 'afdeling':
      return title;
    case 'werkinstructie':
    case 'nieuws':
      return 'Teamleiders KCC';
    case 'meldingcategorie':
      return 'Openbare ruimte (beheer en onderhoud)';
    default:
      return 'Redactie kennisbank';
  }
}

/** The review date (YYYY-MM-DD) a year after `fromMs`. */
export function reviewDateAfter(fromMs: number): string {
  const d = new Date(fromMs);
  d.setUTCMonth(d.getUTCMonth() + REVIEW_AFTER_MONTHS);
  return d.toISOString().slice(0, 10);
}
