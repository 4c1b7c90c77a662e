import { expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import { describeEachStore } from '../../../test-support/each-store';
import { contactsMigrations } from '../contacts/contacts.migrations';
import { createContactsRepository, type ContactsTables } from '../contacts/contacts.repository';
import { RangeEvents } from './range-events';

describeEachStore('the events a report folds', (stores) => {
  it('gives each contact with events in the range its earlier history first, also beyond the first page', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const db = store.kysely<ContactsTables>();
    const START = 100_000;
    const ids = ['busy', 'late', 'new'];
    await db
      .insertInto('contacts')
      .values(
        ids.map((id) => ({
          id,
          channel: 'telefoon',
          external_id: id,
          queue_id: 'algemeen',
          status: 'closed',
          priority: 0,
          from_json: '{}',
          created_at: 0,
          updated_at: 0,
          registrations: 0,
        })),
      )
      .execute();
    const ev = (
      contact_id: string,
      type: string,
      at: number,
    ): Insertable<ContactsTables['contact_events']> => ({
      contact_id,
      type,
      at,
      agent_id: null,
      data: null,
    });
    // 'late' arrived before the range and is first seen in the range after more than one page of 'busy' rows.
    const rows = [
      ev('late', 'created', START - 50),
      ev('late', 'queued', START - 40),
      ev('busy', 'created', START + 1),
      ...Array.from({ length: 2500 }, (_, i) => ev('busy', 'note', START + 2 + i)),
      ev('late', 'assigned', START + 3000),
      ev('new', 'created', START + 3001),
      ev('late', 'closed', START * 10), // after the range
    ];
    for (let i = 0; i < rows.length; i += 1000)
      await db
        .insertInto('contact_events')
        .values(rows.slice(i, i + 1000))
        .execute();

    const events = new RangeEvents(createContactsRepository(store));
    const pages: { contactId: string; type: string; at: number }[][] = [];
    for await (const page of events.between(START, START * 2)) pages.push(page);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.flat();
    expect(all.filter((e) => e.contactId === 'busy')).toHaveLength(2501);
    expect(all.filter((e) => e.contactId !== 'busy').map((e) => [e.contactId, e.type])).toEqual([
      ['late', 'created'],
      ['late', 'queued'],
      ['late', 'assigned'],
      ['new', 'created'],
    ]);
    // The history of 'late' comes in the page where the contact is first seen, before its event there.
    const last = pages.at(-1) ?? [];
    expect(last.slice(0, 2).map((e) => e.type)).toEqual(['created', 'queued']);
  });
});
