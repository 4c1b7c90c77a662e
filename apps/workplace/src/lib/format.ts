const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });

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
