import type { ContactsRepository } from '../contacts/contacts.repository';
import type { StoredAgentEvent, StoredContactEvent } from './contact-fold';

export type EventLogReads = Pick<
  ContactsRepository,
  | 'eventLogMaxSeqs'
  | 'eventLogFirstSeqsAt'
  | 'contactEventPages'
  | 'agentEventPages'
  | 'carriedOverEventPages'
  | 'presenceBefore'
>;

export interface DayReplay {
  /** Earlier events (log order) of contacts that arrived before the day and still count in it. */
  carriedOver: AsyncIterable<StoredContactEvent[]>;
  /** Each agent's last `presence-changed` before the day: its presence when the day began. */
  presenceBefore: StoredAgentEvent[];
  contactEvents: AsyncIterable<StoredContactEvent[]>;
  agentEvents: AsyncIterable<StoredAgentEvent[]>;
}

/** Reads the append-only contact and agent event logs (the contacts repository) in log order, a page at a time. */
export class EventLogReader {
  constructor(private readonly log: EventLogReads) {}

  maxSeqs(): Promise<{ contact: number; agent: number }> {
    return this.log.eventLogMaxSeqs();
  }

  /**
   * What the live read model needs to rebuild "today" from `dayStart`, up to the given seqs: the contact events
   * from the first one at or after `dayStart` on, preceded by the earlier events of the contacts that still
   * matter today (they have events today, or are open now: a contact that arrived before midnight and is
   * answered after it), and each agent's last presence before the day.
   */
  async dayReplay(dayStart: number, max: { contact: number; agent: number }): Promise<DayReplay> {
    const first = await this.log.eventLogFirstSeqsAt(dayStart);
    const firstContact = first.contact ?? max.contact + 1;
    const firstAgent = first.agent ?? max.agent + 1;
    return {
      carriedOver: this.log.carriedOverEventPages(firstContact, max.contact),
      presenceBefore: await this.log.presenceBefore(firstAgent),
      contactEvents: this.log.contactEventPages({ fromSeq: firstContact, toSeq: max.contact }),
      agentEvents: this.log.agentEventPages({ fromSeq: firstAgent, toSeq: max.agent }),
    };
  }
}

/** Walks pages of a log one row at a time; a new page is read only when the current one is used up. */
export class PageCursor<T> {
  private page: T[] = [];
  private i = 0;
  private done = false;
  private readonly pages: AsyncIterator<T[]>;

  constructor(pages: AsyncIterable<T[]>) {
    this.pages = pages[Symbol.asyncIterator]();
  }

  /** The current page is used up and another may follow (then `refill`). */
  exhausted(): boolean {
    return this.i >= this.page.length && !this.done;
  }

  /** Reads the next page when the current one is used up: that page, else undefined. */
  async refill(): Promise<T[] | undefined> {
    if (!this.exhausted()) return undefined;
    const next = await this.pages.next();
    if (next.done === true) {
      this.done = true;
      return undefined;
    }
    this.page = next.value;
    this.i = 0;
    return this.page;
  }

  current(): T | undefined {
    return this.page[this.i];
  }

  advance(): void {
    this.i++;
  }
}
