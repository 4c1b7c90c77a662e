import type { ContactEventInput, ContactsRepository } from '../contacts/contacts.repository';

export interface AgentEventInput {
  agentId: string;
  type: string;
  at: number;
  data?: Record<string, unknown>;
}

/** One appended event, in append order (contact and agent events interleaved as they were written). */
export type TappedEvent =
  { log: 'contact'; event: ContactEventInput } | { log: 'agent'; event: AgentEventInput };

export interface TappedBatch {
  events: TappedEvent[];
  /**
   * Every event in `events` was committed, as far as the tap can tell: none was appended in a transaction the
   * tap does not own or one that threw (rolled back, at least to a savepoint), and the journal did not overflow.
   * The reader still compares the count with the log before it trusts the batch.
   */
  trusted: boolean;
}

/** More than this many events between two reads: drop the journal, the reader reads the log instead. */
const MAX_JOURNAL = 20_000;

/**
 * Tells readers of the event log that rows were appended, and hands them the appended events so they need not
 * read them back. The notification runs after the current synchronous work (setImmediate), so a reader reads
 * only after the transaction it was appended in ended. Whether that transaction committed the tap knows for its
 * own `transaction` wrapper; anything else (an append in a transaction opened elsewhere, a rollback) marks the
 * batch untrusted and the reader falls back to the log.
 */
export class EventTap {
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private journal: TappedEvent[] = [];
  private trusted = true;
  private depth = 0;
  private inTransaction: () => boolean = () => false;

  /** The same repository; appending an event pokes the listeners. */
  wrap(repo: ContactsRepository): ContactsRepository {
    return {
      ...repo,
      appendEvent: (event) => {
        repo.appendEvent(event);
        this.record({ log: 'contact', event: { ...event } });
      },
      appendAgentEvent: (event) => {
        repo.appendAgentEvent(event);
        this.record({ log: 'agent', event: { ...event } });
      },
      transaction: <T>(fn: () => T): T => {
        this.depth++;
        try {
          return repo.transaction(fn);
        } catch (err) {
          this.trusted = false; // rolled back (to a savepoint): some journalled events may not exist
          throw err;
        } finally {
          this.depth--;
          // Our outermost wrapper ended but a transaction is still open: it was nested in one we do not see.
          if (this.depth === 0 && this.inTransaction()) this.trusted = false;
        }
      },
    };
  }

  /** How to ask whether the store is inside a transaction (the reader's `db.inTransaction`). */
  attach(inTransaction: () => boolean): void {
    this.inTransaction = inTransaction;
  }

  subscribe(listener: () => void): () => void {
    if (this.listeners.size === 0) this.take();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events appended since the last call. */
  take(): TappedBatch {
    const batch = { events: this.journal, trusted: this.trusted };
    this.journal = [];
    this.trusted = true;
    return batch;
  }

  poke(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    });
  }

  private record(entry: TappedEvent): void {
    if (this.listeners.size > 0) {
      if (this.depth === 0 && this.inTransaction()) this.trusted = false;
      if (this.journal.length < MAX_JOURNAL) this.journal.push(entry);
      else this.trusted = false;
    }
    this.poke();
  }
}
