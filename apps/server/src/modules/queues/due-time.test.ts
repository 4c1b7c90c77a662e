import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueTimeFor, isWorkingDay, parseDayList } from './due-time';

const at = (s: string) => new Date(s).getTime();

describe('due times in working days', () => {
  it('skips weekends', () => {
    // Thursday 10:00 + 2 working days → Monday 10:00
    expect(new Date(addWorkingDays(at('2026-03-05T10:00:00'), 2)).toString()).toBe(
      new Date('2026-03-09T10:00:00').toString(),
    );
  });

  it('skips configured holidays as well', () => {
    const calendar = { workingDays: new Set([1, 2, 3, 4, 5]), holidays: new Set(['2026-04-06']) };
    // Friday 3 April + 2 working days, Easter Monday off → Wednesday 8 April
    expect(new Date(addWorkingDays(at('2026-04-03T09:00:00'), 2, calendar)).getDate()).toBe(8);
    expect(isWorkingDay(new Date('2026-04-06T12:00:00'), calendar)).toBe(false);
  });

  it('uses working days for day-long servicenormen and plain time for shorter ones', () => {
    const friday = at('2026-03-06T16:00:00');
    expect(new Date(dueTimeFor(2 * 86_400, friday)).getDate()).toBe(10);
    expect(dueTimeFor(3600, friday)).toBe(friday + 3600_000);
  });

  it('parses ISO day lists', () => {
    expect([...(parseDayList('1-5') ?? [])]).toEqual([1, 2, 3, 4, 5]);
    expect([...(parseDayList('6,7') ?? [])].sort()).toEqual([0, 6]);
    expect(parseDayList('0-5')).toBeUndefined();
    expect(parseDayList('5-1')).toBeUndefined();
    expect(parseDayList('ma-vr')).toBeUndefined();
  });
});
