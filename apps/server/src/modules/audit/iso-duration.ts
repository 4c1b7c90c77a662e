const DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?$/;

/** Whether `value` is an ISO 8601 duration of whole years, months, weeks and days (P2Y, P6M, P1Y6M, P30D). */
export function isIsoDuration(value: string): boolean {
  return value !== 'P' && DURATION.test(value);
}

/**
 * `at` plus an ISO 8601 duration of years, months, weeks and days, by the calendar in UTC (P1M from 31 January is
 * 3 March, as Date does it); undefined for anything else, so an unknown term never makes data expire.
 */
export function addIsoDuration(at: number, duration: string): number | undefined {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P') return undefined;
  const [, years, months, weeks, days] = m;
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() + Number(years ?? 0), d.getUTCMonth() + Number(months ?? 0));
  d.setUTCDate(d.getUTCDate() + Number(weeks ?? 0) * 7 + Number(days ?? 0));
  return d.getTime();
}

/** `at` minus an ISO 8601 duration (the moment before which data with that term has expired); see addIsoDuration. */
export function subtractIsoDuration(at: number, duration: string): number | undefined {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P') return undefined;
  const [, years, months, weeks, days] = m;
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - Number(years ?? 0), d.getUTCMonth() - Number(months ?? 0));
  d.setUTCDate(d.getUTCDate() - Number(weeks ?? 0) * 7 - Number(days ?? 0));
  return d.getTime();
}
