import { randomUUID } from 'node:crypto';
import type { AgentState } from '@kcc/contracts/domain';
import {
  RoutingEngine,
  type AgentConfig,
  type AgentSnapshot,
  type QueueConfig,
  type QueueSnapshot,
  type RoutingEvent,
} from '@kcc/routing';
import type { CancelTimer, Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';

export interface OfferRecord {
  offerId: string;
  contactId: string;
  agentId: string;
  expiresAt: number;
}

/** What became of a late accept: the engine remembers recently closed offers (expired or taken). */
export type AcceptError = 'expired' | 'taken' | 'not_found';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The one owner of the routing engine, its pending offers, its deadlines and what became of closed offers.
 * Every engine call goes through `run`, which hands the resulting events to the sink (the contact lifecycle
 * stores them) and then re-arms the single deadline timer on the injected clock.
 */
export class EngineAdapter {
  private readonly engine = new RoutingEngine({ idFactory: () => randomUUID() });
  private readonly offers = new Map<string, OfferRecord>();
  private cancelTimer: CancelTimer | undefined;
  private armedFor: number | undefined;
  private stopped = false;
  private sink: (events: RoutingEvent[], now: number) => Promise<void> = async () => undefined;

  /**
   * `command` runs a deadline as a command of its own: queued behind the running ones, in one unit of work
   * (`UnitOfWork.run`).
   */
  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly command: (fn: () => Promise<void>) => Promise<void>,
  ) {}

  /** Where the events of every engine call go (inside the caller's unit of work, before the timer is re-armed). */
  onEvents(sink: (events: RoutingEvent[], now: number) => Promise<void>): void {
    this.sink = sink;
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Call the engine, keep the offers in step with its events, store them, and re-arm the deadline timer. Runs
   * inside a command (one unit of work, one command at a time), so the engine and the store see the same order.
   * The engine step is not undone when storing fails: that is logged (docs/decisions.md, issue 10 §2 routing).
   */
  async run(fn: (engine: RoutingEngine, now: number) => RoutingEvent[]): Promise<void> {
    const now = this.clock.now();
    try {
      const events = fn(this.engine, now);
      this.track(events);
      try {
        await this.sink(events, now);
      } catch (err) {
        this.log.error({ err, events: events.map((e) => e.type) }, 'routing engine ahead of the store');
        throw err;
      }
    } finally {
      this.arm();
    }
  }

  /** Engine calls that change nothing outside the engine (startup, restore). */
  configure(fn: (engine: RoutingEngine, now: number) => void): void {
    fn(this.engine, this.clock.now());
  }

  addQueue(config: QueueConfig): void {
    this.engine.upsertQueue(config);
  }

  async accept(
    offerId: string,
    agentId: string,
  ): Promise<{ ok: true; contactId: string } | { ok: false; error: AcceptError }> {
    const contactId = this.offers.get(offerId)?.contactId;
    let outcome: { ok: true; contactId: string } | { ok: false; error: AcceptError } = {
      ok: false,
      error: 'not_found',
    };
    await this.run((engine, now) => {
      // The engine first processes a deadline that passed but whose timer has not fired yet: a late accept
      // is then `expired`, answered from the engine's memory of closed offers.
      const result = engine.accept(offerId, agentId, now);
      if (result.ok && contactId !== undefined) outcome = { ok: true, contactId };
      else if (!result.ok && (result.error === 'expired' || result.error === 'taken'))
        outcome = { ok: false, error: result.error };
      return result.events;
    });
    return outcome;
  }

  offer(offerId: string): OfferRecord | undefined {
    return this.offers.get(offerId);
  }

  offersFor(agentId: string): OfferRecord[] {
    const now = this.clock.now();
    return [...this.offers.values()].filter((o) => o.agentId === agentId && o.expiresAt > now);
  }

  agentState(agentId: string): AgentState {
    const snap = this.engine.agentSnapshot(agentId);
    if (!snap) return { presence: 'offline', since: iso(this.clock.now()) };
    return {
      presence: snap.presence,
      since: iso(snap.presenceSince),
      ...(snap.wrapUpUntil !== undefined ? { nawerkUntil: iso(snap.wrapUpUntil) } : {}),
    };
  }

  agentSnapshot(agentId: string): AgentSnapshot | undefined {
    return this.engine.agentSnapshot(agentId);
  }

  activeContactIds(agentId: string): string[] {
    return this.engine.agentSnapshot(agentId)?.activeContactIds ?? [];
  }

  queueSnapshot(queueId: string, now = this.clock.now()): QueueSnapshot {
    return this.engine.queueSnapshot(queueId, now);
  }

  upsertAgent(config: AgentConfig): Promise<void> {
    return this.run((engine, now) => engine.upsertAgent(config, now));
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  private track(events: RoutingEvent[]): void {
    for (const e of events) {
      if (e.type === 'offered') {
        this.offers.set(e.offerId, {
          offerId: e.offerId,
          contactId: e.contactId,
          agentId: e.agentId,
          expiresAt: e.expiresAt,
        });
      } else if (
        e.type === 'offer-expired' ||
        e.type === 'offer-declined' ||
        e.type === 'offer-withdrawn' ||
        e.type === 'assigned'
      ) {
        this.offers.delete(e.offerId);
      }
    }
  }

  /** One timer, on the engine's next deadline. */
  arm(): void {
    if (this.stopped) return;
    const next = this.engine.nextDeadline();
    if (next === this.armedFor && this.cancelTimer !== undefined) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.armedFor = next;
    if (next === undefined) return;
    this.cancelTimer = this.clock.setTimer(Math.max(0, next - this.clock.now()), () => {
      this.cancelTimer = undefined;
      this.armedFor = undefined;
      this.command(() => this.run((engine, now) => engine.advance(now))).catch((err: unknown) =>
        this.log.error({ err }, 'routing timer failed'),
      );
    });
  }
}
