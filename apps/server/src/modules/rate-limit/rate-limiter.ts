import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/**
 * Where the counters live. Memory counts per server process; Redis (`KCC_REDIS_URL`) shares them between the
 * instances of a cluster, so a limit holds whichever instance a caller reaches.
 */
export interface RateLimitStore {
  limiter(options: { keyPrefix: string; points: number; durationSec: number }): RateLimiterAbstract;
}

export const memoryRateLimitStore: RateLimitStore = {
  limiter: (options) => new RateLimiterMemory({ ...options, duration: options.durationSec }),
};

/**
 * Counters in Redis, shared by every instance. When Redis cannot be reached a per-process counter takes over
 * (the insurance limiter), so logins and chats keep working with limits per instance instead of failing.
 */
export function redisRateLimitStore(redis: Redis): RateLimitStore {
  return {
    limiter: (options) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `kcc:rl:${options.keyPrefix}`,
        points: options.points,
        duration: options.durationSec,
        insuranceLimiter: new RateLimiterMemory({ ...options, duration: options.durationSec }),
      }),
  };
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterMs: number };

/** At most `points` per key in a window of `windowMs` (a fixed window per key, started by its first hit). */
export class RateLimiter {
  private readonly counter: RateLimiterAbstract;

  constructor(
    store: RateLimitStore,
    readonly name: string,
    readonly points: number,
    readonly windowMs: number,
  ) {
    this.counter = store.limiter({
      keyPrefix: name,
      points,
      durationSec: Math.max(1, Math.ceil(windowMs / 1000)),
    });
  }

  /** Count one hit; refused when the window already holds `points` hits, with the time until it ends. */
  async hit(key: string): Promise<RateLimitResult> {
    try {
      await this.counter.consume(key);
      return { ok: true };
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        return { ok: false, retryAfterMs: Math.max(1, err.msBeforeNext) };
      }
      throw err;
    }
  }

  /** Would a hit be refused now? Counts nothing (for limits on failures, counted with `count`). */
  async check(key: string): Promise<RateLimitResult> {
    const res = await this.counter.get(key);
    if (!res || res.consumedPoints < this.points) return { ok: true };
    return { ok: false, retryAfterMs: Math.max(1, res.msBeforeNext) };
  }

  /** Count one hit, allowed or not (a failed login). */
  async count(key: string): Promise<void> {
    await this.counter.penalty(key);
  }

  async forget(key: string): Promise<void> {
    await this.counter.delete(key);
  }
}

export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
