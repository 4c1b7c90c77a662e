import type { CancelTimer, Clock } from '../src/shared/clock';

interface PendingTimer {
  due: number;
  delayMs: number;
  fn: () => void;
}

/**
 * A clock for tests: its timers fire only when the test calls `advance`, never on their own. So a test waits
 * for nothing: it advances past a deadline and the timer has run, synchronously, when `advance` returns.
 * By default it reads the wall clock plus however far the test advanced it (so time never runs backwards
 * against code that reads `Date.now()` itself); `frozenAt` makes it stand still except when advanced.
 */
export class TestClock implements Clock {
  private offset = 0;
  private readonly timers = new Set<PendingTimer>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: { frozenAt?: number } = {}) {}

  now(): number {
    return (this.options.frozenAt ?? Date.now()) + this.offset;
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    const timer: PendingTimer = { due: this.now() + ms, delayMs: ms, fn };
    this.timers.add(timer);
    for (const wake of this.waiters) wake();
    return () => {
      this.timers.delete(timer);
    };
  }

  /** Move time forward by `ms` and run, in order of their due time, the timers that are due by then. */
  advance(ms: number): void {
    this.offset += ms;
    for (;;) {
      const due = [...this.timers].filter((t) => t.due <= this.now()).sort((a, b) => a.due - b.due)[0];
      if (!due) return;
      this.timers.delete(due);
      due.fn();
    }
  }

  /** How many timers wait, optionally only those set with this delay. */
  pending(delayMs?: number): number {
    return [...this.timers].filter((t) => delayMs === undefined || t.delayMs === delayMs).length;
  }

  /** Resolves once a timer set with this delay is waiting: the server has reached the point that sets it. */
  whenPending(delayMs: number): Promise<void> {
    if (this.pending(delayMs) > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        if (this.pending(delayMs) === 0) return;
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }
}
