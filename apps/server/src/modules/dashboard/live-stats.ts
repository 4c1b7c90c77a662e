import { SERVICE_LEVEL_DEFINITION } from '@kcc/contracts/dashboard';
import type { ContactFact } from './contact-fold';
import { addCounters, emptyCounters, type Counters } from './service-level';

const MINUTE = 60_000;
export const RECENT_WINDOW_MS = SERVICE_LEVEL_DEFINITION.recentWindowMinutes * MINUTE;
const RECENT_MINUTES = SERVICE_LEVEL_DEFINITION.recentWindowMinutes;

class QueueCounters {
  readonly today = emptyCounters();
  /** Per-minute buckets of the recent window, keyed by epoch minute. */
  private readonly minutes = new Map<number, Counters>();

  constructor(private readonly dayStart: number) {}

  bucket(at: number): Counters | undefined {
    return at >= this.dayStart ? this.today : undefined;
  }

  minute(at: number): Counters {
    const key = Math.floor(at / MINUTE);
    let c = this.minutes.get(key);
    if (!c) {
      c = emptyCounters();
      this.minutes.set(key, c);
    }
    return c;
  }

  /** Sum of the minutes in the recent window ending at `now`, and the window's real length. */
  recent(now: number): { counters: Counters; windowMs: number } {
    const current = Math.floor(now / MINUTE);
    const oldest = current - RECENT_MINUTES + 1;
    const sum = emptyCounters();
    for (const [key, c] of this.minutes) {
      if (key < oldest - 1) this.minutes.delete(key);
      else if (key >= oldest) addCounters(sum, c);
    }
    return { counters: sum, windowMs: Math.max(MINUTE, now - oldest * MINUTE) };
  }
}

export interface AgentCounters {
  handledToday: number;
  nietReagerendToday: number;
}

/**
 * Today's and the last 30 minutes' counters per queue, and per agent, from contact facts. Arrival-based figures
 * (offered, answered, abandoned, waits) count in the window of the contact's arrival; handle times in the window
 * the handling ended. A contact that arrived before midnight and was answered or abandoned today counts today,
 * on the day it ended (offered too), as in docs/service-level.md. A new day starts with empty counters.
 */
export class LiveStats {
  private queues = new Map<string, QueueCounters>();
  private agents = new Map<string, AgentCounters>();

  constructor(private dayStart: number) {}

  get day(): number {
    return this.dayStart;
  }

  reset(dayStart: number): void {
    this.dayStart = dayStart;
    this.queues = new Map();
    this.agents = new Map();
  }

  private queue(id: string): QueueCounters {
    let q = this.queues.get(id);
    if (!q) {
      q = new QueueCounters(this.dayStart);
      this.queues.set(id, q);
    }
    return q;
  }

  agent(id: string): AgentCounters {
    let a = this.agents.get(id);
    if (!a) {
      a = { handledToday: 0, nietReagerendToday: 0 };
      this.agents.set(id, a);
    }
    return a;
  }

  /** Apply one fact; returns the queue ids and agent ids whose figures changed. */
  apply(f: ContactFact, touched: { queues: Set<string>; agents: Set<string> }): void {
    const add = (queueId: string, at: number, fn: (c: Counters) => void) => {
      const q = this.queue(queueId);
      const day = q.bucket(at);
      if (day) fn(day);
      fn(q.minute(at));
      touched.queues.add(queueId);
    };
    /** Still waiting at midnight, ended today: it counts on the day it ended, as offered and with its outcome. */
    const carriedOver = (queueId: string, arrivedAt: number, endedAt: number, fn: (c: Counters) => void) => {
      if (arrivedAt >= this.dayStart || endedAt < this.dayStart) return;
      fn(this.queue(queueId).today);
      touched.queues.add(queueId);
    };
    switch (f.kind) {
      case 'arrived':
        add(f.queueId, f.arrivedAt, (c) => c.offered++);
        return;
      case 'moved':
        add(f.fromQueueId, f.arrivedAt, (c) => c.offered--);
        add(f.toQueueId, f.arrivedAt, (c) => c.offered++);
        return;
      case 'answered': {
        const answered = (c: Counters) => {
          c.answered++;
          if (f.withinNorm) c.answeredWithinNorm++;
          c.waitMsSum += f.waitMs;
        };
        add(f.queueId, f.arrivedAt, answered);
        carriedOver(f.queueId, f.arrivedAt, f.at, (c) => {
          c.offered++;
          answered(c);
        });
        if (f.agentId !== undefined) touched.agents.add(f.agentId);
        return;
      }
      case 'abandoned':
        add(f.queueId, f.arrivedAt, (c) => {
          if (f.short) {
            c.shortAbandoned++;
            c.offered--;
          } else c.abandoned++;
        });
        carriedOver(f.queueId, f.arrivedAt, f.at, (c) => {
          if (f.short) c.shortAbandoned++;
          else {
            c.offered++;
            c.abandoned++;
          }
        });
        return;
      case 'handled':
        add(f.queueId, f.at, (c) => {
          c.handled++;
          c.handleMsSum += f.handleMs;
        });
        if (f.agentId !== undefined) touched.agents.add(f.agentId);
        return;
      case 'finished':
        if (f.at >= this.dayStart) {
          this.agent(f.agentId).handledToday++;
          touched.agents.add(f.agentId);
        }
        return;
      default:
        return;
    }
  }

  agentWentNietReagerend(agentId: string, at: number): boolean {
    if (at < this.dayStart) return false;
    this.agent(agentId).nietReagerendToday++;
    return true;
  }

  today(queueId: string): Counters {
    return this.queues.get(queueId)?.today ?? emptyCounters();
  }

  recent(queueId: string, now: number): { counters: Counters; windowMs: number } {
    const q = this.queues.get(queueId);
    if (!q) return { counters: emptyCounters(), windowMs: RECENT_WINDOW_MS };
    return q.recent(now);
  }

  agentCounters(agentId: string): AgentCounters {
    return this.agents.get(agentId) ?? { handledToday: 0, nietReagerendToday: 0 };
  }
}
