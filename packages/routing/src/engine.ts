import { RoutingError } from './errors';
import { IndexedHeap } from './heap';
import type {
  AgentRec,
  ContactRec,
  Deadline,
  DeadlineKind,
  Group,
  Membership,
  OfferRec,
  QueueRec,
} from './records';
import {
  agentBefore,
  contactBefore,
  emptyCounts,
  isReadyFor,
  isWorking,
  qualifies,
  readyBefore,
} from './records';
import type {
  AcceptResult,
  AgentConfig,
  AgentSnapshot,
  ChannelName,
  ContactInput,
  OfferToResult,
  Presence,
  PresenceReason,
  QueueConfig,
  QueueSnapshot,
  RequeueReason,
  RoutingEvent,
} from './types';
import { EXCLUSIVE_CHANNELS } from './types';
import { validateAgent, validateContact, validateQueue } from './validation';

export interface RoutingEngineOptions {
  /** Offer id generator. Default: a deterministic counter ('offer-1', 'offer-2', …). */
  idFactory?: () => string;
  /** How many closed offers are remembered to answer a late accept with 'expired' / 'taken'. Default 10,000. */
  closedOfferMemory?: number;
}

export type SettablePresence = 'beschikbaar' | 'pauze' | 'offline';

export interface ContactStateView {
  state: 'waiting' | 'offered' | 'assigned';
  queueId: string;
  agentId?: string;
  offerId?: string;
}

function deadlineBefore(a: Deadline, b: Deadline): boolean {
  return a.at !== b.at ? a.at < b.at : a.seq < b.seq;
}

const SETTABLE: ReadonlySet<string> = new Set<SettablePresence>(['beschikbaar', 'pauze', 'offline']);

/**
 * Event-driven routing engine. Every mutating call first processes the deadlines that are due at `now`,
 * applies its change, and then dispatches: offers are made until no waiting contact has a ready eligible agent.
 * The engine never reads a clock; the caller keeps one timer on `nextDeadline()` and calls `advance()`.
 */
export class RoutingEngine {
  private readonly queues = new Map<string, QueueRec>();
  private readonly agents = new Map<string, AgentRec>();
  private readonly contacts = new Map<string, ContactRec>();
  private readonly offers = new Map<string, OfferRec>();
  /** Recently closed offers (bounded ring), so a late accept gets 'expired' or 'taken' instead of 'not_found'. */
  private readonly closedSlots = new Map<string, number>();
  private readonly closedIds: (string | undefined)[];
  private readonly closedAgents: string[];
  private readonly closedOutcomes: ('expired' | 'taken')[];
  private closedNext = 0;
  private readonly deadlines = new IndexedHeap<Deadline>(deadlineBefore);
  /** Groups whose best match may have changed since the last dispatch. */
  private readonly candidates = new Set<Group>();
  private readonly newOfferId: () => string;
  private offerCounter = 0;
  private contactSeq = 0;
  private agentSeq = 0;
  private deadlineSeq = 0;

  constructor(options: RoutingEngineOptions = {}) {
    this.newOfferId = options.idFactory ?? (() => `offer-${++this.offerCounter}`);
    const memory = Math.max(1, options.closedOfferMemory ?? 10_000);
    this.closedIds = new Array<string | undefined>(memory);
    this.closedAgents = new Array<string>(memory);
    this.closedOutcomes = new Array<'expired' | 'taken'>(memory);
  }

  // ---------------------------------------------------------------- configuration

  upsertQueue(queue: QueueConfig): void {
    validateQueue(queue);
    const config: QueueConfig = {
      ...queue,
      channels: [...queue.channels],
      requiredSkills: [...queue.requiredSkills],
    };
    const existing = this.queues.get(queue.id);
    if (!existing) {
      this.queues.set(queue.id, {
        config,
        groups: new Map(),
        waiting: 0,
        scheduled: 0,
        offered: 0,
        assigned: 0,
      });
      return;
    }
    const overflowChanged =
      existing.config.overflow?.toQueueId !== config.overflow?.toQueueId ||
      existing.config.overflow?.afterMs !== config.overflow?.afterMs;
    existing.config = config;
    for (const group of existing.groups.values()) {
      for (const agent of this.agents.values()) {
        if (this.syncMembership(agent, group)) this.touchAgent(agent);
      }
      this.candidates.add(group);
      if (overflowChanged) {
        for (const contact of group.contacts.items) {
          contact.token++;
          this.scheduleOverflow(contact, contact.queueEnteredAt);
        }
      }
    }
  }

  upsertAgent(agentConfig: AgentConfig, now: number): RoutingEvent[] {
    validateAgent(agentConfig);
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    const config: AgentConfig = {
      ...agentConfig,
      skills: { ...agentConfig.skills },
      capacity: { ...agentConfig.capacity },
      ...(agentConfig.queueIds ? { queueIds: [...agentConfig.queueIds] } : {}),
    };
    const queueIds = config.queueIds && config.queueIds.length > 0 ? new Set(config.queueIds) : undefined;
    let agent = this.agents.get(config.id);
    if (agent) {
      agent.config = config;
      agent.queueIds = queueIds;
    } else {
      agent = {
        id: config.id,
        seq: ++this.agentSeq,
        config,
        queueIds,
        presence: 'offline',
        presenceSince: now,
        resumePresence: 'beschikbaar',
        wrapUpUntil: undefined,
        wrapToken: 0,
        wrapDeadline: undefined,
        active: emptyCounts(),
        reserved: emptyCounts(),
        exclusiveHeld: 0,
        activeContacts: new Set(),
        pendingOffers: new Set(),
        idleSince: now,
        groups: new Map(),
        removed: false,
      };
      this.agents.set(agent.id, agent);
    }
    for (const queue of this.queues.values()) {
      for (const group of queue.groups.values()) this.syncMembership(agent, group);
    }
    for (const group of agent.groups.keys()) this.candidates.add(group);
    this.touchAgent(agent);
    return this.settle(now, events);
  }

  removeAgent(agentId: string, now: number): RoutingEvent[] {
    const agent = this.agents.get(agentId);
    if (!agent) return [];
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    for (const offer of [...agent.pendingOffers]) this.withdrawOffer(offer, 'agent-offline', now, events);
    for (const contact of [...agent.activeContacts]) {
      this.releaseActive(agent, contact, now);
      this.returnContact(contact, 'agent-offline', now, events);
    }
    agent.removed = true;
    for (const group of [...agent.groups.keys()]) this.syncMembership(agent, group);
    this.cancelDeadline(agent.wrapDeadline);
    this.agents.delete(agentId);
    return this.settle(now, events);
  }

  // ---------------------------------------------------------------- presence

  setPresence(agentId: string, presence: SettablePresence, now: number): RoutingEvent[] {
    if (!SETTABLE.has(presence)) {
      throw new RoutingError(
        'invalid_input',
        `presence must be beschikbaar, pauze or offline, got '${presence}'`,
      );
    }
    const agent = this.requireAgent(agentId);
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    this.changePresence(agent, presence, 'agent', now, events);
    return this.settle(now, events);
  }

  // ---------------------------------------------------------------- contacts

  enqueue(input: ContactInput, now: number): RoutingEvent[] {
    if (this.contacts.has(input.id)) return [];
    validateContact(input);
    const queue = this.requireQueue(input.queueId);
    if (!queue.config.channels.includes(input.channel)) {
      throw new RoutingError(
        'invalid_input',
        `queue '${input.queueId}' does not serve channel '${input.channel}'`,
      );
    }
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    const notBefore =
      input.notBefore ??
      (input.channel === 'terugbelverzoek' && input.dueAt !== undefined ? input.dueAt : undefined);
    const contact: ContactRec = {
      id: input.id,
      channel: input.channel,
      priority: input.priority ?? 0,
      arrivedAt: input.arrivedAt,
      orderAt: input.dueAt ?? input.arrivedAt,
      notBefore,
      seq: ++this.contactSeq,
      queue,
      queueEnteredAt: now,
      state: 'waiting',
      heapIndex: -1,
      token: 0,
      deadline: undefined,
      offer: undefined,
      agent: undefined,
      declinedBy: undefined,
    };
    this.contacts.set(contact.id, contact);
    events.push({ type: 'queued', contactId: contact.id, queueId: queue.config.id, at: now });
    this.placeWaiting(contact, now);
    return this.settle(now, events);
  }

  accept(offerId: string, agentId: string, now: number): AcceptResult {
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    const offer = this.offers.get(offerId);
    if (!offer) {
      const slot = this.closedSlots.get(offerId);
      const error =
        slot === undefined
          ? 'not_found'
          : this.closedAgents[slot] !== agentId
            ? 'not_yours'
            : (this.closedOutcomes[slot] ?? 'taken');
      return { ok: false, error, events: this.settle(now, events) };
    }
    if (offer.agent.id !== agentId)
      return { ok: false, error: 'not_yours', events: this.settle(now, events) };
    const { agent, contact, channel } = offer;
    this.closeOffer(offer, 'taken');
    agent.active[channel]++;
    if (EXCLUSIVE_CHANNELS.has(channel)) agent.exclusiveHeld++;
    agent.activeContacts.add(contact);
    contact.state = 'assigned';
    contact.agent = agent;
    contact.queue.assigned++;
    events.push({ type: 'assigned', offerId, contactId: contact.id, agentId, at: now });
    this.touchAgent(agent);
    return { ok: true, events: this.settle(now, events) };
  }

  decline(offerId: string, agentId: string, now: number): RoutingEvent[] {
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    const offer = this.offers.get(offerId);
    if (!offer || offer.agent.id !== agentId) return this.settle(now, events);
    const { agent, contact } = offer;
    this.closeOffer(offer, 'taken');
    events.push({ type: 'offer-declined', offerId, contactId: contact.id, agentId, at: now });
    (contact.declinedBy ??= new Set()).add(agent);
    this.returnContact(contact, 'declined', now, events);
    this.touchAgent(agent);
    return this.settle(now, events);
  }

  finish(contactId: string, now: number): RoutingEvent[] {
    const contact = this.contacts.get(contactId);
    if (!contact) return [];
    const agent = contact.agent;
    if (contact.state !== 'assigned' || !agent) {
      throw new RoutingError('invalid_state', `contact '${contactId}' is ${contact.state}, not assigned`);
    }
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    this.releaseActive(agent, contact, now);
    this.forgetContact(contact);
    events.push({ type: 'removed', contactId, reason: 'finished', at: now });
    const wrapUpMs = contact.queue.config.wrapUpMs;
    if (wrapUpMs > 0 && agent.presence !== 'offline') this.startWrapUp(agent, now, now + wrapUpMs, events);
    this.touchAgent(agent);
    return this.settle(now, events);
  }

  cancel(contactId: string, now: number): RoutingEvent[] {
    const contact = this.contacts.get(contactId);
    if (!contact) return [];
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    this.detach(contact, now, events);
    this.forgetContact(contact);
    events.push({ type: 'removed', contactId, reason: 'cancelled', at: now });
    return this.settle(now, events);
  }

  requeue(contactId: string, reason: RequeueReason, now: number, toQueueId?: string): RoutingEvent[] {
    const contact = this.contacts.get(contactId);
    if (!contact) return [];
    const target = toQueueId === undefined ? contact.queue : this.requireQueue(toQueueId);
    if (target !== contact.queue && !target.config.channels.includes(contact.channel)) {
      throw new RoutingError(
        'invalid_input',
        `queue '${toQueueId}' does not serve channel '${contact.channel}'`,
      );
    }
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    this.detach(contact, now, events);
    if (target !== contact.queue) {
      contact.queue = target;
      contact.queueEnteredAt = now;
      contact.declinedBy = undefined;
    }
    this.returnContact(contact, reason, now, events);
    return this.settle(now, events);
  }

  /**
   * Change a contact's extra priority (a team leader raising it). A waiting contact takes its new place in line at
   * once and may be offered right away; an offered or assigned contact keeps it for a later re-queue.
   */
  setPriority(contactId: string, priority: number, now: number): RoutingEvent[] {
    if (!Number.isFinite(priority))
      throw new RoutingError('invalid_input', 'priority must be a finite number');
    const contact = this.contacts.get(contactId);
    if (!contact) return [];
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    if (contact.state === 'waiting' || contact.state === 'scheduled') {
      this.unplace(contact);
      contact.priority = priority;
      this.placeWaiting(contact, now);
    } else {
      contact.priority = priority;
    }
    return this.settle(now, events);
  }

  /**
   * Offer a contact to one specific agent now (a transfer to a colleague). The contact leaves wherever it is
   * (its queue, a pending offer, or the agent holding it). Queue membership and skills are not checked (the
   * colleague is chosen by a person), presence and free capacity are. On decline or timeout the contact goes
   * back to its queue at its original place, like any offer.
   */
  offerTo(contactId: string, agentId: string, now: number): OfferToResult {
    const contact = this.contacts.get(contactId);
    if (!contact) return { ok: false, error: 'unknown_contact', events: [] };
    const agent = this.agents.get(agentId);
    if (!agent || agent.removed) return { ok: false, error: 'unknown_agent', events: [] };
    const events: RoutingEvent[] = [];
    this.runDue(now, events);
    if (contact.agent === agent)
      return { ok: false, error: 'already_with_agent', events: this.settle(now, events) };
    if (!isReadyFor(agent, contact.channel)) {
      return { ok: false, error: 'agent_not_ready', events: this.settle(now, events) };
    }
    // Waiting or scheduled contacts are taken out of their queue by makeOffer itself.
    if (contact.state === 'offered' || contact.state === 'assigned') this.detach(contact, now, events);
    contact.declinedBy = undefined;
    const before = events.length;
    this.makeOffer(contact, agent, now, events);
    const offered = events[before];
    const offerId = offered?.type === 'offered' ? offered.offerId : '';
    return { ok: true, offerId, events: this.settle(now, events) };
  }

  // ---------------------------------------------------------------- time

  advance(now: number): RoutingEvent[] {
    return this.settle(now, []);
  }

  nextDeadline(): number | undefined {
    return this.peekLiveDeadline()?.at;
  }

  // ---------------------------------------------------------------- read models

  queueSnapshot(queueId: string, now: number): QueueSnapshot {
    const queue = this.queues.get(queueId);
    if (!queue) return { queueId, waiting: 0, scheduled: 0, offered: 0, assigned: 0 };
    let oldest = Infinity;
    for (const group of queue.groups.values()) {
      for (const contact of group.contacts.items) if (contact.arrivedAt < oldest) oldest = contact.arrivedAt;
    }
    const snapshot: QueueSnapshot = {
      queueId,
      waiting: queue.waiting,
      scheduled: queue.scheduled,
      offered: queue.offered,
      assigned: queue.assigned,
    };
    if (oldest !== Infinity) {
      snapshot.oldestArrivedAt = oldest;
      snapshot.longestWaitMs = Math.max(0, now - oldest);
    }
    return snapshot;
  }

  agentSnapshot(agentId: string): AgentSnapshot | undefined {
    const agent = this.agents.get(agentId);
    if (!agent) return undefined;
    const load: AgentSnapshot['load'] = {};
    for (const [channel, count] of Object.entries(agent.active) as [ChannelName, number][]) {
      if (count > 0) load[channel] = count;
    }
    const snapshot: AgentSnapshot = {
      agentId,
      presence: agent.presence,
      presenceSince: agent.presenceSince,
      load,
      activeContactIds: [...agent.activeContacts].map((c) => c.id),
      pendingOfferIds: [...agent.pendingOffers].map((o) => o.id),
      idleSince: agent.idleSince,
    };
    if (agent.wrapUpUntil !== undefined) snapshot.wrapUpUntil = agent.wrapUpUntil;
    return snapshot;
  }

  contactState(contactId: string): ContactStateView | undefined {
    const contact = this.contacts.get(contactId);
    if (!contact) return undefined;
    const view: ContactStateView = {
      state: contact.state === 'scheduled' ? 'waiting' : contact.state,
      queueId: contact.queue.config.id,
    };
    if (contact.agent) view.agentId = contact.agent.id;
    if (contact.offer) view.offerId = contact.offer.id;
    return view;
  }

  // ---------------------------------------------------------------- internals: lookups

  private requireQueue(queueId: string): QueueRec {
    const queue = this.queues.get(queueId);
    if (!queue) throw new RoutingError('unknown_queue', `unknown queue '${queueId}'`);
    return queue;
  }

  private requireAgent(agentId: string): AgentRec {
    const agent = this.agents.get(agentId);
    if (!agent) throw new RoutingError('unknown_agent', `unknown agent '${agentId}'`);
    return agent;
  }

  private groupFor(queue: QueueRec, channel: ChannelName): Group {
    let group = queue.groups.get(channel);
    if (!group) {
      group = {
        queue,
        channel,
        contacts: new IndexedHeap<ContactRec>(contactBefore),
        members: new Map(),
        ready: new IndexedHeap<Membership>(readyBefore),
        working: 0,
        matchContact: undefined,
        matchAgent: undefined,
      };
      queue.groups.set(channel, group);
      for (const agent of this.agents.values()) {
        if (this.syncMembership(agent, group)) this.touchAgent(agent);
      }
    }
    return group;
  }

  /** Adds or removes the agent from the group's members; true when membership changed. */
  private syncMembership(agent: AgentRec, group: Group): boolean {
    const should = !agent.removed && qualifies(agent, group.queue.config, group.channel);
    const membership = group.members.get(agent);
    if (should === (membership !== undefined)) return false;
    if (!membership) {
      const created: Membership = { agent, group, heapIndex: -1, idleSince: agent.idleSince, seq: agent.seq };
      group.members.set(agent, created);
      agent.groups.set(group, created);
      if (isWorking(agent)) group.working++;
    } else {
      group.ready.remove(membership);
      group.members.delete(agent);
      agent.groups.delete(group);
      if (isWorking(agent)) group.working--;
    }
    this.candidates.add(group);
    return true;
  }

  // ---------------------------------------------------------------- internals: agents

  /**
   * Must run after every change to an agent's presence, load, offers, idle time or membership: puts the agent in,
   * moves it within, or takes it out of the ready heap of each of its groups. Groups that change become candidates.
   */
  private touchAgent(agent: AgentRec): void {
    const available = agent.presence === 'beschikbaar' && !agent.removed;
    for (const membership of agent.groups.values()) {
      const group = membership.group;
      if (available && isReadyFor(agent, group.channel)) {
        if (membership.heapIndex < 0) {
          membership.idleSince = agent.idleSince;
          group.ready.push(membership);
          this.candidates.add(group);
        } else if (membership.idleSince !== agent.idleSince) {
          membership.idleSince = agent.idleSince;
          group.ready.update(membership);
          this.candidates.add(group);
        }
      } else if (membership.heapIndex >= 0) {
        group.ready.remove(membership);
      }
    }
  }

  private changePresence(
    agent: AgentRec,
    presence: Presence,
    reason: PresenceReason,
    at: number,
    events: RoutingEvent[],
  ): void {
    const previous = agent.presence;
    if (previous === presence) return;
    if (previous === 'nawerk') {
      agent.wrapToken++;
      agent.wrapUpUntil = undefined;
      this.cancelDeadline(agent.wrapDeadline);
      agent.wrapDeadline = undefined;
    }
    const wasWorking = isWorking(agent);
    agent.presence = presence;
    agent.presenceSince = at;
    if (presence === 'beschikbaar') agent.idleSince = at;
    const nowWorking = isWorking(agent);
    for (const group of agent.groups.keys()) {
      if (wasWorking !== nowWorking) group.working += nowWorking ? 1 : -1;
      // The decline rule depends on who is working, so every group of this agent is re-examined.
      this.candidates.add(group);
    }
    events.push({ type: 'presence-changed', agentId: agent.id, presence, previous, reason, at });
    if (previous === 'beschikbaar') {
      const why: RequeueReason = presence === 'offline' ? 'agent-offline' : 'agent-unavailable';
      for (const offer of [...agent.pendingOffers]) this.withdrawOffer(offer, why, at, events);
    }
    this.touchAgent(agent);
  }

  private startWrapUp(agent: AgentRec, at: number, until: number, events: RoutingEvent[]): void {
    if (agent.presence === 'nawerk') {
      if (agent.wrapUpUntil !== undefined && agent.wrapUpUntil >= until) return;
    } else {
      const resume = agent.presence;
      this.changePresence(agent, 'nawerk', 'wrap-up-started', at, events);
      agent.resumePresence = resume;
    }
    agent.wrapUpUntil = until;
    agent.wrapToken++;
    this.cancelDeadline(agent.wrapDeadline);
    agent.wrapDeadline = this.pushDeadline(until, 'wrap', undefined, agent, undefined, agent.wrapToken);
  }

  private releaseActive(agent: AgentRec, contact: ContactRec, at: number): void {
    agent.active[contact.channel]--;
    if (EXCLUSIVE_CHANNELS.has(contact.channel)) agent.exclusiveHeld--;
    agent.activeContacts.delete(contact);
    contact.queue.assigned--;
    contact.agent = undefined;
    agent.idleSince = at;
  }

  // ---------------------------------------------------------------- internals: contacts and offers

  /** Puts a contact in its queue at its original place (seq and order time are kept). */
  private placeWaiting(contact: ContactRec, at: number): void {
    contact.token++;
    contact.offer = undefined;
    contact.agent = undefined;
    if (contact.notBefore !== undefined && contact.notBefore > at) {
      contact.state = 'scheduled';
      contact.queue.scheduled++;
      contact.deadline = this.pushDeadline(
        contact.notBefore,
        'activate',
        undefined,
        undefined,
        contact,
        contact.token,
      );
      return;
    }
    contact.state = 'waiting';
    contact.queue.waiting++;
    const group = this.groupFor(contact.queue, contact.channel);
    group.contacts.push(contact);
    this.candidates.add(group);
    this.scheduleOverflow(contact, at);
  }

  private scheduleOverflow(contact: ContactRec, at: number): void {
    this.cancelDeadline(contact.deadline);
    contact.deadline = undefined;
    const due = this.overflowDue(contact);
    if (due !== undefined) {
      contact.deadline = this.pushDeadline(
        Math.max(due, at),
        'overflow',
        undefined,
        undefined,
        contact,
        contact.token,
      );
    }
  }

  private overflowDue(contact: ContactRec): number | undefined {
    const overflow = contact.queue.config.overflow;
    if (!overflow) return undefined;
    return Math.max(contact.queueEnteredAt, contact.notBefore ?? -Infinity) + overflow.afterMs;
  }

  /** Takes a waiting or scheduled contact out of its queue's structures. */
  private unplace(contact: ContactRec): void {
    if (contact.state === 'waiting') {
      this.groupFor(contact.queue, contact.channel).contacts.remove(contact);
      contact.queue.waiting--;
    } else if (contact.state === 'scheduled') {
      contact.queue.scheduled--;
    }
    contact.token++;
    this.cancelDeadline(contact.deadline);
    contact.deadline = undefined;
  }

  /** Frees a contact from wherever it is (queue, offer, agent) without placing it anywhere. */
  private detach(contact: ContactRec, at: number, events: RoutingEvent[]): void {
    if (contact.state === 'waiting' || contact.state === 'scheduled') {
      this.unplace(contact);
    } else if (contact.state === 'offered' && contact.offer) {
      const offer = contact.offer;
      this.closeOffer(offer, 'taken');
      events.push({
        type: 'offer-withdrawn',
        offerId: offer.id,
        contactId: contact.id,
        agentId: offer.agent.id,
        at,
      });
      this.touchAgent(offer.agent);
    } else if (contact.state === 'assigned' && contact.agent) {
      const agent = contact.agent;
      this.releaseActive(agent, contact, at);
      this.touchAgent(agent);
    }
  }

  private returnContact(
    contact: ContactRec,
    reason: RequeueReason,
    at: number,
    events: RoutingEvent[],
  ): void {
    events.push({ type: 'requeued', contactId: contact.id, queueId: contact.queue.config.id, reason, at });
    this.placeWaiting(contact, at);
  }

  private forgetContact(contact: ContactRec): void {
    this.contacts.delete(contact.id);
    contact.token++;
    contact.declinedBy = undefined;
    this.cancelDeadline(contact.deadline);
    contact.deadline = undefined;
  }

  private makeOffer(contact: ContactRec, agent: AgentRec, at: number, events: RoutingEvent[]): void {
    const id = this.newOfferId();
    if (this.offers.has(id) || this.closedSlots.has(id)) {
      throw new RoutingError('invalid_config', `idFactory returned a duplicate offer id '${id}'`);
    }
    this.unplace(contact);
    if (contact.declinedBy?.has(agent)) contact.declinedBy = undefined;
    const offer: OfferRec = {
      id,
      contact,
      agent,
      channel: contact.channel,
      createdAt: at,
      expiresAt: at + contact.queue.config.acceptTimeoutMs,
      open: true,
      deadline: undefined,
    };
    this.offers.set(id, offer);
    agent.pendingOffers.add(offer);
    agent.reserved[offer.channel]++;
    if (EXCLUSIVE_CHANNELS.has(offer.channel)) agent.exclusiveHeld++;
    agent.idleSince = at;
    contact.state = 'offered';
    contact.offer = offer;
    contact.agent = agent;
    contact.queue.offered++;
    offer.deadline = this.pushDeadline(offer.expiresAt, 'offer', offer, undefined, undefined, 0);
    events.push({
      type: 'offered',
      offerId: id,
      contactId: contact.id,
      agentId: agent.id,
      queueId: contact.queue.config.id,
      channel: contact.channel,
      at,
      expiresAt: offer.expiresAt,
    });
    this.touchAgent(agent);
  }

  /** Ends a pending offer: releases the reservation. The caller decides where the contact goes. */
  private closeOffer(offer: OfferRec, outcome: 'expired' | 'taken'): void {
    offer.open = false;
    this.cancelDeadline(offer.deadline);
    offer.deadline = undefined;
    this.offers.delete(offer.id);
    const slot = this.closedNext;
    const evicted = this.closedIds[slot];
    if (evicted !== undefined) this.closedSlots.delete(evicted);
    this.closedIds[slot] = offer.id;
    this.closedAgents[slot] = offer.agent.id;
    this.closedOutcomes[slot] = outcome;
    this.closedSlots.set(offer.id, slot);
    this.closedNext = (slot + 1) % this.closedIds.length;
    const agent = offer.agent;
    agent.pendingOffers.delete(offer);
    agent.reserved[offer.channel]--;
    if (EXCLUSIVE_CHANNELS.has(offer.channel)) agent.exclusiveHeld--;
    offer.contact.queue.offered--;
    offer.contact.offer = undefined;
    offer.contact.agent = undefined;
  }

  private withdrawOffer(offer: OfferRec, reason: RequeueReason, at: number, events: RoutingEvent[]): void {
    this.closeOffer(offer, 'taken');
    events.push({
      type: 'offer-withdrawn',
      offerId: offer.id,
      contactId: offer.contact.id,
      agentId: offer.agent.id,
      at,
    });
    this.returnContact(offer.contact, reason, at, events);
    this.touchAgent(offer.agent);
  }

  // ---------------------------------------------------------------- internals: deadlines

  private pushDeadline(
    at: number,
    kind: DeadlineKind,
    offer: OfferRec | undefined,
    agent: AgentRec | undefined,
    contact: ContactRec | undefined,
    token: number,
  ): Deadline {
    const deadline: Deadline = {
      at,
      seq: ++this.deadlineSeq,
      kind,
      heapIndex: -1,
      offer,
      agent,
      contact,
      token,
    };
    this.deadlines.push(deadline);
    return deadline;
  }

  private cancelDeadline(deadline: Deadline | undefined): void {
    if (deadline) this.deadlines.remove(deadline);
  }

  private isLiveDeadline(d: Deadline): boolean {
    switch (d.kind) {
      case 'offer':
        return d.offer !== undefined && d.offer.open;
      case 'wrap':
        return (
          d.agent !== undefined &&
          !d.agent.removed &&
          d.agent.presence === 'nawerk' &&
          d.agent.wrapToken === d.token
        );
      case 'overflow':
        return this.isLiveContactDeadline(d, 'waiting');
      case 'activate':
        return this.isLiveContactDeadline(d, 'scheduled');
    }
  }

  private isLiveContactDeadline(d: Deadline, state: ContactRec['state']): boolean {
    const c = d.contact;
    return c !== undefined && this.contacts.get(c.id) === c && c.state === state && c.token === d.token;
  }

  private peekLiveDeadline(): Deadline | undefined {
    for (;;) {
      const d = this.deadlines.peek();
      if (!d || this.isLiveDeadline(d)) return d;
      this.deadlines.pop();
    }
  }

  /** Processes due deadlines in time order, dispatching after each instant as if the caller had been on time. */
  private runDue(now: number, events: RoutingEvent[]): void {
    for (;;) {
      const first = this.peekLiveDeadline();
      if (!first || first.at > now) return;
      const at = first.at;
      for (;;) {
        const d = this.peekLiveDeadline();
        if (!d || d.at !== at) break;
        this.deadlines.pop();
        this.processDeadline(d, events);
      }
      this.dispatch(at, events);
    }
  }

  private processDeadline(d: Deadline, events: RoutingEvent[]): void {
    const at = d.at;
    if (d.kind === 'offer' && d.offer) {
      const offer = d.offer;
      const { agent, contact } = offer;
      this.closeOffer(offer, 'expired');
      events.push({ type: 'offer-expired', offerId: offer.id, contactId: contact.id, agentId: agent.id, at });
      this.returnContact(contact, 'offer-timeout', at, events);
      this.changePresence(agent, 'niet-reagerend', 'missed-offer', at, events);
    } else if (d.kind === 'wrap' && d.agent) {
      this.changePresence(d.agent, d.agent.resumePresence, 'wrap-up-ended', at, events);
    } else if (d.kind === 'overflow' && d.contact) {
      this.overflow(d.contact, at, events);
    } else if (d.kind === 'activate' && d.contact) {
      const contact = d.contact;
      contact.queue.scheduled--;
      this.placeWaiting(contact, at);
    }
  }

  private overflow(contact: ContactRec, at: number, events: RoutingEvent[]): void {
    const overflow = contact.queue.config.overflow;
    const due = this.overflowDue(contact);
    if (!overflow || due === undefined) return;
    if (due > at) {
      this.scheduleOverflow(contact, at);
      return;
    }
    const target = this.queues.get(overflow.toQueueId);
    // A target that does not exist or does not serve the channel is skipped: the contact stays where it is.
    if (!target || target === contact.queue || !target.config.channels.includes(contact.channel)) return;
    const fromQueueId = contact.queue.config.id;
    this.unplace(contact);
    contact.queue = target;
    contact.queueEnteredAt = at;
    contact.declinedBy = undefined;
    events.push({ type: 'overflowed', contactId: contact.id, fromQueueId, toQueueId: target.config.id, at });
    this.placeWaiting(contact, at);
  }

  // ---------------------------------------------------------------- internals: dispatch

  private settle(now: number, events: RoutingEvent[]): RoutingEvent[] {
    this.runDue(now, events);
    this.dispatch(now, events);
    return events;
  }

  /**
   * Repeatedly offers the best waiting contact (global order) that has a ready eligible agent to the longest idle
   * such agent. Only groups touched since the last dispatch are examined.
   */
  private dispatch(at: number, events: RoutingEvent[]): void {
    for (;;) {
      let best: Group | undefined;
      for (const group of this.candidates) {
        if (!this.match(group)) {
          this.candidates.delete(group);
          continue;
        }
        if (!best || contactBefore(group.matchContact as ContactRec, best.matchContact as ContactRec))
          best = group;
      }
      if (!best) return;
      this.makeOffer(best.matchContact as ContactRec, best.matchAgent as AgentRec, at, events);
    }
  }

  private match(group: Group): boolean {
    const agent = group.ready.peek()?.agent;
    if (!agent) return false;
    const head = group.contacts.peek();
    if (!head) return false;
    if (!head.declinedBy?.has(agent)) {
      group.matchContact = head;
      group.matchAgent = agent;
      return true;
    }
    return this.matchAroundDeclines(group);
  }

  /**
   * Slow path for the decline rule: walk the group's contacts in order and pick the first one that a ready agent
   * who did not decline it can take. A contact declined by every ready agent waits while another working
   * agent (beschikbaar or nawerk) of the group has not declined it; otherwise its decline memory is cleared.
   */
  private matchAroundDeclines(group: Group): boolean {
    const ready = group.ready.items.map((m) => m.agent);
    ready.sort((a, b) => (agentBefore(a, b) ? -1 : 1));
    const popped: ContactRec[] = [];
    let found = false;
    while (!found) {
      const contact = group.contacts.pop();
      if (!contact) break;
      popped.push(contact);
      let chosen = ready.find((a) => !contact.declinedBy?.has(a));
      if (!chosen && !this.otherWorkingAgentExists(contact, group)) chosen = ready[0];
      if (chosen) {
        group.matchContact = contact;
        group.matchAgent = chosen;
        found = true;
      }
    }
    for (const contact of popped) group.contacts.push(contact);
    return found;
  }

  private otherWorkingAgentExists(contact: ContactRec, group: Group): boolean {
    let declinedWorking = 0;
    for (const agent of contact.declinedBy ?? []) {
      if (group.members.has(agent) && isWorking(agent)) declinedWorking++;
    }
    return group.working - declinedWorking > 0;
  }
}
