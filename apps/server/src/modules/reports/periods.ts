import type { ReportPeriod } from '@kcc/contracts/dashboard';
import { addDays, localDay } from '../dashboard/local-day';

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
const WEEKDAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const weekday = (day: string) => {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
};

/** ISO week number of a day (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: string): { year: number; week: number } {
  const thursday = addDays(day, 3 - ((weekday(day) + 6) % 7));
  const [y] = parts(thursday);
  const [ty, tm, td] = parts(thursday);
  const dayOfYear = (Date.UTC(ty, tm - 1, td) - Date.UTC(y, 0, 1)) / 86_400_000;
  return { year: y, week: Math.floor(dayOfYear / 7) + 1 };
}

/** First local day of the bucket a day falls in. */
export function bucketStart(day: string, period: ReportPeriod): string {
  if (period === 'day') return day;
  if (period === 'week') return addDays(day, -((weekday(day) + 6) % 7));
  return `${day.slice(0, 7)}-01`;
}

export function bucketLabel(start: string, period: ReportPeriod): string {
  const [y, m, d] = parts(start);
  if (period === 'day') return `${WEEKDAYS[weekday(start)]} ${d} ${MONTHS[m - 1]?.slice(0, 3)} ${y}`;
  if (period === 'week') {
    const w = isoWeek(start);
    return `week ${w.week} ${w.year}`;
  }
  return `${MONTHS[m - 1]} ${y}`;
}

/** Every bucket start from the bucket of `from` through the bucket of `to`, in order. */
export function bucketStarts(from: string, to: string, period: ReportPeriod): string[] {
  const starts: string[] = [];
  let day = from;
  while (day <= to) {
    const start = bucketStart(day, period);
    if (starts[starts.length - 1] !== start) starts.push(start);
    day = addDays(day, 1);
  }
  return starts;
}

export function bucketOf(ms: number, period: ReportPeriod): string {
  return bucketStart(localDay(ms), period);
}
