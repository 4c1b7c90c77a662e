import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { createContactsRetention } from './contacts-retention';
import { contactsMigrations } from './contacts.migrations';
import { createContactsRepository } from './contacts.repository';

describeEachStore('contacts retention', (stores) => {
  async function seeded() {
    const { store } = await stores.openStore(contactsMigrations);
    const contacts = createContactsRepository(store);
    const closed = async (id: string, closedAt: number | undefined) => {
      await contacts.insertIfNew({
        id,
        channel: 'chat',
        externalId: id,
        queueId: 'chat',
        status: 'new',
        priority: 0,
        subject: `Vraag ${id}`,
        body: 'Mijn adres is Dorpsstraat 1',
        from: { name: 'Jan Jansen', email: 'jan@example.nl' },
        createdAt: 1,
      });
      await contacts.update(id, { partijUuid: `p-${id}` }, 1);
      if (closedAt !== undefined) await contacts.update(id, { status: 'closed', closedAt }, closedAt);
      await contacts.appendEvent({
        contactId: id,
        type: 'csat',
        at: 2,
        data: { score: 4, comment: 'Jan was erg geholpen', channel: 'chat' },
      });
      await contacts.appendEvent({ contactId: id, type: 'queued', at: 1, data: { queueId: 'chat' } });
    };
    await closed('a', 100);
    await closed('b', 100);
    await closed('c', 200);
    await closed('open', undefined);
    return { store, contacts, retention: createContactsRetention(store) };
  }

  it('walks closed contacts by closing time and id, page by page, and counts them', async () => {
    const { retention } = await seeded();
    expect(await retention.countClosedBetween(-1, 200)).toBe(3);
    expect(await retention.countClosedBetween(100, 200)).toBe(1);
    const first = await retention.closedBetween(undefined, 200, 2);
    expect(first).toEqual([
      { id: 'a', closedAt: 100 },
      { id: 'b', closedAt: 100 },
    ]);
    expect(await retention.closedBetween(first[1], 200, 2)).toEqual([{ id: 'c', closedAt: 200 }]);
    expect(await retention.closedBetween({ id: 'c', closedAt: 200 }, 200, 2)).toEqual([]);
  });

  it('anonymises contacts and strips personal fields from their events, keeping the statistics', async () => {
    const { contacts, retention } = await seeded();
    expect(await retention.anonymise(['a', 'b'])).toBe(2);
    expect(await retention.anonymise(['a'])).toBe(0); // already anonymous
    const a = await contacts.get('a');
    expect(a).toMatchObject({ id: 'a', channel: 'chat', status: 'closed', closedAt: 100, from: {} });
    expect(a?.subject).toBeUndefined();
    expect(a?.body).toBeUndefined();
    expect(a?.partijUuid).toBeUndefined();
    expect((await contacts.events('a')).map((e) => e.data)).toEqual([
      { score: 4, channel: 'chat' },
      { queueId: 'chat' },
    ]);
    // Contacts that were not named keep everything.
    expect((await contacts.get('c'))?.subject).toBe('Vraag c');
    expect((await contacts.events('c'))[0]?.data).toMatchObject({ comment: 'Jan was erg geholpen' });
  });
});
