import { randomUUID } from 'node:crypto';
import type {
  AgentSettablePresence,
  AgentState,
  Contact,
  QueueInfo,
  QueueWaiting,
} from '@kcc/contracts/domain';
import { ACK_ERRORS } from '@kcc/contracts/realtime';
import {
  RoutingEngine,
  type AgentConfig,
  type AgentSnapshot,
  type ChannelName,
  type ContactInput,
  type OfferToResult,
  type QueueConfig,
  type QueueSnapshot,
  type RequeueReason,
  type RoutingEvent,
} from '@kcc/routing';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto, toContactSummary } from '../contacts/contacts.repository';
import type { QueuesRepository, StoredQueue } from '../queues/queues.repository';
import { systemClock, type CancelTimer, type Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { silentNotifier, type RoutingNotifier } from './routing-notifier';

export interface OfferRecord {
  offerId: string;
  contactId: string;
  agentId: string;
  expiresAt: number;
}

export type AcceptOutcome =
  { ok: true; contact: Contact } | { ok: false; error: 'expired' | 'taken' | typeof ACK_ERRORS.notFound };

export interface RoutingOptions {
  /** Overrides every queue's accept timeout. */
  acceptTimeoutMs?: number;
  /** Overrides every queue's wrap-up time. */
  wrapUpMs?: number;
  /** How long waiting-count broadcasts are coalesced. */
  waitingBroadcastDelayMs?: number;
  /** Time and the deadline timer (default: the system clock). */
  clock?: Clock;
}

const MAX_REMEMBERED_OUTCOMES = 10_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Wires the pure routing engine to the store and the agents: every engine call runs through `run`, which
 * persists the resulting events in one transaction, then notifies, then re-arms the single deadline timer.
 */
export class RoutingService {
  private readonly engine = new RoutingEngine({ idFactory: () => randomUUID() });
  private readonly queues = new Map<string, StoredQueue>();
  private readonly agents = new Map<string, AgentConfig>();
  private readonly offers = new Map<string, OfferRecord>();
  /** What became of offers that are gone, so a late accept can say `expired` or `taken`. */
  private readonly outcomes = new Map<string, 'expired' | 'taken' | 'declined' | 'withdrawn'>();
  private cancelTimer: CancelTimer | undefined;
  private armedFor: number | undefined;
  private waitingTimer: NodeJS.Timeout | undefined;
  private readonly touchedQueues = new Set<string>();
  /** The waiting counts last pushed to each agent (JSON), so unchanged counts are not pushed again. */
  private readonly waitingSent = new Map<string, string>();
  /** Set while a `command` runs: notifications wait here for its commit. */
  private pending: (() => void)[] | undefined;
  private notifier: RoutingNotifier = silentNotifier;
  private stopped = false;
  private readonly clock: Clock;

  constructor(
    private readonly contacts: ContactsRepository,
    private readonly queueStore: QueuesRepository,
    private readonly log: Logger,
    private readonly options: RoutingOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  setNotifier(notifier: RoutingNotifier): void {
    this.notifier = notifier;
  }

  // ------------------------------------------------------------------ startup

  /**
   * Load queues and agents, and rebuild the engine from the store: contacts that were waiting or offered go
   * back in line at their original arrival time; assigned contacts stay with their agent (who starts offline);
   * contacts in nawerk are closed. Returns the agents holding restored contacts (their reconnect grace starts now).
   */
  start(): { agentsWithActiveContacts: string[] } {
    for (const q of this.queueStore.list()) this.addQueue(q);
    const now = this.clock.now();
    for (const a of this.queueStore.agentProfiles()) {
      this.agents.set(a.id, a);
      this.engine.upsertAgent(a, now);
    }
    const restoredAgents = new Set<string>();
    this.contacts.transaction(() => {
      for (const c of this.contacts.listByStatus(['nawerk'])) {
        this.contacts.update(c.id, { status: 'closed', closedAt: now }, now);
        this.contacts.appendEvent({
          contactId: c.id,
          type: 'closed',
          at: now,
          data: { reason: 'server-restart' },
        });
      }
      for (const c of this.contacts.listByStatus(['assigned'])) {
        if (c.assignedAgentId !== undefined && this.restoreAssignment(c, c.assignedAgentId, now)) {
          restoredAgents.add(c.assignedAgentId);
          this.contacts.appendEvent({
            contactId: c.id,
            type: 'restored',
            at: now,
            agentId: c.assignedAgentId,
          });
        } else {
          this.markRequeuedAfterRestart(c, now);
        }
      }
      for (const c of this.contacts.listByStatus(['new', 'queued', 'offered'])) {
        if (!this.queues.has(c.queueId)) {
          this.log.warn({ contactId: c.id, queueId: c.queueId }, 'contact in unknown queue not restored');
          continue;
        }
        this.engine.enqueue(this.toContactInput(c), now);
        if (c.status !== 'queued') this.markRequeuedAfterRestart(c, now);
      }
    });
    this.arm();
    return { agentsWithActiveContacts: [...restoredAgents] };
  }

  /**
   * The engine has no "assign directly": at startup every agent is offline, so making only this agent available
   * and enqueueing the contact yields an offer to exactly this agent, which we accept at once.
   */
  private restoreAssignment(c: ContactRecord, agentId: string, now: number): boolean {
    if (!this.agents.has(agentId) || !this.queues.has(c.queueId)) return false;
    this.engine.setPresence(agentId, 'beschikbaar', now);
    const events = this.engine.enqueue(this.toContactInput(c), now);
    const offer = events.find(
      (e): e is Extract<RoutingEvent, { type: 'offered' }> =>
        e.type === 'offered' && e.contactId === c.id && e.agentId === agentId,
    );
    const accepted = offer ? this.engine.accept(offer.offerId, agentId, now).ok : false;
    this.engine.setPresence(agentId, 'offline', now);
    return accepted;
  }

  private markRequeuedAfterRestart(c: ContactRecord, now: number): void {
    this.contacts.update(c.id, { status: 'queued', assignedAgentId: null, acceptedAt: null }, now);
    this.contacts.appendEvent({
      contactId: c.id,
      type: 'requeued',
      at: now,
      data: { reason: 'server-restart' },
    });
  }

  private addQueue(q: StoredQueue): void {
    const config: QueueConfig = {
      ...q.config,
      ...(this.options.acceptTimeoutMs !== undefined
        ? { acceptTimeoutMs: this.options.acceptTimeoutMs }
        : {}),
      ...(this.options.wrapUpMs !== undefined ? { wrapUpMs: this.options.wrapUpMs } : {}),
    };
    const stored = { ...q, config };
    this.queues.set(config.id, stored);
    this.engine.upsertQueue(config);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    clearTimeout(this.waitingTimer);
  }

  // ------------------------------------------------------------------ queries

  hasQueue(queueId: string): boolean {
    return this.queues.has(queueId);
  }

  queueIds(): string[] {
    return [...this.queues.keys()];
  }

  /** The queue inbound contacts of this channel land in when they name none. */
  defaultQueueFor(channel: string): string | undefined {
    for (const q of this.queues.values()) {
      if ((q.defaultForChannels as string[]).includes(channel)) return q.config.id;
    }
    for (const q of this.queues.values()) {
      if ((q.config.channels as string[]).includes(channel)) return q.config.id;
    }
    return undefined;
  }

  queueServes(queueId: string, channel: string): boolean {
    return (this.queues.get(queueId)?.config.channels as string[] | undefined)?.includes(channel) ?? false;
  }

  isAgent(userId: string): boolean {
    return this.agents.has(userId);
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

  activeContactIds(agentId: string): string[] {
    return this.engine.agentSnapshot(agentId)?.activeContactIds ?? [];
  }

  offersFor(agentId: string): OfferRecord[] {
    const now = this.clock.now();
    return [...this.offers.values()].filter((o) => o.agentId === agentId && o.expiresAt > now);
  }

  queueInfosFor(agentId: string): QueueInfo[] {
    return this.agentQueueIds(agentId).flatMap((id) => {
      const q = this.queues.get(id);
      if (!q) return [];
      const c = q.config;
      return [
        {
          id: c.id,
          name: c.name,
          channels: c.channels,
          priority: c.priority,
          servicenorm: c.servicenorm,
          acceptTimeoutSeconds: Math.max(1, Math.ceil(c.acceptTimeoutMs / 1000)),
          wrapUpSeconds: Math.round(c.wrapUpMs / 1000),
        },
      ];
    });
  }

  waitingFor(agentId: string): QueueWaiting[] {
    return this.waitingIn(this.agentQueueIds(agentId), this.clock.now());
  }

  /** The counts for a newly connected window of this agent; the next push goes to the agent even if unchanged. */
  waitingOnConnect(agentId: string): QueueWaiting[] {
    this.waitingSent.delete(agentId);
    return this.waitingFor(agentId);
  }

  private waitingIn(queueIds: string[], now: number): QueueWaiting[] {
    return queueIds.flatMap((id) => {
      const q = this.queues.get(id);
      if (!q) return [];
      const snap = this.engine.queueSnapshot(id, now);
      return [
        {
          queue: id,
          name: q.config.name,
          waiting: snap.waiting,
          longestWaitSeconds:
            snap.oldestArrivedAt !== undefined
              ? Math.max(0, Math.floor((now - snap.oldestArrivedAt) / 1000))
              : 0,
        },
      ];
    });
  }

  private agentQueueIds(agentId: string): string[] {
    const agent = this.agents.get(agentId);
    if (!agent) return [];
    const ids = agent.queueIds && agent.queueIds.length > 0 ? agent.queueIds : [...this.queues.keys()];
    return ids.filter((id) => this.queues.has(id));
  }

  // ------------------------------------------------------------------ commands

  /**
   * Run `fn`, and every routing command it makes, in ONE store transaction: one durable commit per request
   * instead of one per step. Agents are notified only after the commit; nested calls join the outer command.
   * The in-memory engine is not rolled back, so `fn` must make its routing calls after everything that may throw.
   */
  command<T>(fn: () => T): T {
    if (this.pending) return fn();
    const notes: (() => void)[] = [];
    this.pending = notes;
    let result: T;
    try {
      result = this.contacts.transaction(fn);
    } finally {
      this.pending = undefined;
    }
    this.flush(notes);
    return result;
  }

  enqueue(contact: ContactRecord): void {
    this.run((now) => this.engine.enqueue(this.toContactInput(contact), now));
  }

  setPresence(agentId: string, presence: AgentSettablePresence): AgentState {
    this.run((now) => this.engine.setPresence(agentId, presence, now));
    return this.agentState(agentId);
  }

  accept(offerId: string, agentId: string): AcceptOutcome {
    const contactId = this.offers.get(offerId)?.contactId;
    let accepted = false;
    let error: Extract<AcceptOutcome, { ok: false }>['error'] = ACK_ERRORS.notFound;
    this.run((now) => {
      // Process a deadline that passed but whose timer has not fired yet, so a late accept is `expired`.
      const events = this.engine.advance(now);
      const result = this.engine.accept(offerId, agentId, now);
      accepted = result.ok;
      if (!result.ok) {
        const known = this.outcomes.get(offerId);
        const expiredNow = events.some((e) => e.type === 'offer-expired' && e.offerId === offerId);
        if (result.error === 'expired' || known === 'expired' || expiredNow) error = 'expired';
        else if (result.error === 'taken' || known === 'taken') error = 'taken';
      }
      return [...events, ...result.events];
    });
    const contact = accepted && contactId !== undefined ? this.contacts.get(contactId) : undefined;
    return contact ? { ok: true, contact: toContactDto(contact) } : { ok: false, error };
  }

  /** `false` when the offer is not (or no longer) this agent's. */
  decline(offerId: string, agentId: string): boolean {
    const offer = this.offers.get(offerId);
    if (!offer || offer.agentId !== agentId) return false;
    this.run((now) => this.engine.decline(offerId, agentId, now));
    return true;
  }

  /** The contact is done (registered): the agent goes into nawerk for the queue's wrap-up time. */
  finish(contactId: string, agentId: string): void {
    this.command(() => {
      try {
        this.run((now) => this.engine.finish(contactId, now));
      } catch (err) {
        // The registration stands; an engine that lost track of the contact must not turn that into an error.
        this.log.error({ err, contactId }, 'engine finish failed');
      }
      if (this.engine.agentSnapshot(agentId)?.presence !== 'nawerk') {
        // No wrap-up (0 s) or the engine kept the agent working: the contact closes right away.
        this.closeIfInNawerk(contactId, this.clock.now(), this.pending ?? []);
      }
    });
  }

  /** Put the agent's assigned contacts back in their queues (reconnect grace expired). */
  requeueActive(agentId: string, reason: RequeueReason): void {
    const ids = this.activeContactIds(agentId);
    if (ids.length === 0) return;
    this.run((now) => ids.flatMap((id) => this.engine.requeue(id, reason, now)));
  }

  /** Called by the registration flow after it stored the contact's new state. */
  announceContact(contactId: string): void {
    const c = this.contacts.get(contactId);
    if (c?.assignedAgentId !== undefined) this.notifier.contactUpdated(c.assignedAgentId, toContactDto(c));
  }

  // ------------------------------------------------------------------ channel operations (issue 3)

  queueConfig(queueId: string): QueueConfig | undefined {
    return this.queues.get(queueId)?.config;
  }

  /** Agents who can take a contact of this queue and channel soon: beschikbaar or in nawerk, with capacity. */
  agentsOnDuty(queueId: string, channel: ChannelName): number {
    let n = 0;
    for (const [agentId, config] of this.agents) {
      if ((config.capacity[channel] ?? 0) <= 0 || !this.agentQueueIds(agentId).includes(queueId)) continue;
      const presence = this.engine.agentSnapshot(agentId)?.presence;
      if (presence === 'beschikbaar' || presence === 'nawerk') n++;
    }
    return n;
  }

  /** End a contact nobody answered yet (caller hung up, resident left the chat): status `abandoned`. */
  abandon(contactId: string, reason: string): boolean {
    const c = this.contacts.get(contactId);
    if (!c || (c.status !== 'new' && c.status !== 'queued' && c.status !== 'offered')) return false;
    this.run((now) => this.engine.cancel(contactId, now));
    const now = this.clock.now();
    this.contacts.transaction(() => {
      this.contacts.update(contactId, { status: 'abandoned', closedAt: now }, now);
      this.contacts.appendEvent({
        contactId,
        type: 'abandoned',
        at: now,
        data: { reason, channel: c.channel },
      });
    });
    return true;
  }

  /** Move a contact (waiting, offered or assigned) to another queue; it keeps its place in line by arrival. */
  transferToQueue(contactId: string, toQueueId: string): void {
    this.run((now) => this.engine.requeue(contactId, 'transfer', now, toQueueId));
  }

  /** Offer a contact to one specific colleague now (warm transfer); the current holder lets go of it. */
  offerTo(
    contactId: string,
    agentId: string,
  ): { ok: true; offerId: string } | { ok: false; error: Extract<OfferToResult, { ok: false }>['error'] } {
    const before = this.contacts.get(contactId);
    let result: OfferToResult = { ok: false, error: 'unknown_contact', events: [] };
    this.run((now) => {
      result = this.engine.offerTo(contactId, agentId, now);
      return result.events;
    });
    const outcome = result as OfferToResult;
    if (!outcome.ok) return { ok: false, error: outcome.error };
    const previous = before?.status === 'assigned' ? before.assignedAgentId : undefined;
    if (previous !== undefined) {
      const now = this.clock.now();
      this.contacts.update(contactId, { assignedAgentId: null, acceptedAt: null }, now);
      const after = this.contacts.get(contactId);
      if (after) this.flush([() => this.notifier.contactUpdated(previous, toContactDto(after))]);
    }
    return { ok: true, offerId: outcome.offerId };
  }

  /** A closed or wrapped-up contact gets new input (an e-mail reply in its thread): back in its queue. */
  reopen(contactId: string, reason: string): boolean {
    const c = this.contacts.get(contactId);
    if (!c || (c.status !== 'closed' && c.status !== 'nawerk' && c.status !== 'abandoned')) return false;
    if (!this.queues.has(c.queueId)) return false;
    const now = this.clock.now();
    this.contacts.transaction(() => {
      this.contacts.update(
        contactId,
        { status: 'new', assignedAgentId: null, acceptedAt: null, closedAt: null },
        now,
      );
      this.contacts.appendEvent({ contactId, type: 'reopened', at: now, data: { reason } });
    });
    const fresh = this.contacts.get(contactId);
    if (fresh) this.enqueue(fresh);
    return true;
  }

  // ------------------------------------------------------------------ team-leader dashboard (issue 6)

  agentIds(): string[] {
    return [...this.agents.keys()];
  }

  agentConfig(agentId: string): AgentConfig | undefined {
    return this.agents.get(agentId);
  }

  /** The queues this agent serves now (its own list, or every queue when the list is empty). */
  servedQueueIds(agentId: string): string[] {
    return this.agentQueueIds(agentId);
  }

  queueSnapshot(queueId: string): QueueSnapshot {
    return this.engine.queueSnapshot(queueId, this.clock.now());
  }

  agentSnapshot(agentId: string): AgentSnapshot | undefined {
    return this.engine.agentSnapshot(agentId);
  }

  /** Change an agent's queues / skills (team leader): stored, applied to routing at once, pushed to the agent. */
  updateAgent(config: AgentConfig): void {
    if (!this.agents.has(config.id)) throw new Error(`unknown agent ${config.id}`);
    this.queueStore.upsertAgentProfile(config);
    this.agents.set(config.id, config);
    this.run((now) => this.engine.upsertAgent(config, now));
    const items = this.waitingFor(config.id);
    this.waitingSent.set(config.id, JSON.stringify(items));
    this.flush([() => this.notifier.waitingChanged(config.id, items)]);
  }

  /** Extra priority for a contact (team leader); a waiting contact moves up in line at once. */
  setPriority(contactId: string, priority: number): void {
    this.run((now) => this.engine.setPriority(contactId, priority, now));
  }

  // ------------------------------------------------------------------ event application

  private run(fn: (now: number) => RoutingEvent[]): void {
    const now = this.clock.now();
    try {
      const events = fn(now);
      this.apply(events, now);
    } finally {
      this.arm();
    }
  }

  private apply(events: RoutingEvent[], now: number): void {
    if (events.length === 0) return;
    const notes: (() => void)[] = [];
    // Inside a command this is a savepoint of its transaction: the notes wait for the command's commit.
    this.contacts.transaction(() => {
      for (const e of events) this.applyOne(e, now, notes);
    });
    if (this.pending) this.pending.push(...notes);
    else this.flush(notes);
  }

  private flush(notes: (() => void)[]): void {
    for (const note of notes) {
      try {
        note();
      } catch (err) {
        this.log.error({ err }, 'notifying agents failed');
      }
    }
    if (this.touchedQueues.size > 0) this.scheduleWaitingBroadcast();
  }

  private applyOne(e: RoutingEvent, now: number, notes: (() => void)[]): void {
    switch (e.type) {
      case 'queued': {
        this.contacts.update(e.contactId, { status: 'queued' }, now);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'queued',
          at: e.at,
          data: { queueId: e.queueId },
        });
        this.touchedQueues.add(e.queueId);
        return;
      }
      case 'offered': {
        const c = this.contacts.get(e.contactId);
        if (!c) return;
        const offer = {
          offerId: e.offerId,
          contactId: e.contactId,
          agentId: e.agentId,
          expiresAt: e.expiresAt,
        };
        this.offers.set(e.offerId, offer);
        this.contacts.update(e.contactId, { status: 'offered' }, now);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'offered',
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId, expiresAt: e.expiresAt },
        });
        this.touchedQueues.add(c.queueId);
        const event = { offerId: e.offerId, contact: toContactSummary(c), expiresAt: iso(e.expiresAt) };
        notes.push(() => this.notifier.offered(e.agentId, event));
        return;
      }
      case 'offer-expired':
      case 'offer-declined':
      case 'offer-withdrawn': {
        this.offers.delete(e.offerId);
        const reason =
          e.type === 'offer-expired' ? 'expired' : e.type === 'offer-declined' ? 'declined' : 'withdrawn';
        this.remember(e.offerId, reason);
        const c = this.contacts.get(e.contactId);
        if (c?.status === 'offered') this.contacts.update(e.contactId, { status: 'queued' }, now);
        if (c) this.touchedQueues.add(c.queueId);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: e.type,
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId },
        });
        const revoked = {
          offerId: e.offerId,
          contactId: e.contactId,
          reason: reason === 'expired' ? ('expired' as const) : ('withdrawn' as const),
        };
        notes.push(() => this.notifier.offerRevoked(e.agentId, revoked));
        return;
      }
      case 'assigned': {
        this.offers.delete(e.offerId);
        this.remember(e.offerId, 'taken');
        this.contacts.update(
          e.contactId,
          { status: 'assigned', assignedAgentId: e.agentId, acceptedAt: e.at },
          now,
        );
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'assigned',
          at: e.at,
          agentId: e.agentId,
          data: { offerId: e.offerId },
        });
        const c = this.contacts.get(e.contactId);
        if (c) {
          this.touchedQueues.add(c.queueId);
          const dto = toContactDto(c);
          notes.push(() => {
            this.notifier.offerRevoked(e.agentId, {
              offerId: e.offerId,
              contactId: e.contactId,
              reason: 'taken',
            });
            this.notifier.contactUpdated(e.agentId, dto);
          });
        }
        return;
      }
      case 'requeued': {
        const before = this.contacts.get(e.contactId);
        this.contacts.update(
          e.contactId,
          { status: 'queued', queueId: e.queueId, assignedAgentId: null, acceptedAt: null },
          now,
        );
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'requeued',
          at: e.at,
          ...(before?.assignedAgentId !== undefined ? { agentId: before.assignedAgentId } : {}),
          data: { queueId: e.queueId, reason: e.reason },
        });
        this.touchedQueues.add(e.queueId);
        const previousAgent = before?.status === 'assigned' ? before.assignedAgentId : undefined;
        const after = this.contacts.get(e.contactId);
        if (previousAgent !== undefined && after) {
          const dto = toContactDto(after);
          notes.push(() => this.notifier.contactUpdated(previousAgent, dto));
        }
        return;
      }
      case 'overflowed': {
        this.contacts.update(e.contactId, { queueId: e.toQueueId }, now);
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'overflowed',
          at: e.at,
          data: { fromQueueId: e.fromQueueId, toQueueId: e.toQueueId },
        });
        this.touchedQueues.add(e.fromQueueId);
        this.touchedQueues.add(e.toQueueId);
        return;
      }
      case 'removed': {
        this.contacts.appendEvent({
          contactId: e.contactId,
          type: 'removed',
          at: e.at,
          data: { reason: e.reason },
        });
        const c = this.contacts.get(e.contactId);
        if (c) this.touchedQueues.add(c.queueId);
        return;
      }
      case 'presence-changed': {
        this.contacts.appendAgentEvent({
          agentId: e.agentId,
          type: 'presence-changed',
          at: e.at,
          data: { presence: e.presence, previous: e.previous, reason: e.reason },
        });
        if (e.previous === 'nawerk' && e.presence !== 'nawerk') {
          for (const c of this.contacts.listForAgent(e.agentId, ['nawerk']))
            this.closeIfInNawerk(c.id, now, notes);
        }
        notes.push(() => this.notifier.presenceChanged(e.agentId, this.agentState(e.agentId)));
        return;
      }
    }
  }

  private closeIfInNawerk(contactId: string, now: number, notes: (() => void)[]): void {
    const c = this.contacts.get(contactId);
    if (!c || c.status !== 'nawerk') return;
    this.contacts.update(contactId, { status: 'closed', closedAt: now }, now);
    this.contacts.appendEvent({
      contactId,
      type: 'closed',
      at: now,
      ...(c.assignedAgentId ? { agentId: c.assignedAgentId } : {}),
    });
    const closed = this.contacts.get(contactId);
    if (closed?.assignedAgentId !== undefined) {
      const agentId = closed.assignedAgentId;
      const dto = toContactDto(closed);
      notes.push(() => this.notifier.contactUpdated(agentId, dto));
    }
  }

  private remember(offerId: string, outcome: 'expired' | 'taken' | 'declined' | 'withdrawn'): void {
    this.outcomes.set(offerId, outcome);
    if (this.outcomes.size > MAX_REMEMBERED_OUTCOMES) {
      const oldest = this.outcomes.keys().next().value;
      if (oldest !== undefined) this.outcomes.delete(oldest);
    }
  }

  /**
   * Coalesce waiting-count pushes: at most one per agent per `waitingBroadcastDelayMs`, only when the agent's
   * counts changed, computed once per distinct set of queues and sent to all agents with that set in one emit.
   */
  private scheduleWaitingBroadcast(): void {
    if (this.waitingTimer !== undefined || this.stopped) return;
    this.waitingTimer = setTimeout(() => {
      this.waitingTimer = undefined;
      const touched = new Set(this.touchedQueues);
      this.touchedQueues.clear();
      const now = this.clock.now();
      const groups = new Map<string, { items: QueueWaiting[]; json: string; agentIds: string[] }>();
      for (const agentId of this.agents.keys()) {
        const ids = this.agentQueueIds(agentId);
        if (!ids.some((id) => touched.has(id))) continue;
        const key = ids.join('\n');
        let group = groups.get(key);
        if (!group) {
          const items = this.waitingIn(ids, now);
          group = { items, json: JSON.stringify(items), agentIds: [] };
          groups.set(key, group);
        }
        if (this.waitingSent.get(agentId) === group.json) continue;
        this.waitingSent.set(agentId, group.json);
        group.agentIds.push(agentId);
      }
      for (const { items, agentIds } of groups.values()) {
        if (agentIds.length === 0) continue;
        try {
          if (this.notifier.waitingChangedFor) this.notifier.waitingChangedFor(agentIds, items);
          else for (const agentId of agentIds) this.notifier.waitingChanged(agentId, items);
        } catch (err) {
          this.log.error({ err }, 'waiting broadcast failed');
        }
      }
    }, this.options.waitingBroadcastDelayMs ?? 50);
  }

  private arm(): void {
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
      try {
        this.run((now) => this.engine.advance(now));
      } catch (err) {
        this.log.error({ err }, 'routing timer failed');
      }
    });
  }

  private toContactInput(c: ContactRecord): ContactInput {
    return {
      id: c.id,
      queueId: c.queueId,
      channel: c.channel,
      priority: c.priority,
      arrivedAt: c.createdAt,
      ...(c.dueAt !== undefined ? { dueAt: c.dueAt } : {}),
    };
  }
}
