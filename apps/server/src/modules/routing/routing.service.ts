import type {
  AgentSettablePresence,
  AgentState,
  Contact,
  QueueInfo,
  QueueWaiting,
} from '@kcc/contracts/domain';
import { ACK_ERRORS } from '@kcc/contracts/realtime';
import { DEFAULT_CAPACITY } from '@kcc/routing';
import type {
  AgentConfig,
  AgentSnapshot,
  ChannelName,
  ContactInput,
  OfferToResult,
  QueueConfig,
  QueueSnapshot,
  RequeueReason,
  RoutingEngine,
  RoutingEvent,
} from '@kcc/routing';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import { toContactDto } from '../contacts/contacts.repository';
import type { QueuesRepository } from '../queues/queues.repository';
import { systemClock, type Clock } from '../../shared/clock';
import type { UnitOfWork } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';
import { ContactLifecycle } from './contact-lifecycle';
import { EngineAdapter, type OfferRecord } from './engine-adapter';
import { QueueDirectory, type QueueOverrides } from './queue-directory';
import { WaitingCounts } from './waiting-counts';

export type { OfferRecord } from './engine-adapter';

export type AcceptOutcome =
  { ok: true; contact: Contact } | { ok: false; error: 'expired' | 'taken' | typeof ACK_ERRORS.notFound };

export interface RoutingOptions extends QueueOverrides {
  /** How long waiting-count broadcasts are coalesced. */
  waitingBroadcastDelayMs?: number;
  /** Time and the deadline timer (default: the system clock). */
  clock?: Clock;
}

/**
 * Routing as the other modules see it: one entry over four parts, each owning one concept. The queue directory
 * (what is configured), the engine adapter (the engine, its offers, deadlines and the outcome of closed offers),
 * the contact lifecycle (what an engine event does to a contact in the store, and the domain events it records)
 * and the waiting counts (coalesced). Every change runs in the caller's unit of work; the agents hear of it
 * from the subscribers of its events, after the commit.
 */
export class RoutingService {
  private readonly directory: QueueDirectory;
  private readonly engine: EngineAdapter;
  private readonly waiting: WaitingCounts;
  private readonly lifecycle: ContactLifecycle;

  constructor(
    private readonly contacts: ContactsRepository,
    queueStore: QueuesRepository,
    private readonly log: Logger,
    private readonly events: UnitOfWork,
    options: RoutingOptions = {},
  ) {
    this.directory = new QueueDirectory(queueStore, {
      ...(options.acceptTimeoutMs !== undefined ? { acceptTimeoutMs: options.acceptTimeoutMs } : {}),
      ...(options.wrapUpMs !== undefined ? { wrapUpMs: options.wrapUpMs } : {}),
    });
    this.engine = new EngineAdapter(options.clock ?? systemClock, log, (fn) => this.command(fn));
    this.waiting = new WaitingCounts(events, log, {
      audience: () =>
        this.directory.agentIds().map((id) => [id, this.directory.servedQueueIds(id)] as [string, string[]]),
      countsIn: (queueIds) => this.waitingIn(queueIds, this.engine.now()),
      delayMs: options.waitingBroadcastDelayMs ?? 50,
    });
    this.lifecycle = new ContactLifecycle(contacts, events, this.waiting, (agentId) =>
      this.engine.agentState(agentId),
    );
    this.engine.onEvents((events, now) => this.lifecycle.apply(events, now));
  }

  // ------------------------------------------------------------------ startup

  /**
   * Load queues and agents, and rebuild the engine from the store: contacts that were waiting or offered go
   * back in line at their original arrival time; assigned contacts stay with their agent (who starts offline);
   * contacts in nawerk are closed. Returns the agents holding restored contacts (their reconnect grace starts now).
   */
  async start(): Promise<{ agentsWithActiveContacts: string[] }> {
    const { queues, agents } = await this.directory.load();
    for (const q of queues) this.engine.addQueue(q);
    const restoredAgents = new Set<string>();
    const now = this.engine.now();
    this.engine.configure((engine) => {
      for (const a of agents) engine.upsertAgent(a, now);
    });
    await this.command(async () => {
      await this.lifecycle.closeAfterRestart(now);
      for (const c of await this.contacts.listByStatus(['assigned'])) {
        const agentId = c.assignedAgentId;
        let restored = false;
        this.engine.configure((engine) => {
          restored = agentId !== undefined && this.restoreAssignment(engine, c, agentId, now);
        });
        if (restored && agentId !== undefined) {
          restoredAgents.add(agentId);
          await this.lifecycle.markRestored(c, agentId, now);
        } else {
          await this.lifecycle.markRequeuedAfterRestart(c, now);
        }
      }
      for (const c of await this.contacts.listByStatus(['new', 'queued', 'offered'])) {
        if (!this.directory.hasQueue(c.queueId)) {
          this.log.warn({ contactId: c.id, queueId: c.queueId }, 'contact in unknown queue not restored');
          continue;
        }
        this.engine.configure((engine) => engine.enqueue(this.toContactInput(c), now));
        if (c.status !== 'queued') await this.lifecycle.markRequeuedAfterRestart(c, now);
      }
    });
    this.engine.arm();
    return { agentsWithActiveContacts: [...restoredAgents] };
  }

  /**
   * One routing command: queued behind the running ones and run in one unit of work (`UnitOfWork.run`), so the
   * engine and the store see commands in the same order. Inside the caller's unit it simply runs there (no
   * savepoint: a routing failure fails the caller's command).
   */
  private command<T>(fn: () => Promise<T>): Promise<T> {
    return this.events.inUnit() ? fn() : this.events.run(fn);
  }

  /**
   * The engine has no "assign directly": at startup every agent is offline, so making only this agent available
   * and enqueueing the contact yields an offer to exactly this agent, which we accept at once.
   */
  private restoreAssignment(engine: RoutingEngine, c: ContactRecord, agentId: string, now: number): boolean {
    if (!this.directory.isAgent(agentId) || !this.directory.hasQueue(c.queueId)) return false;
    engine.setPresence(agentId, 'beschikbaar', now);
    const events = engine.enqueue(this.toContactInput(c), now);
    const offer = events.find(
      (e): e is Extract<RoutingEvent, { type: 'offered' }> =>
        e.type === 'offered' && e.contactId === c.id && e.agentId === agentId,
    );
    const accepted = offer ? engine.accept(offer.offerId, agentId, now).ok : false;
    engine.setPresence(agentId, 'offline', now);
    return accepted;
  }

  stop(): void {
    this.engine.stop();
    this.waiting.stop();
  }

  // ------------------------------------------------------------------ queries

  hasQueue(queueId: string): boolean {
    return this.directory.hasQueue(queueId);
  }

  queueIds(): string[] {
    return this.directory.queueIds();
  }

  /** The queue inbound contacts of this channel land in when they name none. */
  defaultQueueFor(channel: string): string | undefined {
    return this.directory.defaultQueueFor(channel);
  }

  queueServes(queueId: string, channel: string): boolean {
    return this.directory.queueServes(queueId, channel);
  }

  isAgent(userId: string): boolean {
    return this.directory.isAgent(userId);
  }

  agentState(agentId: string): AgentState {
    return this.engine.agentState(agentId);
  }

  activeContactIds(agentId: string): string[] {
    return this.engine.activeContactIds(agentId);
  }

  offersFor(agentId: string): OfferRecord[] {
    return this.engine.offersFor(agentId);
  }

  queueInfosFor(agentId: string): QueueInfo[] {
    return this.directory.queueInfosFor(agentId);
  }

  waitingFor(agentId: string): QueueWaiting[] {
    return this.waitingIn(this.directory.servedQueueIds(agentId), this.engine.now());
  }

  /** The counts for a newly connected window of this agent; the next push goes to the agent even if unchanged. */
  waitingOnConnect(agentId: string): QueueWaiting[] {
    this.waiting.forget(agentId);
    return this.waitingFor(agentId);
  }

  private waitingIn(queueIds: string[], now: number): QueueWaiting[] {
    return queueIds.flatMap((id) => {
      const q = this.directory.queueConfig(id);
      if (!q) return [];
      const snap = this.engine.queueSnapshot(id, now);
      return [
        {
          queue: id,
          name: q.name,
          waiting: snap.waiting,
          longestWaitSeconds:
            snap.oldestArrivedAt !== undefined
              ? Math.max(0, Math.floor((now - snap.oldestArrivedAt) / 1000))
              : 0,
        },
      ];
    });
  }

  // ------------------------------------------------------------------ commands
  // Each is one command (`command`): in the caller's unit of work, or in one of its own behind the running ones.
  // The in-memory engine is not rolled back, so a unit makes its routing calls after everything that may throw.

  enqueue(contact: ContactRecord): Promise<void> {
    return this.command(() =>
      this.engine.run((engine, now) => engine.enqueue(this.toContactInput(contact), now)),
    );
  }

  setPresence(agentId: string, presence: AgentSettablePresence): Promise<AgentState> {
    return this.command(async () => {
      await this.engine.run((engine, now) => engine.setPresence(agentId, presence, now));
      return this.agentState(agentId);
    });
  }

  accept(offerId: string, agentId: string): Promise<AcceptOutcome> {
    return this.command(async (): Promise<AcceptOutcome> => {
      const outcome = await this.engine.accept(offerId, agentId);
      if (!outcome.ok)
        return { ok: false, error: outcome.error === 'not_found' ? ACK_ERRORS.notFound : outcome.error };
      const contact = await this.contacts.get(outcome.contactId);
      return contact
        ? { ok: true, contact: toContactDto(contact) }
        : { ok: false, error: ACK_ERRORS.notFound };
    });
  }

  /** `false` when the offer is not (or no longer) this agent's. */
  decline(offerId: string, agentId: string): Promise<boolean> {
    return this.command(async () => {
      const offer = this.engine.offer(offerId);
      if (!offer || offer.agentId !== agentId) return false;
      await this.engine.run((engine, now) => engine.decline(offerId, agentId, now));
      return true;
    });
  }

  /** The contact is done (registered): the agent goes into nawerk for the queue's wrap-up time. */
  finish(contactId: string, agentId: string): Promise<void> {
    return this.command(async () => {
      try {
        await this.engine.run((engine, now) => engine.finish(contactId, now));
      } catch (err) {
        // The registration stands; an engine that lost track of the contact must not turn that into an error.
        this.log.error({ err, contactId }, 'engine finish failed');
      }
      if (this.engine.agentSnapshot(agentId)?.presence !== 'nawerk') {
        // No wrap-up (0 s) or the engine kept the agent working: the contact closes right away.
        await this.lifecycle.closeIfInNawerk(contactId, this.engine.now());
      }
    });
  }

  /** Put the agent's assigned contacts back in their queues (reconnect grace expired). */
  requeueActive(agentId: string, reason: RequeueReason): Promise<void> {
    return this.command(async () => {
      const ids = this.activeContactIds(agentId);
      if (ids.length === 0) return;
      await this.engine.run((engine, now) => ids.flatMap((id) => engine.requeue(id, reason, now)));
    });
  }

  /** Called by the registration flow after it stored the contact's new state. */
  announceContact(contactId: string): Promise<void> {
    return this.lifecycle.announce(contactId);
  }

  // ------------------------------------------------------------------ channel operations (issue 3)

  queueConfig(queueId: string): QueueConfig | undefined {
    return this.directory.queueConfig(queueId);
  }

  /** Agents who can take a contact of this queue and channel soon: beschikbaar or in nawerk, with capacity. */
  agentsOnDuty(queueId: string, channel: ChannelName): number {
    let n = 0;
    for (const agentId of this.directory.agentIds()) {
      const config = this.directory.agentConfig(agentId);
      if ((config?.capacity[channel] ?? 0) <= 0 || !this.directory.servedQueueIds(agentId).includes(queueId))
        continue;
      const presence = this.engine.agentSnapshot(agentId)?.presence;
      if (presence === 'beschikbaar' || presence === 'nawerk') n++;
    }
    return n;
  }

  /** End a contact nobody answered yet (caller hung up, resident left the chat): status `abandoned`. */
  abandon(contactId: string, reason: string): Promise<boolean> {
    return this.command(async () => {
      const c = await this.contacts.get(contactId);
      if (!c || (c.status !== 'new' && c.status !== 'queued' && c.status !== 'offered')) return false;
      await this.engine.run((engine, now) => engine.cancel(contactId, now));
      await this.lifecycle.markAbandoned(c, reason, this.engine.now());
      return true;
    });
  }

  /** Move a contact (waiting, offered or assigned) to another queue; it keeps its place in line by arrival. */
  transferToQueue(contactId: string, toQueueId: string): Promise<void> {
    return this.command(() =>
      this.engine.run((engine, now) => engine.requeue(contactId, 'transfer', now, toQueueId)),
    );
  }

  /** Offer a contact to one specific colleague now (warm transfer); the current holder lets go of it. */
  offerTo(
    contactId: string,
    agentId: string,
  ): Promise<
    { ok: true; offerId: string } | { ok: false; error: Extract<OfferToResult, { ok: false }>['error'] }
  > {
    return this.command(async () => {
      const before = await this.contacts.get(contactId);
      let result: OfferToResult = { ok: false, error: 'unknown_contact', events: [] };
      await this.engine.run((engine, now) => {
        result = engine.offerTo(contactId, agentId, now);
        return result.events;
      });
      const outcome = result as OfferToResult;
      if (!outcome.ok) return { ok: false as const, error: outcome.error };
      const previous = before?.status === 'assigned' ? before.assignedAgentId : undefined;
      if (previous !== undefined) await this.lifecycle.release(contactId, previous, this.engine.now());
      return { ok: true as const, offerId: outcome.offerId };
    });
  }

  /** A closed or wrapped-up contact gets new input (an e-mail reply in its thread): back in its queue. */
  reopen(contactId: string, reason: string): Promise<boolean> {
    return this.command(async () => {
      const c = await this.contacts.get(contactId);
      if (!c || (c.status !== 'closed' && c.status !== 'nawerk' && c.status !== 'abandoned')) return false;
      if (!this.directory.hasQueue(c.queueId)) return false;
      await this.lifecycle.markReopened(contactId, reason, this.engine.now());
      const fresh = await this.contacts.get(contactId);
      if (fresh) await this.enqueue(fresh);
      return true;
    });
  }

  // ------------------------------------------------------------------ team-leader dashboard (issue 6)

  agentIds(): string[] {
    return this.directory.agentIds();
  }

  agentConfig(agentId: string): AgentConfig | undefined {
    return this.directory.agentConfig(agentId);
  }

  /** The queues this agent serves now (its own list, or every queue when the list is empty). */
  servedQueueIds(agentId: string): string[] {
    return this.directory.servedQueueIds(agentId);
  }

  queueSnapshot(queueId: string): QueueSnapshot {
    return this.engine.queueSnapshot(queueId);
  }

  agentSnapshot(agentId: string): AgentSnapshot | undefined {
    return this.engine.agentSnapshot(agentId);
  }

  /**
   * Make a medewerker an agent on their first login through the identity provider: every queue, default
   * capacity, no skills (a team leader sets queues and skills on the dashboard). Does nothing for a known agent.
   */
  async enrolAgent(userId: string): Promise<void> {
    if (this.directory.isAgent(userId)) return;
    const config: AgentConfig = { id: userId, skills: {}, capacity: { ...DEFAULT_CAPACITY }, queueIds: [] };
    await this.directory.addAgent(config);
    await this.command(() => this.engine.upsertAgent(config));
  }

  /** Change an agent's queues / skills (team leader): stored, applied to routing at once, pushed to the agent. */
  async updateAgent(config: AgentConfig): Promise<void> {
    await this.directory.updateAgent(config);
    await this.command(() => this.engine.upsertAgent(config));
    this.waiting.now(config.id, this.waitingFor(config.id));
  }

  /** Extra priority for a contact (team leader); a waiting contact moves up in line at once. */
  setPriority(contactId: string, priority: number): Promise<void> {
    return this.command(() => this.engine.run((engine, now) => engine.setPriority(contactId, priority, now)));
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
