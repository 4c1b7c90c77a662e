import { AsyncLocalStorage } from 'node:async_hooks';
import type { RegistrationRequest } from '@kcc/contracts/rest';
import type { AgentState, Channel, Contact, QueueWaiting } from '@kcc/contracts/domain';
import type { ContactOfferedEvent, OfferRevokedEvent } from '@kcc/contracts/realtime';
import type { Logger } from './logger';

/** A row of the contact event log (`contact_events`) as a command appends it. */
export interface ContactLogInput {
  contactId: string;
  type: string;
  at: number;
  agentId?: string;
  data?: Record<string, unknown>;
}

/** A row of the agent event log (`agent_events`). */
export interface AgentLogInput {
  agentId: string;
  type: string;
  at: number;
  data?: Record<string, unknown>;
}

/** A contact was registered as a klantcontact (issue 1). */
export interface RegisteredEvent {
  contactId: string;
  /** The channel the contact came in through (not the registration's kanaal, which the agent may change). */
  channel: Channel;
  agentId: string;
  klantcontactUuid: string;
  request: RegistrationRequest;
  at: number;
}

/** An interne taak went to `verwerkt`, whoever wrote it (the Klantinteracties API, the workplace). */
export interface InterneTaakVerwerkt {
  taakUuid: string;
  /** The onderwerp of the klantcontact it came from. */
  onderwerp: string;
  /** The afdeling it was assigned to (an actor of soort organisatorische_eenheid). */
  afdeling?: string;
  partijUuid?: string;
  /** The KCC contact of the klantcontact, when it was registered here. */
  contactId?: string;
}

/**
 * What a command did, as its subscribers hear it after the commit. `contact-logged` and `agent-logged` are the
 * rows the command appended to the event log (queued, offered, assigned, registered, transferred, abandoned,
 * presence-changed, …) with their sequence numbers; the others say what the agents' screens and other modules
 * need to know and are not stored.
 */
export type DomainEvent =
  | { type: 'contact-logged'; seq: number; event: ContactLogInput }
  | { type: 'agent-logged'; seq: number; event: AgentLogInput }
  /** An offer to an agent. */
  | { type: 'contact-offered'; agentId: string; offer: ContactOfferedEvent }
  | { type: 'offer-revoked'; agentId: string; revoked: OfferRevokedEvent }
  /** A contact an agent holds (or just let go of) changed: the agent sees its new state. */
  | { type: 'contact-changed'; agentId: string; contact: Contact }
  | { type: 'presence-changed'; agentId: string; state: AgentState }
  /** The waiting counts these agents see changed (coalesced by routing). */
  | { type: 'waiting-changed'; agentIds: string[]; items: QueueWaiting[] }
  | ({ type: 'contact-registered' } & RegisteredEvent)
  /** An interne taak was made, claimed, noted or finished: the workplaces refresh their lists. */
  | { type: 'interne-taken-changed' }
  | ({ type: 'interne-taak-verwerkt' } & InterneTaakVerwerkt)
  /** A terugbelverzoek got its last outcome. */
  | {
      type: 'terugbelverzoek-afgesloten';
      contactId: string;
      uitkomst: 'gelukt' | 'niet-bereikt';
      pogingen: number;
    };

export type DomainEventType = DomainEvent['type'];
/** An event that is not a row of the event log (those are appended with `logContact` / `logAgent`). */
export type Notice = Exclude<DomainEvent, { type: 'contact-logged' | 'agent-logged' }>;
export type EventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;

/** Subscribers hear committed events only, in commit order; they never run inside the command's transaction. */
export interface EventBus {
  subscribe(handler: (event: DomainEvent) => void): () => void;
  on<K extends DomainEventType>(type: K, handler: (event: EventOf<K>) => void): () => void;
}

/**
 * One command = one store transaction. What it records is appended to the event log in that transaction and
 * dispatched to the subscribers after the commit; a rollback dispatches nothing. A `run` inside a `run` joins the
 * outer unit (a savepoint: when it throws, what it recorded is dropped with its rows).
 */
export interface UnitOfWork {
  run<T>(fn: () => T): T;
  /** Append to the contact event log, dispatched after the commit. Outside a `run` it is a unit of its own. */
  logContact(event: ContactLogInput): void;
  logAgent(event: AgentLogInput): void;
  /** Record an event that is not stored; dispatched after the commit (at once outside a `run`). */
  record(event: Notice): void;
}

/** Where the unit of work writes: the store's transaction and the event log, in that transaction. */
export interface EventStore {
  /** Run `fn` in one transaction; nested calls are savepoints. */
  transaction<T>(fn: () => T): T;
  /** Whether a transaction is open on the store (one the unit may not own). */
  inTransaction(): boolean;
  /** Append a row and return its sequence number. */
  appendContactEvent(event: ContactLogInput): number;
  appendAgentEvent(event: AgentLogInput): number;
}

/**
 * Where the async unit of work writes: the async store's ambient unit of work (store/README.md) and the event log
 * on it. Every query inside `unitOfWork` joins its transaction; a nested one is a savepoint.
 */
export interface AsyncEventStore {
  unitOfWork<T>(fn: () => Promise<T>): Promise<T>;
  appendContactEvent(event: ContactLogInput): Promise<number>;
  appendAgentEvent(event: AgentLogInput): Promise<number>;
}

/**
 * The unit of work and the event bus of the server. Built so that `run` can become async with an async store:
 * subscribers only ever receive committed events, so they do not change.
 */
export class DomainEvents implements UnitOfWork, EventBus {
  private readonly handlers = new Set<(event: DomainEvent) => void>();
  /** The events of the running unit; undefined outside one. */
  private pending: DomainEvent[] | undefined;
  private warnedForeign = false;
  /** Committed events not yet dispatched: a subscriber's own unit queues behind the event it is handling. */
  private readonly queue: DomainEvent[] = [];
  private dispatching = false;
  /** The async unit the caller runs in (`runAsync`); a timer set inside one still sees it, closed, afterwards. */
  private readonly asyncUnits = new AsyncLocalStorage<{ events: DomainEvent[]; open: boolean }>();

  constructor(
    private readonly store: EventStore,
    private readonly log: Logger,
    private readonly asyncStore?: AsyncEventStore,
  ) {}

  subscribe(handler: (event: DomainEvent) => void): () => void {
    // A wrapper per subscription, so the same handler can subscribe twice and each unsubscribes its own.
    const entry = (event: DomainEvent) => handler(event);
    this.handlers.add(entry);
    return () => this.handlers.delete(entry);
  }

  on<K extends DomainEventType>(type: K, handler: (event: EventOf<K>) => void): () => void {
    return this.subscribe((event) => {
      if (event.type === type) handler(event as EventOf<K>);
    });
  }

  /**
   * The unit of work on the async store: one transaction that every repository on the store joins (the ambient
   * unit of work); events go out after the commit, in commit order; nothing from a rollback. A `runAsync` inside
   * one is a savepoint: when it throws, its rows and what it recorded are dropped. Within a unit, await only the
   * store, and run nested units one after another.
   *
   * Transition (issue 10 §2): the synchronous `run` / `logContact` / `logAgent` stay for routing's synchronous
   * commands until routing moves; a synchronous `run` inside an async unit joins it.
   */
  async runAsync<T>(fn: () => Promise<T>): Promise<T> {
    const store = this.asyncStore;
    if (!store) throw new Error('DomainEvents has no async store');
    const outer = this.asyncPending();
    if (outer) {
      const mark = outer.length;
      try {
        return await store.unitOfWork(fn);
      } catch (err) {
        outer.length = mark;
        throw err;
      }
    }
    const unit = { events: [] as DomainEvent[], open: true };
    let result: T;
    try {
      result = await store.unitOfWork(() => this.asyncUnits.run(unit, fn));
    } finally {
      unit.open = false;
    }
    this.dispatch(unit.events);
    return result;
  }

  private asyncPending(): DomainEvent[] | undefined {
    const unit = this.asyncUnits.getStore();
    return unit?.open ? unit.events : undefined;
  }

  /** Append to the contact event log in the caller's async unit (a unit of its own outside one). */
  async logContactAsync(event: ContactLogInput): Promise<void> {
    const events = this.asyncPending();
    if (!events) return this.runAsync(() => this.logContactAsync(event));
    const seq = await this.asyncStore!.appendContactEvent(event);
    events.push({ type: 'contact-logged', seq, event });
  }

  async logAgentAsync(event: AgentLogInput): Promise<void> {
    const events = this.asyncPending();
    if (!events) return this.runAsync(() => this.logAgentAsync(event));
    const seq = await this.asyncStore!.appendAgentEvent(event);
    events.push({ type: 'agent-logged', seq, event });
  }

  run<T>(fn: () => T): T {
    const outer = this.pending ?? this.asyncPending();
    if (outer) {
      // Joins the outer unit as a savepoint: what it recorded goes when its rows go.
      const mark = outer.length;
      try {
        return this.store.transaction(fn);
      } catch (err) {
        outer.length = mark;
        throw err;
      }
    }
    const events: DomainEvent[] = [];
    this.pending = events;
    let result: T;
    try {
      result = this.store.transaction(fn);
    } finally {
      this.pending = undefined;
    }
    if (events.length > 0 && this.store.inTransaction() && !this.warnedForeign) {
      // The unit ran inside a transaction it does not own: its events go out before that one commits.
      this.warnedForeign = true;
      this.log.error({}, 'domain events dispatched inside a transaction the unit of work does not own');
    }
    this.dispatch(events);
    return result;
  }

  logContact(event: ContactLogInput): void {
    const pending = this.pending ?? this.asyncPending();
    if (!pending) return this.run(() => this.logContact(event));
    pending.push({ type: 'contact-logged', seq: this.store.appendContactEvent(event), event });
  }

  logAgent(event: AgentLogInput): void {
    const pending = this.pending ?? this.asyncPending();
    if (!pending) return this.run(() => this.logAgent(event));
    pending.push({ type: 'agent-logged', seq: this.store.appendAgentEvent(event), event });
  }

  record(event: Notice): void {
    const pending = this.pending ?? this.asyncPending();
    if (pending) pending.push(event);
    else this.dispatch([event]);
  }

  /**
   * In commit order, to every subscriber; one that throws is logged and the others still hear the event. Events
   * committed by a subscriber wait until every subscriber heard the current one, so all see the same order.
   */
  private dispatch(events: DomainEvent[]): void {
    for (const event of events) this.queue.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        const event = this.queue[i] as DomainEvent;
        for (const handler of this.handlers) {
          try {
            handler(event);
          } catch (err) {
            this.log.error({ err, event: event.type }, 'domain event subscriber failed');
          }
        }
      }
    } finally {
      this.queue.length = 0;
      this.dispatching = false;
    }
  }
}
