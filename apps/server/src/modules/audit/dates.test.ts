import { describe, expect, it } from 'vitest';
import { localDateTime, periodBound, startOfDayAmsterdam } from './dates';

describe('period bounds in Europe/Amsterdam', () => {
  it('starts a day at local midnight in winter, summer and on the DST switch days', () => {
    expect(new Date(startOfDayAmsterdam('2024-01-15')).toISOString()).toBe('2024-01-14T23:00:00.000Z');
    expect(new Date(startOfDayAmsterdam('2024-07-01')).toISOString()).toBe('2024-06-30T22:00:00.000Z');
    expect(new Date(startOfDayAmsterdam('2024-03-31')).toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(new Date(startOfDayAmsterdam('2024-10-27')).toISOString()).toBe('2024-10-26T22:00:00.000Z');
  });

  it('makes "tot" a date inclusive (start of the next day) and takes date-times as given', () => {
    expect(new Date(periodBound('2024-12-31', 'tot')!).toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(new Date(periodBound('2024-03-30', 'tot')!).toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(periodBound('2024-05-01T10:00:00+02:00', 'van')).toBe(Date.parse('2024-05-01T08:00:00Z'));
    expect(periodBound(undefined, 'van')).toBeUndefined();
  });
});

describe('local date-time in Europe/Amsterdam', () => {
  it('writes an instant as local wall-clock time in winter and summer', () => {
    expect(localDateTime('2024-01-15T08:05:09.000Z')).toBe('2024-01-15 09:05:09');
    expect(localDateTime('2024-07-01T22:30:00Z')).toBe('2024-07-02 00:30:00');
    expect(localDateTime('geen datum')).toBe('geen datum');
  });
});
