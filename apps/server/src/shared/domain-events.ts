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
  /**
   * Run `fn` as one command: one unit of work on the store (every repository on it joins), events dispatched after
   * the commit. Commands run one after another (the in-process command queue); within one, await only the store.
   */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * The same for a synchronous store that has not moved yet (the embedded Klantinteracties): `fn` runs at once,
   * inside the caller's `run` when there is one, and what it records goes out after that commit.
   */
  runSync<T>(fn: () => T): T;
  /** Whether the caller runs inside a `run`. */
  inUnit(): boolean;
  /** Append to the contact event log, dispatched after the commit. Outside a `run` it is a unit of its own. */
  logContact(event: ContactLogInput): Promise<void>;
  logAgent(event: AgentLogInput): Promise<void>;
  /** Record an event that is not stored; dispatched after the commit (at once outside a `run`). */
  record(event: Notice): void;
}

/**
 * Where the unit of work writes: the async store's ambient unit of work (store/README.md) and the event log on it.
 * Every query inside `unitOfWork` joins its transaction; a nested one is a savepoint.
 */
export interface EventStore {
  unitOfWork<T>(fn: () => Promise<T>): Promise<T>;
  /** Append a row and return its sequence number. */
  appendContactEvent(event: ContactLogInput): Promise<number>;
  appendAgentEvent(event: AgentLogInput): Promise<number>;
}

interface OpenUnit {
  events: DomainEvent[];
  /** False once the unit committed or rolled back: a timer set inside it still carries it, closed. */
  open: boolean;
}

/**
 * The unit of work and the event bus of the server. Units run one after another through one in-process queue, so
 * the in-memory routing engine and the store see commands in the same order (docs/decisions.md); a `run` inside a
 * `run` joins it without queueing.
 */
export class DomainEvents implements UnitOfWork, EventBus {
  private readonly handlers = new Set<(event: DomainEvent) => void>();
  /** The unit the caller runs in (AsyncLocalStorage: follows the awaits of the command). */
  private readonly units = new AsyncLocalStorage<OpenUnit>();
  /** The events of a `runSync` outside any unit. */
  private syncPending: DomainEvent[] | undefined;
  /** The end of the command queue. */
  private tail: Promise<void> = Promise.resolve();
  /** Committed events not yet dispatched: a subscriber's own unit queues behind the event it is handling. */
  private readonly queue: DomainEvent[] = [];
  private dispatching = false;

  constructor(
    private readonly store: EventStore,
    private readonly log: Logger,
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

  /** Whether the caller runs inside a unit of work. */
  inUnit(): boolean {
    return this.pending() !== undefined;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.pending();
    if (outer) {
      // Joins the outer unit as a savepoint: what it recorded goes when its rows go.
      const mark = outer.length;
      try {
        return await this.store.unitOfWork(fn);
      } catch (err) {
        outer.length = mark;
        throw err;
      }
    }
    const previous = this.tail;
    let done!: () => void;
    this.tail = new Promise((resolve) => (done = resolve));
    const unit: OpenUnit = { events: [], open: true };
    try {
      await previous;
      const result = await this.store.unitOfWork(() => this.units.run(unit, fn));
      unit.open = false;
      this.dispatch(unit.events);
      return result;
    } finally {
      unit.open = false;
      done();
    }
  }

  runSync<T>(fn: () => T): T {
    const outer = this.syncPending ?? this.pending();
    if (outer) {
      const mark = outer.length;
      try {
        return fn();
      } catch (err) {
        outer.length = mark;
        throw err;
      }
    }
    const events: DomainEvent[] = [];
    this.syncPending = events;
    let result: T;
    try {
      result = fn();
    } finally {
      this.syncPending = undefined;
    }
    this.dispatch(events);
    return result;
  }

  async logContact(event: ContactLogInput): Promise<void> {
    const events = this.pending();
    if (!events) return this.run(() => this.logContact(event));
    const seq = await this.store.appendContactEvent(event);
    events.push({ type: 'contact-logged', seq, event });
  }

  async logAgent(event: AgentLogInput): Promise<void> {
    const events = this.pending();
    if (!events) return this.run(() => this.logAgent(event));
    const seq = await this.store.appendAgentEvent(event);
    events.push({ type: 'agent-logged', seq, event });
  }

  record(event: Notice): void {
    const pending = this.syncPending ?? this.pending();
    if (pending) pending.push(event);
    else this.dispatch([event]);
  }

  private pending(): DomainEvent[] | undefined {
    const unit = this.units.getStore();
    return unit?.open ? unit.events : undefined;
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
