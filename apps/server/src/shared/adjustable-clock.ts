import { systemClock, type CancelTimer, type Clock } from './clock';

interface Timer {
  due: number;
  fn: () => void;
  cancel: CancelTimer;
}

/**
 * The system clock, which an end-to-end test can move forward (never back) instead of waiting: timers that are due
 * after the move fire at once, the others keep waiting for what is left. Only for a server started with
 * KCC_TEST_CLOCK=1 in demo mode (`POST /api/test/clock`); in-process tests use `test-support/test-clock.ts`.
 */
export class AdjustableClock implements Clock {
  private offset = 0;
  private readonly timers = new Set<Timer>();

  now(): number {
    return Date.now() + this.offset;
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    const timer: Timer = { due: this.now() + ms, fn, cancel: () => undefined };
    this.timers.add(timer);
    this.wait(timer);
    return () => {
      timer.cancel();
      this.timers.delete(timer);
    };
  }

  advance(ms: number): void {
    this.offset += Math.max(0, ms);
    for (const timer of [...this.timers].sort((a, b) => a.due - b.due)) {
      timer.cancel();
      if (timer.due <= this.now()) this.fire(timer);
      else this.wait(timer);
    }
  }

  private wait(timer: Timer): void {
    timer.cancel = systemClock.setTimer(timer.due - this.now(), () => this.fire(timer));
  }

  private fire(timer: Timer): void {
    if (this.timers.delete(timer)) timer.fn();
  }
}
