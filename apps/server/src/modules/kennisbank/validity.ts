const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** Start of a validity window in ms; no date: always started. */
export function validFromMs(value: string | undefined): number {
  if (value === undefined) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** End of a validity window in ms; a date-only value lasts through that whole day (UTC); no date: never ends. */
export function validUntilMs(value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return Number.POSITIVE_INFINITY;
  return DATE_ONLY.test(value) ? ms + DAY_MS - 1 : ms;
}

/** Published and inside its validity window at `now`. */
export function isLive(
  article: { published: boolean; validFrom?: string; validUntil?: string },
  now: number,
): boolean {
  return (
    article.published && validFromMs(article.validFrom) <= now && now <= validUntilMs(article.validUntil)
  );
}

/** The window as ISO date-times for the search engine (which compares instants). */
export function engineWindow(article: { validFrom?: string; validUntil?: string }): {
  validFrom?: string;
  validUntil?: string;
} {
  const from = validFromMs(article.validFrom);
  const until = validUntilMs(article.validUntil);
  return {
    ...(Number.isFinite(from) ? { validFrom: new Date(from).toISOString() } : {}),
    ...(Number.isFinite(until) ? { validUntil: new Date(until).toISOString() } : {}),
  };
}
