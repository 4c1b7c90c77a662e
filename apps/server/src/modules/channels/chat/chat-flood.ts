import type { CancelTimer, Clock } from '../../../shared/clock';
import { RateLimiter, type RateLimitResult, type RateLimitStore } from '../../rate-limit';
import type { ChatFloodLimits } from '../channels.config';

const MINUTE = 60_000;

/**
 * New `/citizen` connections and chat starts per IP and over all IPs per minute (issue 11 §3): a loop that
 * connects, starts a chat and disconnects fills the queue no more than a few residents would.
 */
export class ChatFloodLimiter {
  private readonly connectionsPerIp: RateLimiter;
  private readonly connections: RateLimiter;
  private readonly startsPerIp: RateLimiter;
  private readonly starts: RateLimiter;

  constructor(store: RateLimitStore, limits: ChatFloodLimits) {
    this.connectionsPerIp = new RateLimiter(store, 'chat-conn-ip', limits.connectionsPerIpPerMinute, MINUTE);
    this.connections = new RateLimiter(store, 'chat-conn', limits.connectionsPerMinute, MINUTE);
    this.startsPerIp = new RateLimiter(store, 'chat-start-ip', limits.startsPerIpPerMinute, MINUTE);
    this.starts = new RateLimiter(store, 'chat-start', limits.startsPerMinute, MINUTE);
  }

  async connection(ip: string): Promise<RateLimitResult> {
    return both(await this.connectionsPerIp.hit(ip), () => this.connections.hit('all'));
  }

  async start(ip: string): Promise<RateLimitResult> {
    return both(await this.startsPerIp.hit(ip), () => this.starts.hit('all'));
  }
}

/** The per-IP result first: a refused IP does not use up the total. */
async function both(perIp: RateLimitResult, total: () => Promise<RateLimitResult>): Promise<RateLimitResult> {
  return perIp.ok ? total() : perIp;
}

/**
 * Which conversations still have a resident connected. When the last socket of a conversation goes, a timer of
 * `graceMs` starts on the injected clock; a resume (page load, network hiccup) cancels it, and when it fires the
 * conversation is handed to `gone` (which drops it only while it is still waiting for an agent).
 */
export class ResidentPresence {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly timers = new Map<string, CancelTimer>();

  constructor(
    private readonly deps: { clock: Clock; graceMs: number; gone: (conversationId: string) => void },
  ) {}

  joined(conversationId: string, socketId: string): void {
    this.timers.get(conversationId)?.();
    this.timers.delete(conversationId);
    const set = this.sockets.get(conversationId) ?? new Set<string>();
    set.add(socketId);
    this.sockets.set(conversationId, set);
  }

  left(conversationId: string, socketId: string): void {
    const set = this.sockets.get(conversationId);
    if (!set?.delete(socketId) || set.size > 0) return;
    this.sockets.delete(conversationId);
    this.timers.get(conversationId)?.();
    this.timers.set(
      conversationId,
      this.deps.clock.setTimer(this.deps.graceMs, () => {
        this.timers.delete(conversationId);
        this.deps.gone(conversationId);
      }),
    );
  }

  /** Conversations waiting for their resident to come back (tests, metrics). */
  get awaiting(): number {
    return this.timers.size;
  }

  stop(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }
}
