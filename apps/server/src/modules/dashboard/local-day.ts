import { startOfDayAmsterdam } from '../audit/dates';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The last day asked for, [start, end): most calls fall in it, and Intl formatting is slow on hot paths. */
let cached: { day: string; start: number; end: number } | undefined;

function dayOf(ms: number): { day: string; start: number; end: number } {
  if (cached && ms >= cached.start && ms < cached.end) return cached;
  const day = dayFormat.format(new Date(ms));
  const entry = { day, start: startOfDayAmsterdam(day), end: startOfDayAmsterdam(addDays(day, 1)) };
  cached = entry;
  return entry;
}

/** The Europe/Amsterdam calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  return dayOf(ms).day;
}

/** Epoch ms of local midnight starting the day of `ms`. */
export function localDayStart(ms: number): number {
  return dayOf(ms).start;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export { startOfDayAmsterdam };
