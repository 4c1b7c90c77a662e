import type { ContactsRepository } from '../contacts/contacts.repository';
import type { StoredContactEvent } from '../dashboard/contact-fold';

/**
 * The contact events a report over [start, end) folds, chosen as the live read model chooses a day's
 * (`EventLogReader.dayReplay`): the events of the range, preceded by the earlier events of the contacts that
 * have events in the range, so a contact that arrived days before the range and was answered in it counts with
 * its real arrival and wait. Chosen by event time, not by sequence number, so rows written out of time order
 * (imports, seeded data) land in the range their time says. Read a page at a time: each page comes with the
 * earlier events of the contacts first seen in it, so each contact's events stay in log order; the fold keeps
 * state per contact only, so contacts need not be interleaved.
 */
export class RangeEvents {
  constructor(private readonly log: Pick<ContactsRepository, 'contactEventPages' | 'eventsBefore'>) {}

  async *between(start: number, end: number): AsyncGenerator<StoredContactEvent[]> {
    const seen = new Set<string>();
    const pages = this.log.contactEventPages({
      fromSeq: 0,
      toSeq: Number.MAX_SAFE_INTEGER,
      atFrom: start,
      atTo: end,
    });
    for await (const page of pages) {
      // A contact whose first event in the range is its `created` has no history before it.
      const withHistory: string[] = [];
      for (const e of page) {
        if (seen.has(e.contactId)) continue;
        seen.add(e.contactId);
        if (e.type !== 'created') withHistory.push(e.contactId);
      }
      const earlier = withHistory.length > 0 ? await this.log.eventsBefore(withHistory, start) : [];
      yield [...earlier, ...page];
    }
  }
}
