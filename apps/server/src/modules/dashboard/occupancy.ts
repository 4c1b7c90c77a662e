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

/** busy / available, null when no agent was available in the window. */
export function occupancyRatio(t: OccupancyTotals): number | null {
  return t.availableMs > 0 ? Math.min(1, t.busyMs / t.availableMs) : null;
}

interface AgentTrack {
  presence: Presence;
  /** Contacts the agent holds (assigned … closed, or until it lets go). */
  held: Set<string>;
  /** Start of the segment in which presence and held did not change. */
  since: number;
  today: OccupancyTotals;
  /** Per epoch minute, for the recent window. */
  minutes: Map<number, OccupancyTotals>;
}

type Kind = 'busy' | 'idle' | 'away';

function kindOf(t: AgentTrack): Kind {
  if (t.presence === 'nawerk') return 'busy';
  if (t.presence === 'beschikbaar') return t.held.size > 0 ? 'busy' : 'idle';
  return 'away';
}

const isPresence = (v: unknown): v is Presence => (PRESENCES as readonly unknown[]).includes(v);

/** Contact events after which the agent holding the contact no longer holds it. */
const RELEASES = new Set(['closed', 'requeued', 'queued', 'abandoned', 'reopened', 'removed']);

/**
 * Occupancy (bezettingsgraad) per agent from the event log: presence from `agent_events` (`presence-changed`),
 * contacts held from `contact_events` (`assigned`/`restored` … `closed`). Time is accrued per agent in segments
 * of unchanged state, into today's total and per-minute buckets for the recent window; the open segment is
 * added when read. Events must come in time order (the caller merges both logs by time).
 */
export class OccupancyTracker {
  private readonly agents = new Map<string, AgentTrack>();
  private readonly holders = new Map<string, string>();

  constructor(private dayStart: number) {}

  /** A new day: accrue everyone up to midnight (the recent window keeps it), then start today at 0. */
  reset(dayStart: number): void {
    for (const t of this.agents.values()) {
      this.accrue(t, dayStart);
      t.today = emptyOccupancy();
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

  /** Returns the agents whose figures changed. */
  applyContactEvent(e: StoredContactEvent): string[] {
    const holder = this.holders.get(e.contactId);
    if ((e.type === 'assigned' || e.type === 'restored') && e.agentId !== undefined) {
      if (holder === e.agentId) return [];
      if (holder !== undefined) this.release(holder, e.contactId, e.at);
      const t = this.track(e.agentId, e.at);
      this.accrue(t, e.at);
      t.held.add(e.contactId);
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

  /** Today's totals of these agents up to `now`. */
  today(agentIds: Iterable<string>, now: number): OccupancyTotals {
    const sum = emptyOccupancy();
    for (const id of agentIds) {
      const t = this.agents.get(id);
      if (!t) continue;
      sum.busyMs += t.today.busyMs;
      sum.availableMs += t.today.availableMs;
      this.addOpen(sum, t, Math.max(t.since, this.dayStart), now);
    }
    return sum;
  }

  /** Totals of these agents in the recent window ending at `now` (the minutes LiveStats.recent uses). */
  recent(agentIds: Iterable<string>, now: number): OccupancyTotals {
    const oldest = Math.floor(now / MINUTE) - RECENT_MINUTES + 1;
    const sum = emptyOccupancy();
    for (const id of agentIds) {
      const t = this.agents.get(id);
      if (!t) continue;
      for (const [key, c] of t.minutes) {
        if (key < oldest - 1) t.minutes.delete(key);
        else if (key >= oldest) {
          sum.busyMs += c.busyMs;
          sum.availableMs += c.availableMs;
        }
      }
      this.addOpen(sum, t, Math.max(t.since, oldest * MINUTE), now);
    }
    return sum;
  }

  private addOpen(sum: OccupancyTotals, t: AgentTrack, from: number, now: number): void {
    const kind = kindOf(t);
    if (kind === 'away' || now <= from) return;
    sum.availableMs += now - from;
    if (kind === 'busy') sum.busyMs += now - from;
  }

  private release(agentId: string, contactId: string, at: number): void {
    this.holders.delete(contactId);
    const t = this.agents.get(agentId);
    if (!t) return;
    this.accrue(t, at);
    t.held.delete(contactId);
  }

  private track(agentId: string, at: number): AgentTrack {
    let t = this.agents.get(agentId);
    if (!t) {
      t = { presence: 'offline', held: new Set(), since: at, today: emptyOccupancy(), minutes: new Map() };
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
    const busy = kind === 'busy';
    const dayFrom = Math.max(from, this.dayStart);
    if (at > dayFrom) {
      t.today.availableMs += at - dayFrom;
      if (busy) t.today.busyMs += at - dayFrom;
    }
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
        bucket = emptyOccupancy();
        t.minutes.set(key, bucket);
      }
      bucket.availableMs += end - cursor;
      if (busy) bucket.busyMs += end - cursor;
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
