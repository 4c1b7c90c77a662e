/** The workplace serves a Dutch municipality: dates and times are shown in its time zone, wherever the PC is. */
export const TIME_ZONE = 'Europe/Amsterdam';

const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});
const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
// A calendar date (`2026-12-31`) is a day, not an instant: formatted as that day whatever the zone.
const calendarDateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `m:ss` or `h:mm:ss`; negative values count as zero. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function secondsSince(iso: string, now: number): number {
  return (now - Date.parse(iso)) / 1000;
}

export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** A calendar date (`2026-12-31`) or the day of a date-time, e.g. "31 dec 2026". */
export function formatDate(value: string): string {
  if (CALENDAR_DATE.test(value)) return calendarDateFormat.format(new Date(`${value}T00:00:00Z`));
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

/** Only the last three digits of a BSN are shown until the agent asks for the whole number. */
export function maskBsn(bsn: string): string {
  return bsn.length <= 3 ? '•'.repeat(bsn.length) : '•'.repeat(bsn.length - 3) + bsn.slice(-3);
}

/** Screen readers read "••••" badly: a spoken form of the masked BSN. */
export function maskedBsnLabel(bsn: string): string {
  return `BSN eindigend op ${bsn.slice(-3).split('').join(' ')}`;
}
