import type { Db } from '../../store/db';

/** A closed contact, in the order retention walks them: by closing time, then id. */
export interface ClosedContact {
  id: string;
  closedAt: number;
}

/** Fields of an event's data that say something about the resident (a CSAT comment, a move reason, the partij). */
const EVENT_PERSONAL_FIELDS = ['comment', 'reason', 'partijUuid'];

/**
 * What the retention job needs of contacts: which closed when, and anonymising them. Anonymising keeps the row
 * and its events for the statistics (channel, queue, times, outcome) and drops who it was about and what was said.
 */
export interface ContactsRetention {
  /** Contacts closed after `after` (exclusive, by closing time and id) and at or before `until`, oldest first. */
  closedBetween(after: ClosedContact | undefined, until: number, limit: number): ClosedContact[];
  countClosedBetween(after: number, until: number): number;
  anonymise(ids: readonly string[]): number;
}

export function createContactsRetention(db: Db): ContactsRetention {
  const page = db.prepare<[number, number, string, number, number], { id: string; closed_at: number }>(
    `SELECT id, closed_at FROM contacts
     WHERE closed_at IS NOT NULL AND (closed_at > ? OR (closed_at = ? AND id > ?)) AND closed_at <= ?
     ORDER BY closed_at, id LIMIT ?`,
  );
  const count = db.prepare<[number, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM contacts WHERE closed_at IS NOT NULL AND closed_at > ? AND closed_at <= ?',
  );
  const anonymiseContact = db.prepare(
    `UPDATE contacts SET subject = NULL, body = NULL, from_json = '{}', partij_uuid = NULL
     WHERE id = ? AND (subject IS NOT NULL OR body IS NOT NULL OR from_json <> '{}' OR partij_uuid IS NOT NULL)`,
  );
  const scrubEvents = db.prepare(
    `UPDATE contact_events SET data = json_remove(data, ${EVENT_PERSONAL_FIELDS.map((f) => `'$.${f}'`).join(', ')})
     WHERE contact_id = ? AND data IS NOT NULL AND json_valid(data)
       AND (${EVENT_PERSONAL_FIELDS.map((f) => `json_type(data, '$.${f}') IS NOT NULL`).join(' OR ')})`,
  );
  return {
    closedBetween(after, until, limit) {
      return page
        .all(after?.closedAt ?? -1, after?.closedAt ?? -1, after?.id ?? '', until, limit)
        .map((r) => ({ id: r.id, closedAt: r.closed_at }));
    },
    countClosedBetween(after, until) {
      return count.get(after, until)?.n ?? 0;
    },
    anonymise(ids) {
      let changed = 0;
      db.transaction(() => {
        for (const id of ids) {
          changed += anonymiseContact.run(id).changes;
          scrubEvents.run(id);
        }
      })();
      return changed;
    },
  };
}
