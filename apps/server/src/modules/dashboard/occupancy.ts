import { PRESENCES, type Presence } from '@kcc/contracts/domain';
import type { StoredAgentEvent, StoredContactEvent } from './contact-fold';
import { RECENT_WINDOW_MS } from './live-stats';

const MINUTE = 60_000;
const RECENT_MINUTES = RECENT_WINDOW_MS / MINUTE;

/** Agent time of one window (docs/service-level.md, "Occupancy"). */
export interface OccupancyTotals {
  /** In gesprek (beschikbaar and holding a contact) or in nawerk, ms. */
  busyMs: number;
  /** Beschikbaar, in gesprek or in nawerk (pauze, niet-reagerend and offline excluded), ms. */
  availableMs: number;
}

export const emptyOccupancy = (): OccupancyTotals => ({ busyMs: 0, availableMs: 0 });

/** Agent time of one window, with the busy time split over the queues whose contacts it was spent on. */
interface Bucket extends OccupancyTotals {
  busyByQueue: Map<string, number>;
}

const emptyBucket = (): Bucket => ({ busyMs: 0, availableMs: 0, busyByQueue: new Map() });

/** busy / available, null when no agent was available in the window. */
export function occupancyRatio(t: OccupancyTotals): number | null {
  return t.availableMs > 0 ? Math.min(1, t.busyMs / t.availableMs) : null;
}

interface AgentTrack {
  presence: Presence;
  /** Contacts the agent holds (assigned … closed, or until it lets go), with their queue when known. */
  held: Map<string, string | undefined>;
  /** The queue of the contact the agent let go of last: its nawerk counts for that queue. */
  nawerkQueue?: string;
  /** Start of the segment in which presence and held did not change. */
  since: number;
  today: Bucket;
  /** Per epoch minute, for the recent window. */
  minutes: Map<number, Bucket>;
}

type Kind = 'busy' | 'idle' | 'away';

function kindOf(t: AgentTrack): Kind {
  if (t.presence === 'nawerk') return 'busy';
  if (t.presence === 'beschikbaar') return t.held.size > 0 ? 'busy' : 'idle';
  return 'away';
}

const isPresence = (v: unknown): v is Presence => (PRESENCES as readonly unknown[]).includes(v);

/** The queues a busy segment counts for: the held contacts' queues in equal shares, else the nawerk's queue. */
function busyQueues(t: AgentTrack): string[] {
  if (t.held.size > 0) return [...t.held.values()].filter((q): q is string => q !== undefined);
  return t.presence === 'nawerk' && t.nawerkQueue !== undefined ? [t.nawerkQueue] : [];
}

function addTime(bucket: Bucket, ms: number, busy: readonly string[] | null): void {
  bucket.availableMs += ms;
  if (busy === null) return;
  bucket.busyMs += ms;
  for (const q of busy) bucket.busyByQueue.set(q, (bucket.busyByQueue.get(q) ?? 0) + ms / busy.length);
}

/** Adds a bucket to a sum: all busy time, or only the time spent on one queue's contacts. */
function addBucket(sum: OccupancyTotals, bucket: Bucket, queueId: string | undefined): void {
  sum.availableMs += bucket.availableMs;
  sum.busyMs += queueId === undefined ? bucket.busyMs : (bucket.busyByQueue.get(queueId) ?? 0);
}

/** Contact events after which the agent holding the contact no longer holds it. */
const RELEASES = new Set(['closed', 'requeued', 'queued', 'abandoned', 'reopened', 'removed']);

/**
 * Occupancy (bezettingsgraad) per agent from the event log: presence from `agent_events` (`presence-changed`),
 * contacts held from `contact_events` (`assigned`/`restored` … `closed`). Time is accrued per agent in segments
 * of unchanged state, into today's total and per-minute buckets for the recent window; the open segment is
 * added when read. Busy time is also kept per queue (split over the held contacts' queues, nawerk for the queue
 * of the contact just let go), so a queue's occupancy is the share of its team's time spent on its own contacts.
 * Events must come in time order (the caller merges both logs by time).
 */
export class OccupancyTracker {
  private readonly agents = new Map<string, AgentTrack>();
  private readonly holders = new Map<string, string>();

  constructor(private dayStart: number) {}

  /** A new day: accrue everyone up to midnight (the recent window keeps it), then start today at 0. */
  reset(dayStart: number): void {
    for (const t of this.agents.values()) {
      this.accrue(t, dayStart);
      t.today = emptyBucket();
    }
    this.dayStart = dayStart;
  }

  /** The agent's presence at `at` without accruing anything before it (the state when a replay begins). */
  seedPresence(agentId: string, presence: Presence, at: number): void {
    const t = this.track(agentId, at);
    t.presence = presence;
    t.since = Math.max(t.since, at);
  }

  /** The presence the tracker holds for the agent (offline when it never saw one). */
  presenceOf(agentId: string): Presence {
    return this.agents.get(agentId)?.presence ?? 'offline';
  }

  /** Returns the agent whose figures changed, if any. */
  applyAgentEvent(e: StoredAgentEvent): string | undefined {
    if (e.type !== 'presence-changed') return undefined;
    const presence = e.data?.presence;
    if (!isPresence(presence)) return undefined;
    this.setPresence(e.agentId, presence, e.at);
    return e.agentId;
  }

  setPresence(agentId: string, presence: Presence, at: number): void {
    const t = this.track(agentId, at);
    this.accrue(t, at);
    t.presence = presence;
  }

  /** Returns the agents whose figures changed. `queueId`: the queue the contact is handled for, when known. */
  applyContactEvent(e: StoredContactEvent, queueId?: string): string[] {
    const holder = this.holders.get(e.contactId);
    if ((e.type === 'assigned' || e.type === 'restored') && e.agentId !== undefined) {
      if (holder === e.agentId) return [];
      if (holder !== undefined) this.release(holder, e.contactId, e.at);
      const t = this.track(e.agentId, e.at);
      this.accrue(t, e.at);
      t.held.set(e.contactId, queueId);
      this.holders.set(e.contactId, e.agentId);
      return holder !== undefined ? [holder, e.agentId] : [e.agentId];
    }
    if (holder === undefined) return [];
    // A warm transfer offers the held contact to a colleague: the holder lets go of it then.
    const letGo = RELEASES.has(e.type) || (e.type === 'offered' && e.agentId !== holder);
    if (!letGo) return [];
    this.release(holder, e.contactId, e.at);
    return [holder];
  }

  /** Today's totals of these agents up to `now`; with `queueId`, busy only on that queue's contacts. */
  today(agentIds: Iterable<string>, now: number, queueId?: string): OccupancyTotals {
    const sum = emptyOccupancy();
    for (const id of agentIds) {
      const t = this.agents.get(id);
      if (!t) continue;
      addBucket(sum, t.today, queueId);
      this.addOpen(sum, t, Math.max(t.since, this.dayStart), now, queueId);
    }
    return sum;
  }

  /** Totals of these agents in the recent window ending at `now` (the minutes LiveStats.recent uses). */
  recent(agentIds: Iterable<string>, now: number, queueId?: string): OccupancyTotals {
    const oldest = Math.floor(now / MINUTE) - RECENT_MINUTES + 1;
    const sum = emptyOccupancy();
    for (const id of agentIds) {
      const t = this.agents.get(id);
      if (!t) continue;
      for (const [key, c] of t.minutes) {
        if (key < oldest - 1) t.minutes.delete(key);
        else if (key >= oldest) addBucket(sum, c, queueId);
      }
      this.addOpen(sum, t, Math.max(t.since, oldest * MINUTE), now, queueId);
    }
    return sum;
  }

  private addOpen(sum: OccupancyTotals, t: AgentTrack, from: number, now: number, queueId?: string): void {
    const kind = kindOf(t);
    if (kind === 'away' || now <= from) return;
    sum.availableMs += now - from;
    if (kind !== 'busy') return;
    if (queueId === undefined) sum.busyMs += now - from;
    else {
      const queues = busyQueues(t);
      const mine = queues.filter((q) => q === queueId).length;
      if (mine > 0) sum.busyMs += ((now - from) * mine) / queues.length;
    }
  }

  private release(agentId: string, contactId: string, at: number): void {
    this.holders.delete(contactId);
    const t = this.agents.get(agentId);
    if (!t) return;
    this.accrue(t, at);
    const queueId = t.held.get(contactId);
    if (queueId !== undefined) t.nawerkQueue = queueId;
    t.held.delete(contactId);
  }

  private track(agentId: string, at: number): AgentTrack {
    let t = this.agents.get(agentId);
    if (!t) {
      t = { presence: 'offline', held: new Map(), since: at, today: emptyBucket(), minutes: new Map() };
      this.agents.set(agentId, t);
    }
    return t;
  }

  /** Close the segment [since, at) of the agent's current state. */
  private accrue(t: AgentTrack, at: number): void {
    if (at <= t.since) return; // events slightly out of time order: nothing to add
    const from = t.since;
    t.since = at;
    const kind = kindOf(t);
    if (kind === 'away') return;
    const busy = kind === 'busy' ? busyQueues(t) : null;
    const dayFrom = Math.max(from, this.dayStart);
    if (at > dayFrom) addTime(t.today, at - dayFrom, busy);
    if (t.minutes.size > RECENT_MINUTES + 2) {
      const stale = Math.floor(at / MINUTE) - RECENT_MINUTES - 1;
      for (const key of t.minutes.keys()) if (key < stale) t.minutes.delete(key);
    }
    // Only the last window's minutes can still be read.
    let cursor = Math.max(from, (Math.floor(at / MINUTE) - RECENT_MINUTES) * MINUTE);
    while (cursor < at) {
      const key = Math.floor(cursor / MINUTE);
      const end = Math.min(at, (key + 1) * MINUTE);
      let bucket = t.minutes.get(key);
      if (!bucket) {
        bucket = emptyBucket();
        t.minutes.set(key, bucket);
      }
      addTime(bucket, end - cursor, busy);
      cursor = end;
    }
  }
}

/** The occupancy fields of a window's figures (contracts `QueueWindowStats`). */
export function occupancyStats(t: OccupancyTotals): {
  occupancy: number | null;
  busyAgentSeconds: number;
  availableAgentSeconds: number;
} {
  return {
    occupancy: occupancyRatio(t),
    busyAgentSeconds: Math.round(t.busyMs / 1000),
    availableAgentSeconds: Math.round(t.availableMs / 1000),
  };
}
