/**
 * Public types of the routing engine. Pure data: times are epoch milliseconds supplied by the caller,
 * so the engine is deterministic and the simulator can drive it on a virtual clock.
 */

/** Channel names as plain strings (the same values as @kcc/contracts `Channel`). */
export type ChannelName =
  'telefoon' | 'chat' | 'email' | 'webformulier' | 'terugbelverzoek' | 'balie' | 'social';

export type Presence = 'beschikbaar' | 'pauze' | 'nawerk' | 'offline' | 'niet-reagerend';

export interface SkillRequirement {
  skill: string;
  minLevel: number;
}

export interface QueueConfig {
  id: string;
  name: string;
  channels: ChannelName[];
  requiredSkills: SkillRequirement[];
  /** Higher is more urgent. Contacts are ordered by priority, then by due time / age. */
  priority: number;
  /** Servicenorm, e.g. 80 % within 30 s. */
  servicenorm: { targetPercent: number; withinSeconds: number };
  /** How long an agent has to accept an offer. */
  acceptTimeoutMs: number;
  /** Nawerk after a contact of this queue is finished. */
  wrapUpMs: number;
  /** Move a contact that waited this long to another queue (keeps its original arrival time). */
  overflow?: { toQueueId: string; afterMs: number };
}

/** Capacity per channel. A channel that is absent has capacity 0 for this agent. */
export type Capacity = Partial<Record<ChannelName, number>>;

/** Defaults from the issue: telefoon 1 and exclusive, chat 3, e-mail 5. */
export const DEFAULT_CAPACITY: Readonly<Required<Capacity>> = {
  telefoon: 1,
  chat: 3,
  email: 5,
  webformulier: 5,
  terugbelverzoek: 1,
  balie: 1,
  social: 3,
};

/** Channels that are exclusive: while an agent holds one, no new contact of any other channel is offered. */
export const EXCLUSIVE_CHANNELS: ReadonlySet<ChannelName> = new Set(['telefoon']);

export interface AgentConfig {
  id: string;
  /** skill name → level (1..10). */
  skills: Record<string, number>;
  capacity: Capacity;
  /** Queues this agent serves. Empty or absent: every queue whose skill requirements the agent meets. */
  queueIds?: string[];
}

export interface ContactInput {
  id: string;
  queueId: string;
  channel: ChannelName;
  /** Added to the queue priority. Default 0. */
  priority?: number;
  /** When the contact arrived (its place in line; kept across decline, timeout, overflow and re-queue). */
  arrivedAt: number;
  /**
   * For e-mail, web forms and callbacks: ordered by this instead of arrival. For a callback request it is also
   * the moment it becomes routable (`notBefore`).
   */
  dueAt?: number;
  /** Not offered before this time (a callback request in its preferred window). */
  notBefore?: number;
}

export type RoutingEvent =
  | { type: 'queued'; contactId: string; queueId: string; at: number }
  | {
      type: 'offered';
      offerId: string;
      contactId: string;
      agentId: string;
      queueId: string;
      channel: ChannelName;
      at: number;
      expiresAt: number;
    }
  | { type: 'offer-expired'; offerId: string; contactId: string; agentId: string; at: number }
  | { type: 'offer-declined'; offerId: string; contactId: string; agentId: string; at: number }
  | { type: 'offer-withdrawn'; offerId: string; contactId: string; agentId: string; at: number }
  | { type: 'assigned'; offerId: string; contactId: string; agentId: string; at: number }
  | { type: 'requeued'; contactId: string; queueId: string; reason: RequeueReason; at: number }
  | { type: 'overflowed'; contactId: string; fromQueueId: string; toQueueId: string; at: number }
  | { type: 'removed'; contactId: string; reason: 'finished' | 'cancelled'; at: number }
  | {
      type: 'presence-changed';
      agentId: string;
      presence: Presence;
      previous: Presence;
      reason: PresenceReason;
      at: number;
    };

/**
 * Why a contact went back into a queue. `agent-unavailable`: the agent left 'beschikbaar' for pauze, nawerk or
 * niet-reagerend while an offer was pending (an addition to the original list).
 */
export type RequeueReason =
  'declined' | 'offer-timeout' | 'agent-offline' | 'agent-unavailable' | 'agent-disconnected' | 'transfer';
export type PresenceReason = 'agent' | 'missed-offer' | 'wrap-up-started' | 'wrap-up-ended' | 'system';

export type AcceptResult =
  | { ok: true; events: RoutingEvent[] }
  | { ok: false; error: 'expired' | 'taken' | 'not_found' | 'not_yours'; events: RoutingEvent[] };

export type OfferToResult =
  | { ok: true; offerId: string; events: RoutingEvent[] }
  | {
      ok: false;
      error: 'unknown_contact' | 'unknown_agent' | 'agent_not_ready' | 'already_with_agent';
      events: RoutingEvent[];
    };

/** Read-only views for statistics and the workplace. */
export interface QueueSnapshot {
  queueId: string;
  /** Routable contacts waiting for an agent (not counting offered ones). */
  waiting: number;
  /** Arrival time of the longest-waiting routable contact, if any. */
  oldestArrivedAt?: number;
  /** `now - oldestArrivedAt`, if any contact waits. */
  longestWaitMs?: number;
  /** Contacts not routable yet (`notBefore` in the future, e.g. a callback later today). */
  scheduled: number;
  /** Contacts of this queue with a pending offer. */
  offered: number;
  /** Contacts of this queue assigned to an agent. */
  assigned: number;
}

export interface AgentSnapshot {
  agentId: string;
  presence: Presence;
  presenceSince: number;
  /** Set while in nawerk. */
  wrapUpUntil?: number;
  /** Active (assigned) contacts per channel. */
  load: Partial<Record<ChannelName, number>>;
  activeContactIds: string[];
  pendingOfferIds: string[];
  /** Longest-idle ordering key: the last time the agent became beschikbaar, got an offer or was freed. */
  idleSince: number;
}
