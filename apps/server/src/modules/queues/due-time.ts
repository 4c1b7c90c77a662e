import type { ChannelName } from '@kcc/routing';

/** Channels ordered by a due time instead of arrival (servicenorm in working days). */
export const DUE_TIME_CHANNELS: ReadonlySet<ChannelName> = new Set(['email', 'webformulier']);

const DAY_MS = 24 * 3600 * 1000;

/** Working days and holidays for due times (server local time). */
export interface WorkingCalendar {
  /** Days of the week that count (0 = Sunday … 6 = Saturday). */
  workingDays: ReadonlySet<number>;
  /** Dates that never count, as `YYYY-MM-DD`. */
  holidays: ReadonlySet<string>;
}

export const DEFAULT_CALENDAR: WorkingCalendar = {
  workingDays: new Set([1, 2, 3, 4, 5]),
  holidays: new Set(),
};

export function localDateKey(d: Date): string {
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

export function isWorkingDay(d: Date, calendar: WorkingCalendar = DEFAULT_CALENDAR): boolean {
  return calendar.workingDays.has(d.getDay()) && !calendar.holidays.has(localDateKey(d));
}

/**
 * `at` plus `days` working days at the same time of day; days outside the calendar's working days
 * (weekends by default) and its holidays do not count.
 */
export function addWorkingDays(
  at: number,
  days: number,
  calendar: WorkingCalendar = DEFAULT_CALENDAR,
): number {
  if (calendar.workingDays.size === 0) throw new Error('a calendar needs at least one working day');
  const d = new Date(at);
  let left = days;
  while (left > 0) {
    d.setDate(d.getDate() + 1);
    if (isWorkingDay(d, calendar)) left -= 1;
  }
  return d.getTime();
}

/**
 * The due time of a contact that arrives at `at` in a queue whose servicenorm is `withinSeconds`:
 * whole days count as working days (2 days → 2 working days), shorter norms as plain time.
 */
export function dueTimeFor(
  withinSeconds: number,
  at: number,
  calendar: WorkingCalendar = DEFAULT_CALENDAR,
): number {
  const ms = withinSeconds * 1000;
  if (ms < DAY_MS) return at + ms;
  return addWorkingDays(at, Math.round(ms / DAY_MS), calendar);
}

/**
 * Parse a day list such as `1-5` or `1,2,3,4,5,6` (ISO: 1 = Monday … 7 = Sunday) into JS day numbers.
 * Returns undefined when the text is not such a list.
 */
export function parseDayList(text: string): Set<number> | undefined {
  const days = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim())) {
    const range = /^([1-7])(?:-([1-7]))?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] !== undefined ? Number(range[2]) : from;
    if (to < from) return undefined;
    for (let i = from; i <= to; i++) days.add(i % 7);
  }
  return days.size > 0 ? days : undefined;
}
