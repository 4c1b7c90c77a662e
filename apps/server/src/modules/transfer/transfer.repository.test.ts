import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore, type StoreUnderTest } from '../../../test-support/each-store';
import type { StoreMigration } from '../../store/migration';
import { createNawerkNotities, nawerkMigrations } from '../registration/nawerk-notities';
import { createTransferRetention } from './transfer-retention';
import { createTransferRepository, transferMigrations, type Note } from './transfer.repository';

const note = (id: string, contactId: string, at: number, extra: Partial<Note> = {}): Note => ({
  id,
  contactId,
  kind: 'overdracht',
  fromAgentId: 'user-anna',
  text: `notitie ${id}`,
  at,
  ...extra,
});

/**
 * A store with these migrations. On SQLite the tables keep their foreign key to `contacts` (another module's
 * table, not here), so the test turns the check off on its own connection.
 */
async function openModuleStore(stores: StoreUnderTest, migrations: readonly StoreMigration[]) {
  const { store } = await stores.openStore(migrations);
  if (stores.dialect === 'sqlite') await sql`PRAGMA foreign_keys = OFF`.execute(store.kysely());
  return { store };
}

describeEachStore('transfer repository', (stores) => {
  it('lists a contact’s notes in the order they were written, also within one millisecond', async () => {
    const { store } = await openModuleStore(stores, transferMigrations);
    const repo = createTransferRepository(store);
    // Ids that sort against the writing order: only the insertion order can give z, a, m.
    await repo.addNote(note('z', 'c-1', 1000, { toQueue: 'algemeen' }));
    await repo.addNote(note('a', 'c-1', 1000, { kind: 'consult', toAgentId: 'user-bram' }));
    await repo.addNote(
      note('m', 'c-1', 1000, { kind: 'consult-antwoord', replyTo: 'a', toAgentId: 'user-anna' }),
    );
    await repo.addNote(note('b', 'c-1', 999));
    await repo.addNote(note('other', 'c-2', 1));
    expect((await repo.notes('c-1')).map((n) => n.id)).toEqual(['b', 'z', 'a', 'm']);
    expect(await repo.note('m')).toEqual(
      note('m', 'c-1', 1000, { kind: 'consult-antwoord', replyTo: 'a', toAgentId: 'user-anna' }),
    );
    expect(await repo.note('z')).toEqual(note('z', 'c-1', 1000, { toQueue: 'algemeen' }));
    expect(await repo.note('nope')).toBeUndefined();
  });

  it('keeps one draft per contact and agent, the last one saved', async () => {
    const { store } = await openModuleStore(stores, transferMigrations);
    const repo = createTransferRepository(store);
    await repo.saveDraft({
      contactId: 'c-1',
      agentId: 'user-anna',
      draft: { onderwerp: 'eerste' },
      savedAt: 10,
    });
    await repo.saveDraft({
      contactId: 'c-1',
      agentId: 'user-bram',
      draft: { onderwerp: 'bram' },
      savedAt: 20,
    });
    await repo.saveDraft({
      contactId: 'c-1',
      agentId: 'user-anna',
      draft: { onderwerp: 'tweede' },
      savedAt: 30,
    });
    expect(await repo.drafts('c-1')).toEqual([
      { contactId: 'c-1', agentId: 'user-bram', draft: { onderwerp: 'bram' }, savedAt: 20 },
      { contactId: 'c-1', agentId: 'user-anna', draft: { onderwerp: 'tweede' }, savedAt: 30 },
    ]);
    expect(await repo.drafts('c-2')).toEqual([]);
  });

  it('deletes the notes and drafts of expired contacts only (retention)', async () => {
    const { store } = await openModuleStore(stores, transferMigrations);
    const repo = createTransferRepository(store);
    await repo.addNote(note('n1', 'c-1', 1));
    await repo.addNote(note('n2', 'c-1', 2));
    await repo.addNote(note('n3', 'c-2', 3));
    await repo.saveDraft({ contactId: 'c-1', agentId: 'user-anna', draft: {}, savedAt: 4 });
    const retention = createTransferRetention(store);
    expect(await retention.deleteNotesAndDrafts([])).toBe(0);
    expect(await retention.deleteNotesAndDrafts(['c-1', 'c-9'])).toBe(3);
    expect(await repo.notes('c-1')).toEqual([]);
    expect(await repo.drafts('c-1')).toEqual([]);
    expect((await repo.notes('c-2')).map((n) => n.id)).toEqual(['n3']);
  });
});

describeEachStore('nawerk notities', (stores) => {
  it('keeps one note per contact, removes it when emptied, and finds the notes of a history page', async () => {
    const { store } = await stores.openStore(nawerkMigrations);
    const notities = createNawerkNotities(store);
    await notities.put('c-1', 'Eerste versie', 'user-anna', 100);
    await notities.put('c-1', 'Teruggebeld, opgelost', 'user-anna', 200);
    await notities.put('c-2', 'Andere', 'user-bram', 300);
    expect(await notities.get('c-1')).toEqual({ tekst: 'Teruggebeld, opgelost', updatedAt: 200 });
    expect(await notities.forContacts(['c-1', 'c-2', 'c-1', 'c-3'])).toEqual(
      new Map([
        ['c-1', 'Teruggebeld, opgelost'],
        ['c-2', 'Andere'],
      ]),
    );
    expect(await notities.forContacts([])).toEqual(new Map());
    await notities.put('c-2', '  ', 'user-bram', 400);
    expect(await notities.get('c-2')).toBeUndefined();
    expect(await notities.deleteFor(['c-1', 'c-2'])).toBe(1);
    expect(await notities.get('c-1')).toBeUndefined();
  });
});
