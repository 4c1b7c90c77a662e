import { INTRADAY_INTERVAL_MINUTES, type IntradayInterval } from '@kcc/contracts/dashboard';
import type { ContactFact } from './contact-fold';
import { emptyCounters, serviceLevel, type Counters } from './service-level';

const INTERVAL_MS = INTRADAY_INTERVAL_MINUTES * 60_000;

interface Waiting {
  max: number;
  end: number;
}

interface QueueSeries {
  /** Contacts waiting now, as the facts tell it. */
  now: number;
  /** Per interval index: the most waiting at once and the number at its last change. */
  waiting: Map<number, Waiting>;
  /** Per interval index: arrivals and their outcomes. */
  counters: Map<number, Counters>;
}

/**
 * Waiting contacts and service level per 15-minute interval of today, per queue, folded from the same contact
 * facts as the live figures (so a restart rebuilds it from the event log). Waiting counts when it changes;
 * arrivals, answers and abandons count in the interval of the arrival, as in docs/service-level.md.
 */
export class IntradaySeries {
  private queues = new Map<string, QueueSeries>();

  constructor(private dayStart: number) {}

  /** A new day: empty intervals; contacts still waiting carry over. */
  reset(dayStart: number): void {
    this.dayStart = dayStart;
    for (const q of this.queues.values()) {
      q.waiting = new Map();
      q.counters = new Map();
    }
  }

  apply(f: ContactFact): void {
    switch (f.kind) {
      case 'arrived':
        this.count(f.queueId, f.arrivedAt, (c) => c.offered++);
        this.changeWaiting(f.queueId, f.arrivedAt, 1);
        return;
      case 'moved':
        this.count(f.fromQueueId, f.arrivedAt, (c) => c.offered--);
        this.count(f.toQueueId, f.arrivedAt, (c) => c.offered++);
        this.changeWaiting(f.fromQueueId, f.at, -1);
        this.changeWaiting(f.toQueueId, f.at, 1);
        return;
      case 'answered':
        this.count(f.queueId, f.arrivedAt, (c) => {
          c.answered++;
          if (f.withinNorm) c.answeredWithinNorm++;
        });
        this.changeWaiting(f.queueId, f.at, -1);
        return;
      case 'abandoned':
        this.count(f.queueId, f.arrivedAt, (c) => {
          if (f.short) c.offered--;
          else c.abandoned++;
        });
        this.changeWaiting(f.queueId, f.at, -1);
        return;
      default:
        return;
    }
  }

  /** Today's intervals of a queue, from midnight to the one that holds `now`. */
  intervals(queueId: string, now: number): IntradayInterval[] {
    const q = this.queues.get(queueId);
    const last = Math.floor((now - this.dayStart) / INTERVAL_MS);
    const out: IntradayInterval[] = [];
    let carried = 0;
    for (let i = 0; i <= last; i++) {
      const waiting = q?.waiting.get(i);
      const counters = q?.counters.get(i);
      out.push({
        start: new Date(this.dayStart + i * INTERVAL_MS).toISOString(),
        // an interval without changes had as many waiting as the end of the one before
        maxWaiting: waiting?.max ?? carried,
        offered: Math.max(0, counters?.offered ?? 0),
        serviceLevel: counters ? serviceLevel(counters) : null,
      });
      if (waiting) carried = waiting.end;
    }
    return out;
  }

  private series(queueId: string): QueueSeries {
    let q = this.queues.get(queueId);
    if (!q) {
      q = { now: 0, waiting: new Map(), counters: new Map() };
      this.queues.set(queueId, q);
    }
    return q;
  }

  private index(at: number): number | undefined {
    return at < this.dayStart ? undefined : Math.floor((at - this.dayStart) / INTERVAL_MS);
  }

  private count(queueId: string, arrivedAt: number, fn: (c: Counters) => void): void {
    const index = this.index(arrivedAt);
    if (index === undefined) return;
    const q = this.series(queueId);
    let c = q.counters.get(index);
    if (!c) {
      c = emptyCounters();
      q.counters.set(index, c);
    }
    fn(c);
  }

  private changeWaiting(queueId: string, at: number, delta: number): void {
    const q = this.series(queueId);
    const before = q.now;
    q.now = Math.max(0, q.now + delta);
    const index = this.index(at);
    if (index === undefined) return;
    const w = q.waiting.get(index) ?? { max: before, end: before };
    w.max = Math.max(w.max, q.now);
    w.end = q.now;
    q.waiting.set(index, w);
  }
}
