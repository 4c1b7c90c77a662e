/**
 * At most `limit` hits per key within a sliding `windowMs`, synchronously and in memory. Only for per-socket flood
 * brakes inside `socket.use` (a socket lives in one process, and its packets are checked in order); every limit
 * that must hold across instances (per IP, per conversation, per user) uses `modules/rate-limit`.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records the hit when allowed; otherwise says how long to wait. */
  hit(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterMs: number } {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return { ok: false, retryAfterMs: Math.max(1, (list[0] ?? now) + this.windowMs - now) };
    }
    list.push(now);
    this.hits.set(key, list);
    return { ok: true };
  }

  forget(key: string): void {
    this.hits.delete(key);
  }

  /** Drop keys without recent hits (call now and then). */
  prune(now = Date.now()): void {
    const since = now - this.windowMs;
    for (const [key, list] of this.hits) {
      if ((list[list.length - 1] ?? 0) <= since) this.hits.delete(key);
    }
  }

  get size(): number {
    return this.hits.size;
  }
}
