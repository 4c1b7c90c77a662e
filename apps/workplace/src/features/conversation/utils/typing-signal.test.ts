import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingSignal } from './typing-signal';

describe('createTypingSignal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends typing:true once per repeat interval while typing, then false after the idle time', () => {
    const sent: boolean[] = [];
    const signal = createTypingSignal(
      (t) => sent.push(t),
      { repeatMs: 3000, idleMs: 4000 },
      () => Date.now(),
    );
    for (let i = 0; i < 20; i += 1) {
      signal.input();
      vi.advanceTimersByTime(200); // 20 keystrokes over 4 s
    }
    // t=0 → true, t=3000 → true again; nothing else while typing goes on.
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(3799); // the last keystroke was at t=3800
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, true, false]);
  });

  it('stop() sends false only when true was sent, and only once', () => {
    const sent: boolean[] = [];
    const signal = createTypingSignal((t) => sent.push(t));
    signal.stop();
    expect(sent).toEqual([]);
    signal.input();
    signal.stop();
    signal.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });

  it('starts again with true right after a stop', () => {
    const sent: boolean[] = [];
    const signal = createTypingSignal((t) => sent.push(t));
    signal.input();
    signal.stop();
    signal.input();
    expect(sent).toEqual([true, false, true]);
    signal.dispose();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false, true]);
  });
});
