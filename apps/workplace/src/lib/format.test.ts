import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatTime,
  maskBsn,
  maskedBsnLabel,
  secondsUntil,
} from './format';

describe('format', () => {
  it('formats durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(45.9)).toBe('0:45');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('counts down in whole seconds and never below zero', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(secondsUntil('2026-01-01T10:00:19.200Z', now)).toBe(20);
    expect(secondsUntil('2026-01-01T09:59:00Z', now)).toBe(0);
  });

  it('masks a BSN except its last three digits', () => {
    expect(maskBsn('999993653')).toBe('••••••653');
    expect(maskedBsnLabel('999993653')).toBe('BSN eindigend op 6 5 3');
  });

  it('shows Dutch dates and times in Europe/Amsterdam, whatever the zone of the PC', () => {
    // 22:30 UTC on 1 July is 00:30 on 2 July in Amsterdam (summer time).
    expect(formatTime('2026-07-01T22:30:00Z')).toBe('00:30');
    expect(formatDateTime('2026-07-01T22:30:00Z')).toMatch(/^2 jul 2026.* 00:30$/);
    expect(formatDate('2026-01-15T08:00:00Z')).toBe('15 jan 2026');
    // A calendar date stays that day.
    expect(formatDate('2026-12-31')).toBe('31 dec 2026');
    expect(formatDate('geen datum')).toBe('geen datum');
  });
});
