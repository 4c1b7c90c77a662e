import { startOfDayAmsterdam } from '../audit/dates';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Amsterdam calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  return dayFormat.format(new Date(ms));
}

/** Epoch ms of local midnight starting the day of `ms`. */
export function localDayStart(ms: number): number {
  return startOfDayAmsterdam(localDay(ms));
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export { startOfDayAmsterdam };
