/** Cancels a timer made by `Clock.setTimer`; calling it again, or after the timer fired, does nothing. */
export type CancelTimer = () => void;

/**
 * Where the server reads the time and waits for its domain timers (offer deadlines, nawerk, overflow, callback
 * windows, disconnect grace). Injected into `createServer`, so tests advance time instead of sleeping.
 * Short I/O coalescing delays (push batching, throttles) stay on the event loop's own timers.
 */
export interface Clock {
  now(): number;
  setTimer(ms: number, fn: () => void): CancelTimer;
}

/** setTimeout cannot wait longer than ~24.8 days; a longer timer wakes up hourly and waits again. */
const MAX_TIMER_DELAY_MS = 3600_000;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const due = Date.now() + ms;
    let handle: NodeJS.Timeout;
    const wait = () => {
      const left = due - Date.now();
      handle = setTimeout(
        left > MAX_TIMER_DELAY_MS ? wait : fn,
        Math.min(Math.max(0, left), MAX_TIMER_DELAY_MS),
      );
    };
    wait();
    return () => clearTimeout(handle);
  },
};
