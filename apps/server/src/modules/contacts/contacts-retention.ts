import { sql } from 'kysely';
import type { Store } from '../../store/store';
import type { ContactsTables } from './contacts.repository';

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
  closedBetween(after: ClosedContact | undefined, until: number, limit: number): Promise<ClosedContact[]>;
  countClosedBetween(after: number, until: number): Promise<number>;
  anonymise(ids: readonly string[]): Promise<number>;
}

export function createContactsRetention(store: Store): ContactsRetention {
  const db = store.kysely<ContactsTables>();
  // The event log's data is JSON text on both stores; only these fields go, the rest of the row stays.
  const scrubbed =
    store.dialect === 'postgres'
      ? sql<string>`(data::jsonb ${sql.raw(EVENT_PERSONAL_FIELDS.map((f) => `- '${f}'`).join(' '))})::text`
      : sql<string>`json_remove(data, ${sql.raw(EVENT_PERSONAL_FIELDS.map((f) => `'$.${f}'`).join(', '))})`;
  const hasPersonal =
    store.dialect === 'postgres'
      ? sql<boolean>`data::jsonb ?| array[${sql.raw(EVENT_PERSONAL_FIELDS.map((f) => `'${f}'`).join(', '))}]`
      : sql<boolean>`json_valid(data) AND (${sql.raw(
          EVENT_PERSONAL_FIELDS.map((f) => `json_type(data, '$.${f}') IS NOT NULL`).join(' OR '),
        )})`;
  return {
    async closedBetween(after, until, limit) {
      const at = after?.closedAt ?? -1;
      const rows = await db
        .selectFrom('contacts')
        .select(['id', 'closed_at'])
        .where('closed_at', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('closed_at', '>', at),
            eb.and([eb('closed_at', '=', at), eb('id', '>', after?.id ?? '')]),
          ]),
        )
        .where('closed_at', '<=', until)
        .orderBy('closed_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, closedAt: r.closed_at as number }));
    },
    async countClosedBetween(after, until) {
      const row = await db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('closed_at', 'is not', null)
        .where('closed_at', '>', after)
        .where('closed_at', '<=', until)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async anonymise(ids) {
      if (ids.length === 0) return 0;
      return db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('contacts')
          .set({ subject: null, body: null, from_json: '{}', partij_uuid: null })
          .where('id', 'in', ids)
          .where((eb) =>
            eb.or([
              eb('subject', 'is not', null),
              eb('body', 'is not', null),
              eb('from_json', '<>', '{}'),
              eb('partij_uuid', 'is not', null),
            ]),
          )
          .executeTakeFirst();
        await trx
          .updateTable('contact_events')
          .set({ data: scrubbed })
          .where('contact_id', 'in', ids)
          .where('data', 'is not', null)
          .where(hasPersonal)
          .execute();
        return Number(changed.numUpdatedRows);
      });
    },
  };
}
