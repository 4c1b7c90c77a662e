const ZONE = 'Europe/Amsterdam';
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of Europe/Amsterdam from UTC at this instant, in ms (+1h in winter, +2h in summer). */
function zoneOffsetMs(utcMs: number): number {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Midnight at the start of a `YYYY-MM-DD` day in Europe/Amsterdam, as epoch ms. */
export function startOfDayAmsterdam(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`Geen datum: ${date}`);
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const guess = naive - zoneOffsetMs(naive);
  // Around a DST switch the offset at the guess can differ from the offset at naive: correct once.
  return naive - zoneOffsetMs(guess);
}

/** A period bound: a date means the start of that day (van) or the start of the next day (tot). */
export function periodBound(value: string | undefined, kind: 'van' | 'tot'): number | undefined {
  if (value === undefined) return undefined;
  if (!DATE_RE.test(value)) return Date.parse(value);
  const start = startOfDayAmsterdam(value);
  if (kind === 'van') return start;
  const [y, mo, d] = value.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
  return startOfDayAmsterdam(next);
}

/** An instant as local time in Europe/Amsterdam, `YYYY-MM-DD HH:mm:ss` (sorts as text, reads in a spreadsheet). */
export function localDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
