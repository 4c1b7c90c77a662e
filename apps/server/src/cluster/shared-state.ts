/**
 * Ephemeral state that every instance of the server sees: short-lived keys, single-use tokens, counters and
 * invalidation messages. In one process it is a map; in a cluster it is Redis (`KCC_REDIS_URL`). Nothing here is
 * durable: what must survive a restart of everything belongs in the database.
 *
 * TTLs only clean up. A deadline that matters (a code's 10 minutes, an invite's 5) is stored in the value and
 * compared with the server's injected clock, so tests move it and all instances agree on it.
 */
export interface SharedState {
  /** True when other instances see this state (Redis); false for the in-process map. */
  readonly shared: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Atomic: stores only when the key does not exist; true when this call stored it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Atomic: replaces the value only when it is still `expected`; true when this call replaced it. */
  compareAndSet(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  /** Atomic get-and-delete: of two callers at the same moment, one gets the value and the other undefined. */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** Atomic increment; a new counter starts at 1 and expires `ttlMs` after its first increment. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** To every subscriber of `channel` on every instance, this one included. */
  publish(channel: string, message: string): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
