import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdjustableClock } from './adjustable-clock';

afterEach(() => {
  vi.useRealTimers();
});

describe('AdjustableClock', () => {
  it('fires the timers a move makes due at once and in order; the others keep what is left of their wait', () => {
    vi.useFakeTimers();
    const clock = new AdjustableClock();
    const start = clock.now();
    const fired: string[] = [];
    clock.setTimer(10_000, () => fired.push('b'));
    clock.setTimer(5_000, () => fired.push('a'));
    clock.setTimer(60_000, () => fired.push('c'));
    const cancel = clock.setTimer(7_000, () => fired.push('cancelled'));
    cancel();

    clock.advance(20_000);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now() - start).toBe(20_000);
    vi.advanceTimersByTime(39_999);
    expect(fired).toEqual(['a', 'b']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a', 'b', 'c']);
  });

  it('never moves back', () => {
    vi.useFakeTimers();
    const clock = new AdjustableClock();
    const before = clock.now();
    clock.advance(-5_000);
    expect(clock.now()).toBe(before);
  });
});
