import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachStore, type OpenTestStore } from '../../../test-support/each-store';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import { createChannelsRetention } from './channels-retention';
import { channelsMigrations } from './channels.migrations';
import { createChatRepository } from './chat/chat.repository';
import { createKanaalswitchRepository } from './kanaalswitch.repository';
import { createCtiRepository } from './telefonie/cti.repository';
import { createCallbackRepository } from './terugbelverzoek/callback.repository';
import { createTranscriptsRepository } from './transcripts.repository';

/** On SQLite the channel tables reference `contacts` (foreign keys on): a stand-in holding just the ids. */
const contactsStandIn: StoreMigration = {
  id: 'test/contacts-stand-in',
  sqlite: 'CREATE TABLE contacts (id TEXT PRIMARY KEY);',
  postgres: 'CREATE TABLE contacts (id TEXT PRIMARY KEY);',
};

async function addContacts(store: Store, ...ids: string[]): Promise<void> {
  for (const id of ids) await sql`INSERT INTO contacts (id) VALUES (${id})`.execute(store.kysely<unknown>());
}

describeEachStore('channels repositories', (stores) => {
  let opened: OpenTestStore;
  beforeEach(async () => {
    opened = await stores.openStore([contactsStandIn, ...channelsMigrations]);
    await addContacts(opened.store, 'c-1', 'c-2', 'c-3');
  });

  it('chat: one conversation per contact, ended and its transcript claimed once', async () => {
    const repo = createChatRepository(opened.store);
    const conv = { id: 'conv-1', contactId: 'c-1', name: 'Anna', email: 'anna@example.nl', createdAt: 1_000 };
    await repo.insert(conv, 'hash-1');
    await expect(repo.insert({ ...conv, id: 'conv-2' }, 'hash-2')).rejects.toThrow();
    expect(await repo.get('conv-1')).toEqual(conv);
    expect(await repo.byResumeHash('hash-1')).toEqual(conv);
    expect(await repo.byContact('c-1')).toEqual(conv);
    expect(await repo.byContact('c-2')).toBeUndefined();

    expect(await repo.end('conv-1', 'inwoner', 2_000)).toBe(true);
    expect(await repo.end('conv-1', 'medewerker', 3_000)).toBe(false);
    await repo.rate('conv-1', 4, 'Snel geholpen', 4_000);
    expect(await repo.get('conv-1')).toMatchObject({
      endedAt: 2_000,
      endedBy: 'inwoner',
      rating: 4,
      ratingComment: 'Snel geholpen',
    });

    const claims = await Promise.all([
      repo.claimTranscript('conv-1', 5_000),
      repo.claimTranscript('conv-1', 5_000),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await repo.releaseTranscript('conv-1');
    expect(await repo.claimTranscript('conv-1', 6_000)).toBe(true);
  });

  it('terugbelverzoek: stored with its window, the outcome recorded once', async () => {
    const repo = createCallbackRepository(opened.store);
    const row = {
      contact_id: 'c-1',
      origin_contact_id: null,
      first_contact_id: 'c-1',
      telefoonnummer: '0612345678',
      voorkeur_van: 1_765_000_000_000,
      voorkeur_tot: 1_765_000_900_000,
      notitie: 'Over de aanvraag',
      poging: 1,
      max_pogingen: 3,
      created_by: 'anna',
      created_at: 1_765_000_000_000,
    };
    await repo.insert(row);
    expect(await repo.byContact('c-1')).toEqual({ ...row, uitkomst: null });
    const outcomes = await Promise.all([
      repo.setOutcome('c-1', 'niet-bereikt'),
      repo.setOutcome('c-1', 'gelukt'),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect((await repo.byContact('c-1'))?.uitkomst).toBe(outcomes[0] ? 'niet-bereikt' : 'gelukt');
  });

  it('CTI: every eventId is processed once; a replay gets the stored answer, a failed one may come again', async () => {
    const repo = createCtiRepository(opened.store);
    const event = { eventId: 'e-1', callId: 'call-1', type: 'call.offered' };
    const first = await Promise.all([repo.claim(event, 1_000), repo.claim(event, 1_000)]);
    expect(first.map((c) => c.kind).sort()).toEqual(['busy', 'claimed']);
    await repo.setCall('call-1', 'c-1', 'offered', 1_000);
    await repo.answer('e-1', 'c-1', '{"status":"processed"}');
    expect(await repo.claim(event, 2_000)).toEqual({ kind: 'duplicate', response: '{"status":"processed"}' });
    // Releasing an answered event changes nothing.
    await repo.release('e-1');
    expect((await repo.claim(event, 2_000)).kind).toBe('duplicate');

    const failing = { eventId: 'e-2', callId: 'call-1', type: 'call.answered' };
    expect((await repo.claim(failing, 3_000)).kind).toBe('claimed');
    await repo.release('e-2');
    expect((await repo.claim(failing, 3_000)).kind).toBe('claimed');

    await repo.setCall('call-1', 'c-1', 'answered', 3_000);
    expect(await repo.call('call-1')).toEqual({ callId: 'call-1', contactId: 'c-1', state: 'answered' });
    expect(await repo.call('call-2')).toBeUndefined();
  });

  it('kanaalswitch: one hint per contact; the latest in the window, never the contact itself', async () => {
    const repo = createKanaalswitchRepository(opened.store);
    await repo.addHint('c-1', 'p-1', 'telefoon', 1_000);
    await repo.addHint('c-1', 'p-2', 'chat', 1_500);
    await repo.addHint('c-2', 'p-1', 'email', 2_000);
    await repo.addHint('c-3', 'p-1', 'chat', 3_000);
    expect(await repo.latestHint('p-1', { from: 0, to: 3_000, exceptId: 'c-3' })).toEqual({
      contactId: 'c-2',
      channel: 'email',
      at: 2_000,
    });
    expect(await repo.latestHint('p-1', { from: 0, to: 1_999, exceptId: 'c-3' })).toEqual({
      contactId: 'c-1',
      channel: 'telefoon',
      at: 1_000,
    });
    expect(await repo.latestHint('p-2', { from: 0, to: 3_000, exceptId: 'c-3' })).toBeUndefined();
    expect(await repo.latestHint('p-1', { from: 3_001, to: 9_000, exceptId: 'c-9' })).toBeUndefined();
  });

  it('transcripts: a klantcontact links to one contact; a second link is ignored', async () => {
    const repo = createTranscriptsRepository(opened.store);
    await repo.link('kc-1', 'c-1', 1_000);
    await repo.link('kc-1', 'c-2', 2_000);
    expect(await repo.contactOf('kc-1')).toBe('c-1');
    expect(await repo.contactOf('kc-2')).toBeUndefined();
  });

  it('retention erases what identifies the resident and keeps the statistics', async () => {
    const chat = createChatRepository(opened.store);
    await chat.insert(
      {
        id: 'conv-1',
        contactId: 'c-1',
        name: 'Anna',
        email: 'a@example.nl',
        pageUrl: 'https://x',
        createdAt: 1,
      },
      'h-1',
    );
    await chat.end('conv-1', 'inwoner', 2);
    await chat.rate('conv-1', 5, 'Top', 3);
    await createCallbackRepository(opened.store).insert({
      contact_id: 'c-2',
      origin_contact_id: null,
      first_contact_id: 'c-2',
      telefoonnummer: '0612345678',
      voorkeur_van: 1,
      voorkeur_tot: null,
      notitie: 'Bel na vijven',
      poging: 1,
      max_pogingen: 3,
      created_by: null,
      created_at: 1,
    });
    await createKanaalswitchRepository(opened.store).addHint('c-3', 'p-1', 'chat', 1);

    const retention = createChannelsRetention(opened.store);
    expect(await retention.anonymise([])).toBe(0);
    expect(await retention.anonymise(['c-1', 'c-2', 'c-3'])).toBe(3);
    expect(await retention.anonymise(['c-1', 'c-2', 'c-3'])).toBe(0);
    expect(await chat.get('conv-1')).toEqual({
      id: 'conv-1',
      contactId: 'c-1',
      createdAt: 1,
      endedAt: 2,
      endedBy: 'inwoner',
      rating: 5,
    });
    expect(await createCallbackRepository(opened.store).byContact('c-2')).toMatchObject({
      telefoonnummer: '',
      notitie: null,
      poging: 1,
    });
    expect(
      await createKanaalswitchRepository(opened.store).latestHint('p-1', { from: 0, to: 9, exceptId: 'x' }),
    ).toBeUndefined();
  });
});
