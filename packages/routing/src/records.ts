/** Internal mutable state of the engine. Not exported from the package. */
import type { IndexedHeap } from './heap';
import type { AgentConfig, ChannelName, Presence, QueueConfig } from './types';
import { EXCLUSIVE_CHANNELS } from './types';

export const ALL_CHANNELS: readonly ChannelName[] = [
  'telefoon',
  'chat',
  'email',
  'webformulier',
  'terugbelverzoek',
  'balie',
  'social',
];

export type ChannelCounts = Record<ChannelName, number>;

export function emptyCounts(): ChannelCounts {
  return { telefoon: 0, chat: 0, email: 0, webformulier: 0, terugbelverzoek: 0, balie: 0, social: 0 };
}

export interface QueueRec {
  config: QueueConfig;
  /** One routing group per channel that ever had a contact in this queue. */
  groups: Map<ChannelName, Group>;
  waiting: number;
  scheduled: number;
  offered: number;
  assigned: number;
}

/** Waiting contacts of one queue and channel, plus the agents that could take them. */
export interface Group {
  queue: QueueRec;
  channel: ChannelName;
  contacts: IndexedHeap<ContactRec>;
  members: Map<AgentRec, Membership>;
  /** Members that can take an offer on this channel now, longest idle first. */
  ready: IndexedHeap<Membership>;
  /** Members whose presence is 'beschikbaar' or 'nawerk' (used by the decline rule). */
  working: number;
  /** Scratch output of the matcher. */
  matchContact: ContactRec | undefined;
  matchAgent: AgentRec | undefined;
}

/** One agent in one group; lives in the group's ready heap while the agent can take an offer there. */
export interface Membership {
  agent: AgentRec;
  group: Group;
  heapIndex: number;
  /** Copy of agent.idleSince at the time of the last heap update (the heap key). */
  idleSince: number;
  seq: number;
}

export type DeadlineKind = 'offer' | 'wrap' | 'overflow' | 'activate';

export interface Deadline {
  at: number;
  seq: number;
  kind: DeadlineKind;
  heapIndex: number;
  offer: OfferRec | undefined;
  agent: AgentRec | undefined;
  contact: ContactRec | undefined;
  token: number;
}

export type ContactStateName = 'scheduled' | 'waiting' | 'offered' | 'assigned';

export interface ContactRec {
  id: string;
  channel: ChannelName;
  priority: number;
  arrivedAt: number;
  /** dueAt when present, else arrivedAt. */
  orderAt: number;
  notBefore: number | undefined;
  /** Insertion sequence: last tie-breaker, kept across re-queues. */
  seq: number;
  queue: QueueRec;
  /** When the contact entered its current queue (overflow clock). */
  queueEnteredAt: number;
  state: ContactStateName;
  heapIndex: number;
  /** Bumped on every placement; deadline entries carry it so stale ones are ignored. */
  token: number;
  /** Pending activation or overflow deadline. */
  deadline: Deadline | undefined;
  offer: OfferRec | undefined;
  agent: AgentRec | undefined;
  /** Agents who declined this contact (decline rule); undefined when none. */
  declinedBy: Set<AgentRec> | undefined;
}

export interface OfferRec {
  id: string;
  contact: ContactRec;
  agent: AgentRec;
  channel: ChannelName;
  createdAt: number;
  expiresAt: number;
  open: boolean;
  deadline: Deadline | undefined;
}

export interface AgentRec {
  id: string;
  seq: number;
  config: AgentConfig;
  queueIds: Set<string> | undefined;
  presence: Presence;
  presenceSince: number;
  /** Presence to return to when nawerk ends. */
  resumePresence: Presence;
  wrapUpUntil: number | undefined;
  wrapToken: number;
  wrapDeadline: Deadline | undefined;
  active: ChannelCounts;
  reserved: ChannelCounts;
  /** Active or reserved contacts in an exclusive channel (telefoon). */
  exclusiveHeld: number;
  activeContacts: Set<ContactRec>;
  pendingOffers: Set<OfferRec>;
  /** See README: the last moment the agent became available, got an offer, or was freed from a contact. */
  idleSince: number;
  groups: Map<Group, Membership>;
  removed: boolean;
}

export function capacityOf(agent: AgentRec, channel: ChannelName): number {
  return agent.config.capacity[channel] ?? 0;
}

export function isWorking(agent: AgentRec): boolean {
  return agent.presence === 'beschikbaar' || agent.presence === 'nawerk';
}

/** Can this agent receive a new offer on this channel right now? */
export function isReadyFor(agent: AgentRec, channel: ChannelName): boolean {
  if (agent.presence !== 'beschikbaar' || agent.exclusiveHeld > 0) return false;
  const capacity = agent.config.capacity[channel] ?? 0;
  const used = agent.active[channel] + agent.reserved[channel];
  if (EXCLUSIVE_CHANNELS.has(channel)) return capacity > 0 && used === 0 && agent.pendingOffers.size === 0;
  return used < capacity;
}

/** Does the agent qualify for (queue, channel) by configuration: queue membership, skills, channel capacity? */
export function qualifies(agent: AgentRec, queue: QueueConfig, channel: ChannelName): boolean {
  if (capacityOf(agent, channel) <= 0) return false;
  if (agent.queueIds && !agent.queueIds.has(queue.id)) return false;
  for (const requirement of queue.requiredSkills) {
    if ((agent.config.skills[requirement.skill] ?? 0) < requirement.minLevel) return false;
  }
  return true;
}

/** Routing order: higher total priority first, then earlier due time / arrival, then insertion sequence. */
export function contactBefore(a: ContactRec, b: ContactRec): boolean {
  const pa = a.queue.config.priority + a.priority;
  const pb = b.queue.config.priority + b.priority;
  if (pa !== pb) return pa > pb;
  if (a.orderAt !== b.orderAt) return a.orderAt < b.orderAt;
  return a.seq < b.seq;
}

/** Agent choice among eligible agents: longest idle first, then the agent registered first. */
export function readyBefore(a: Membership, b: Membership): boolean {
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.seq < b.seq;
}

export function agentBefore(a: AgentRec, b: AgentRec): boolean {
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.seq < b.seq;
}
