import type { ChannelName } from '@kcc/routing';

/** Channels ordered by a due time instead of arrival (servicenorm in working days). */
export const DUE_TIME_CHANNELS: ReadonlySet<ChannelName> = new Set(['email', 'webformulier']);

/**
 * `at` plus `days` working days (Monday–Friday, server local time), at the same time of day;
 * weekend days do not count.
 */
export function addWorkingDays(at: number, days: number): number {
  const d = new Date(at);
  let left = days;
  while (left > 0) {
    d.setDate(d.getDate() + 1);
    const day = d.getDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return d.getTime();
}
