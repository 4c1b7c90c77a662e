/**
 * Dates and datetimes as Django REST framework parses them in Open Klant (USE_TZ, TIME_ZONE Europe/Amsterdam):
 * ISO 8601 with or without a zone; a datetime without zone is Amsterdam local time.
 */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function parseApiDate(value: string): string | undefined {
  const m = DATE_RE.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? value : undefined;
}

/** The instant a request datetime names, or undefined when it is not a valid datetime. */
export function parseApiDateTime(value: string): Date | undefined {
  const m = DATETIME_RE.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, frac, zone] = [
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    m[7] ?? '0',
    m[8],
  ];
  if (!parseApiDate(`${m[1]}-${m[2]}-${m[3]}`) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (zone === undefined) return new Date(wall - amsterdamOffsetMs(wall));
  if (zone.toUpperCase() === 'Z') return new Date(wall);
  const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offset = (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * 60_000 * (zm[1] === '-' ? -1 : 1);
  return new Date(wall - offset);
}

const AMSTERDAM = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Offset of Europe/Amsterdam at the instant whose Amsterdam wall-clock time is `wallUtcMs` (read as UTC). */
function amsterdamOffsetMs(wallUtcMs: number): number {
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(AMSTERDAM.formatToParts(instant).map((p) => [p.type, p.value]));
    const asUtc = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
  // Two passes settle the offset around the DST switches.
  const first = offsetAt(wallUtcMs);
  return offsetAt(wallUtcMs - first);
}
