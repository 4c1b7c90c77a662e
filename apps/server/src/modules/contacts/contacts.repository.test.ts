import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { createContactsRepository, type ContactsTables } from './contacts.repository';
import { contactsMigrations } from './contacts.migrations';
import type { NewContact } from './contacts.repository';

const contact = (id: string, externalId = id): NewContact => ({
  id,
  channel: 'email',
  externalId,
  queueId: 'algemeen',
  status: 'new',
  priority: 1,
  subject: 'Vraag over afval',
  from: { name: 'J. Jansen', email: 'j@example.nl' },
  dueAt: 5_000,
  createdAt: 1_000,
});

describeEachStore('the contacts repository', (stores) => {
  it('stores a contact once per channel and external id, and reads it back as it was stored', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    const first = await contacts.insertIfNew(contact('c1', 'mail-1'));
    expect(first.created).toBe(true);
    const again = await contacts.insertIfNew({ ...contact('c2', 'mail-1'), subject: 'anders' });
    expect(again).toEqual({ contact: first.contact, created: false });
    expect(await contacts.get('c1')).toEqual({
      ...contact('c1', 'mail-1'),
      registrations: 0,
    });
    expect(await contacts.get('c2')).toBeUndefined();
  });

  it('stores one contact when the same inbound contact arrives many times at once', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    // Each arrival in a unit of work of its own, as the inbound route runs it; on PostgreSQL on their own clients.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.unitOfWork(async () => {
          const r = await contacts.insertIfNew(contact(`c${i}`, 'same-mail'));
          if (r.created) await contacts.appendEvent({ contactId: r.contact.id, type: 'queued', at: 1 });
          return r;
        }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stored = results.find((r) => r.created)!.contact.id;
    expect(new Set(results.map((r) => r.contact.id))).toEqual(new Set([stored]));
    const db = store.kysely<ContactsTables>();
    const n = await db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    expect((await contacts.events(stored)).map((e) => e.type)).toEqual(['queued']);
  });

  it('updates only the patched fields, and lists by status and by agent in their order', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    await contacts.insertIfNew({ ...contact('a'), createdAt: 3 });
    await contacts.insertIfNew({ ...contact('b'), createdAt: 1 });
    await contacts.insertIfNew({ ...contact('c'), createdAt: 2 });
    await contacts.update('a', { status: 'assigned', assignedAgentId: 'agent-1', acceptedAt: 10 }, 10);
    await contacts.update('c', { status: 'assigned', assignedAgentId: 'agent-1', acceptedAt: 5 }, 11);
    await contacts.update('b', { partijUuid: 'p-1', registrations: 2, subject: 'Nieuw' }, 12);
    await contacts.update('b', {}, 13); // nothing to change
    expect((await contacts.listByStatus(['new'])).map((c) => c.id)).toEqual(['b']);
    expect((await contacts.listByStatus(['new', 'assigned'])).map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect((await contacts.listForAgent('agent-1', ['assigned'])).map((c) => c.id)).toEqual(['c', 'a']);
    expect(await contacts.listForAgent('agent-1', [])).toEqual([]);
    const b = await contacts.get('b');
    expect(b).toMatchObject({ partijUuid: 'p-1', registrations: 2, subject: 'Nieuw', status: 'new' });
    await contacts.update('a', { assignedAgentId: null, acceptedAt: null, status: 'queued' }, 14);
    const a = await contacts.get('a');
    expect(a?.assignedAgentId).toBeUndefined();
    expect(a?.acceptedAt).toBeUndefined();
  });

  it('appends to the event logs with increasing sequence numbers, and refuses to change or delete them', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    await contacts.insertIfNew(contact('c1'));
    const s1 = await contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 1 });
    const s2 = await contacts.appendEvent({
      contactId: 'c1',
      type: 'offered',
      at: 2,
      agentId: 'agent-1',
      data: { offerId: 'o1' },
    });
    expect(s2).toBeGreaterThan(s1);
    expect(await contacts.events('c1')).toEqual([
      { seq: s1, contactId: 'c1', type: 'queued', at: 1 },
      { seq: s2, contactId: 'c1', type: 'offered', at: 2, agentId: 'agent-1', data: { offerId: 'o1' } },
    ]);
    const a1 = await contacts.appendAgentEvent({ agentId: 'agent-1', type: 'presence-changed', at: 3 });
    const a2 = await contacts.appendAgentEvent({
      agentId: 'agent-1',
      type: 'presence-changed',
      at: 4,
      data: { state: 'available' },
    });
    expect(a2).toBeGreaterThan(a1);
    const db = store.kysely<ContactsTables>();
    await expect(db.deleteFrom('contact_events').execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('contact_events').set({ type: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('agent_events').execute()).rejects.toThrow(/append-only/);
    // Retention may strip the free text from an event's data, nothing else.
    await db.updateTable('contact_events').set({ data: null }).where('seq', '=', s2).execute();
    expect((await contacts.events('c1')).map((e) => e.data)).toEqual([undefined, undefined]);
  });

  it('writes nothing of a unit of work that fails', async () => {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    await expect(
      store.unitOfWork(async () => {
        await contacts.insertIfNew(contact('c1'));
        await contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 1 });
        throw new Error('routing failed');
      }),
    ).rejects.toThrow('routing failed');
    expect(await contacts.get('c1')).toBeUndefined();
    expect(await contacts.events('c1')).toEqual([]);
  });
});
