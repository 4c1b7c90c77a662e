import { expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import { describeEachStore } from '../../../test-support/each-store';
import type { Store } from '../../store/store';
import { contactsMigrations } from './contacts.migrations';
import {
  createContactsRepository,
  type ContactsTables,
  type ContactEventRecord,
} from './contacts.repository';

type EventRow = Insertable<ContactsTables['contact_events']>;

async function insertEvents(store: Store, rows: EventRow[]): Promise<void> {
  const db = store.kysely<ContactsTables>();
  // In slices: one statement takes a bounded number of parameters.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('contact_events')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

async function insertContact(store: Store, id: string, fields: Partial<ContactsTables['contacts']> = {}) {
  await store
    .kysely<ContactsTables>()
    .insertInto('contacts')
    .values({
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
      ...fields,
    })
    .execute();
}

async function all<T>(pages: AsyncIterable<T[]>): Promise<{ pages: number; rows: T[] }> {
  let n = 0;
  const rows: T[] = [];
  for await (const page of pages) {
    n++;
    rows.push(...page);
  }
  return { pages: n, rows };
}

describeEachStore('the event-log reads of the contacts repository', (stores) => {
  it('pages a range by seq in log order, bounded by seq and by time, with the data parsed', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    // 4500 events of three contacts, interleaved; time runs backwards every 1000 rows (rows out of time order).
    const rows: EventRow[] = Array.from({ length: 4500 }, (_, i) => ({
      contact_id: `c${i % 3}`,
      type: i % 2 === 0 ? 'queued' : 'note',
      at: 1_000_000 + (i % 1000) * 10 + Math.floor(i / 1000),
      agent_id: i % 5 === 0 ? 'user-anna' : null,
      data: i % 2 === 0 ? JSON.stringify({ queueId: 'algemeen', i }) : null,
    }));
    for (const id of ['c0', 'c1', 'c2']) await insertContact(store, id);
    await insertEvents(store, rows);
    expect(await contacts.eventLogMaxSeqs()).toEqual({ contact: 4500, agent: 0 });

    const whole = await all(contacts.contactEventPages({ fromSeq: 0, toSeq: Number.MAX_SAFE_INTEGER }));
    expect(whole.pages).toBe(3);
    expect(whole.rows.map((e) => e.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(whole.rows[4]).toEqual({
      seq: 5,
      contactId: 'c1',
      type: 'queued',
      at: 1_000_040,
      data: { queueId: 'algemeen', i: 4 },
    });
    expect(whole.rows[5]).toEqual({
      seq: 6,
      contactId: 'c2',
      type: 'note',
      at: 1_000_050,
      agentId: 'user-anna',
    });

    const bounded = await all(contacts.contactEventPages({ fromSeq: 1500, toSeq: 4200 }));
    expect(bounded.rows.map((e) => e.seq)).toEqual(Array.from({ length: 2701 }, (_, i) => 1500 + i));

    // By time: [1_000_100, 1_000_200) holds rows 10..19 of each thousand (five of them, the last one partly).
    const byTime = await all(
      contacts.contactEventPages({ fromSeq: 0, toSeq: 4500, atFrom: 1_000_100, atTo: 1_000_200 }),
    );
    const expected = rows.flatMap((r, i) => (r.at >= 1_000_100 && r.at < 1_000_200 ? [i + 1] : []));
    expect(byTime.rows.map((e) => e.seq)).toEqual(expected);
    expect(expected.length).toBe(50);
  });

  it('reads what a day replay needs: first seqs, carried-over events, each agent’s last presence', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    const DAY = 10_000;
    await insertContact(store, 'old-closed'); // before the day only, closed: not carried over
    await insertContact(store, 'old-open', { status: 'queued' }); // before the day, still open: carried over
    await insertContact(store, 'spans'); // arrived before the day, answered in it: carried over
    await insertContact(store, 'today'); // only today
    const ev = (contact_id: string, type: string, at: number): EventRow => ({
      contact_id,
      type,
      at,
      agent_id: null,
      data: null,
    });
    await insertEvents(store, [
      ev('old-closed', 'created', 100),
      ev('old-open', 'created', 200),
      ev('spans', 'created', 300),
      ev('old-closed', 'closed', 400),
      ev('old-open', 'queued', 500),
      ev('spans', 'queued', 600),
      ev('today', 'created', DAY + 1),
      ev('spans', 'assigned', DAY + 2),
    ]);
    for (const [agentId, presence, at] of [
      ['user-anna', 'beschikbaar', 100],
      ['user-bram', 'pauze', 200],
      ['user-anna', 'pauze', 300],
      ['user-anna', 'beschikbaar', DAY + 5],
    ] as const) {
      await contacts.appendAgentEvent({ agentId, type: 'presence-changed', at, data: { presence } });
    }
    await contacts.appendAgentEvent({ agentId: 'user-bram', type: 'queues-changed', at: 250 });

    expect(await contacts.eventLogFirstSeqsAt(DAY)).toEqual({ contact: 7, agent: 4 });
    expect(await contacts.eventLogFirstSeqsAt(DAY * 10)).toEqual({});
    const carried = await all(contacts.carriedOverEventPages(7, 8));
    expect(carried.rows.map((e) => [e.seq, e.contactId])).toEqual([
      [2, 'old-open'],
      [3, 'spans'],
      [5, 'old-open'],
      [6, 'spans'],
    ]);
    const before = await contacts.presenceBefore(4);
    expect(before.map((e) => [e.seq, e.agentId, e.data?.presence])).toEqual([
      [2, 'user-bram', 'pauze'],
      [3, 'user-anna', 'pauze'],
    ]);
  });

  it('reads the history before a time, placements and waiting contacts for more ids than one statement takes', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    const ids = Array.from({ length: 700 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const db = store.kysely<ContactsTables>();
    await db
      .insertInto('contacts')
      .values(
        ids.map((id, i) => ({
          id,
          channel: i % 2 === 0 ? 'chat' : 'email',
          external_id: id,
          queue_id: i % 3 === 0 ? 'belastingen' : 'algemeen',
          status: i < 5 ? (i === 2 ? 'offered' : 'queued') : 'closed',
          priority: i === 4 ? 5 : 0,
          from_json: '{}',
          created_at: 1000 - i,
          updated_at: 1000,
          registrations: 0,
        })),
      )
      .execute();
    // Two events each, the second after `before`; written newest contact first, so seq order is not id order.
    const rows: EventRow[] = [...ids].reverse().flatMap((id) => [
      { contact_id: id, type: 'created', at: 10, agent_id: null, data: null },
      { contact_id: id, type: 'closed', at: 50, agent_id: null, data: null },
    ]);
    await insertEvents(store, rows);
    const history: ContactEventRecord[] = await contacts.eventsBefore(ids, 20);
    expect(history).toHaveLength(700);
    expect(history.every((e) => e.type === 'created')).toBe(true);
    expect(history.map((e) => e.seq)).toEqual([...history.map((e) => e.seq)].sort((a, b) => a - b));

    const placed = await contacts.placements([...ids, 'unknown']);
    expect(placed.size).toBe(700);
    expect(placed.get('k003')).toEqual({ queueId: 'belastingen', channel: 'email' });
    expect(placed.has('unknown')).toBe(false);

    // Waiting in algemeen: k001, k002 (offered), k004 (priority 5): highest priority first, then the oldest.
    const waiting = await contacts.waitingInQueue('algemeen', 50);
    expect(waiting.map((w) => [w.id, w.status, w.priority])).toEqual([
      ['k004', 'queued', 5],
      ['k002', 'offered', 0],
      ['k001', 'queued', 0],
    ]);
    expect(await contacts.waitingInQueue('algemeen', 1)).toHaveLength(1);
  });
});
