import type { Db } from '../../store/db';
import type { StoredContactEvent } from '../dashboard/contact-fold';
import { toContactEvent } from '../dashboard/event-log';

interface ContactEventRow {
  seq: number;
  contact_id: string;
  type: string;
  at: number;
  agent_id: string | null;
  data: string | null;
}

/**
 * The contact events a report over [start, end) folds, chosen as the live read model chooses a day's
 * (`EventLogReader.dayReplay`): the events of the range, preceded by the earlier events of the contacts that
 * have events in the range, so a contact that arrived days before the range and was answered in it counts with
 * its real arrival and wait. Chosen by event time, not by sequence number, so rows written out of time order
 * (imports, seeded data) land in the range their time says. Each contact's events stay in log order; the fold
 * keeps state per contact only, so contacts need not be interleaved.
 */
export class RangeEvents {
  private readonly inRange;
  private readonly before;

  constructor(db: Db) {
    this.inRange = db.prepare<[number, number], ContactEventRow>(
      'SELECT * FROM contact_events WHERE at >= ? AND at < ? ORDER BY seq',
    );
    this.before = db.prepare<[string, number], ContactEventRow>(
      'SELECT * FROM contact_events WHERE contact_id = ? AND at < ? ORDER BY seq',
    );
  }

  between(start: number, end: number): StoredContactEvent[] {
    const rows = this.inRange.all(start, end);
    // A contact whose first event in the range is its `created` has no history before it.
    const seen = new Set<string>();
    const earlier: ContactEventRow[] = [];
    for (const r of rows) {
      if (seen.has(r.contact_id)) continue;
      seen.add(r.contact_id);
      if (r.type !== 'created') earlier.push(...this.before.all(r.contact_id, start));
    }
    return [...earlier, ...rows].map(toContactEvent);
  }
}
