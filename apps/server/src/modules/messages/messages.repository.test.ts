import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore, type StoreUnderTest } from '../../../test-support/each-store';
import { tempDataDir } from '../../../test-support/test-server';
import { createMessagesRetention } from './messages-retention';
import {
  createMessagesRepository,
  DuplicateExternalId,
  messagesMigrations,
  type NewMessage,
  type StoredAttachment,
} from './messages.repository';

/**
 * A store with the messages tables. On SQLite they keep their foreign key to `contacts` (another module's table,
 * not here), so the test turns the check off on its own connection.
 */
async function openMessages(stores: StoreUnderTest) {
  const { store } = await stores.openStore(messagesMigrations);
  if (stores.dialect === 'sqlite') await sql`PRAGMA foreign_keys = OFF`.execute(store.kysely());
  return { store, repo: createMessagesRepository(store) };
}

const message = (id: string, contactId: string, extra: Partial<NewMessage> = {}): NewMessage => ({
  id,
  contactId,
  channel: 'email',
  direction: 'in',
  body: `tekst ${id}`,
  at: 1000,
  ...extra,
});

const attachment = (
  id: string,
  storedPath = `/nergens/${id}`,
): Omit<StoredAttachment, 'contactId' | 'messageId'> => ({
  id,
  filename: `${id}.pdf`,
  contentType: 'application/pdf',
  size: 3,
  sha256: 'abc',
  storedPath,
  at: 1000,
});

describeEachStore('messages repository', (stores) => {
  it('lists a contact’s messages in the order they were stored, also within one millisecond', async () => {
    const { repo } = await openMessages(stores);
    // Ids and times that sort against the storing order: only the insertion sequence gives z, a, m.
    await repo.add(message('z', 'c-1', { at: 2000 }));
    await repo.add(
      message('a', 'c-1', { at: 1000, direction: 'uit', agentId: 'user-anna', fromLabel: 'Anna' }),
    );
    await repo.add(message('other', 'c-2'));
    await repo.add(message('m', 'c-1', { at: 1000, meta: { subject: 'Vraag' }, html: '<p>x</p>' }));
    expect((await repo.list('c-1')).map((m) => m.id)).toEqual(['z', 'a', 'm']);
    expect((await repo.listFor(['c-2', 'c-1', 'c-1'])).map((m) => m.id)).toEqual(['z', 'a', 'other', 'm']);
    expect(await repo.get('m')).toEqual({
      ...message('m', 'c-1', { at: 1000, meta: { subject: 'Vraag' }, html: '<p>x</p>' }),
      deliveryAttempts: 0,
      revision: 0,
    });
    expect(await repo.get('a')).toMatchObject({ agentId: 'user-anna', fromLabel: 'Anna', direction: 'uit' });
    expect(await repo.get('nope')).toBeUndefined();
    expect(await repo.listFor([])).toEqual([]);
  });

  it('finds the first message of a thread by Message-ID, in the order the ids are given', async () => {
    const { repo } = await openMessages(stores);
    await repo.add(message('m1', 'c-1', { externalId: '<een@x>' }));
    await repo.add(message('m2', 'c-2', { externalId: '<twee@x>' }));
    expect((await repo.findByExternalIds(['<onbekend@x>', '<twee@x>', '<een@x>']))?.id).toBe('m2');
    expect((await repo.findByExternalIds(['<een@x>', '<twee@x>']))?.id).toBe('m1');
    expect(await repo.findByExternalIds([])).toBeUndefined();
    // One Message-ID per channel: a second delivery of the same mail is refused by the store.
    await expect(repo.add(message('m3', 'c-3', { externalId: '<een@x>' }))).rejects.toBeInstanceOf(
      DuplicateExternalId,
    );
    await repo.add(message('m4', 'c-3', { externalId: '<een@x>', channel: 'webformulier' }));
  });

  it('keeps a message and its attachments together: all stored, or none', async () => {
    const { repo } = await openMessages(stores);
    await repo.add(message('m1', 'c-1'), [attachment('b'), attachment('a')]);
    expect((await repo.attachments('c-1')).map((a) => [a.id, a.messageId, a.contactId])).toEqual([
      ['a', 'm1', 'c-1'],
      ['b', 'm1', 'c-1'],
    ]);
    expect(await repo.attachment('c-1', 'a')).toEqual({
      ...attachment('a'),
      contactId: 'c-1',
      messageId: 'm1',
    });
    expect(await repo.attachment('c-2', 'a')).toBeUndefined();
    // An attachment id that exists already: the message does not stay behind without its attachments.
    await expect(repo.add(message('m2', 'c-1'), [attachment('c'), attachment('a')])).rejects.toThrow();
    expect(await repo.get('m2')).toBeUndefined();
    expect(await repo.attachment('c-1', 'c')).toBeUndefined();
  });

  it('tracks delivery: revision, due retries, the failure until sent, and what did not go out', async () => {
    const { repo } = await openMessages(stores);
    const out = (id: string, extra: Partial<NewMessage> = {}) =>
      message(id, 'c-1', { direction: 'uit', agentId: 'user-anna', delivery: 'pending', ...extra });
    await repo.add(out('r1', { meta: { to: 'jan@example.nl' } }));
    await repo.add(out('r2', { nextAttemptAt: 5000 }));
    await repo.add(out('auto', { agentId: undefined, delivery: 'pending', nextAttemptAt: 9000 }));
    expect(await repo.nextDueAt()).toBe(0);
    expect((await repo.dueDeliveries(4000, 10)).map((m) => m.id)).toEqual(['r1']);
    expect((await repo.dueDeliveries(5000, 10)).map((m) => m.id)).toEqual(['r1', 'r2']);
    expect((await repo.dueDeliveries(9000, 2)).map((m) => m.id)).toEqual(['r1', 'r2']);

    const failure = { reason: 'relay-down', detail: 'verbinding geweigerd' };
    await repo.setDelivery('r1', 'pending', 1, 7000, failure);
    expect(await repo.get('r1')).toMatchObject({
      delivery: 'pending',
      deliveryAttempts: 1,
      nextAttemptAt: 7000,
      revision: 1,
      meta: { to: 'jan@example.nl', deliveryFailure: failure },
    });
    expect(await repo.nextDueAt()).toBe(5000);
    // A new attempt without a new failure keeps the last one.
    await repo.setDelivery('r1', 'pending', 2, 8000);
    expect((await repo.get('r1'))?.meta).toEqual({ to: 'jan@example.nl', deliveryFailure: failure });
    await repo.setDelivery('r2', 'failed', 8, undefined, { reason: 'rejected', detail: '550' });
    expect((await repo.undelivered('c-1')).map((m) => m.id)).toEqual(['r1', 'r2']);

    await repo.setDelivery('r1', 'sent', 3);
    const sent = await repo.get('r1');
    expect(sent).toMatchObject({
      delivery: 'sent',
      deliveryAttempts: 3,
      revision: 3,
      meta: { to: 'jan@example.nl' },
    });
    expect(sent?.nextAttemptAt).toBeUndefined();
    expect(sent?.meta).not.toHaveProperty('deliveryFailure');
    // The automatic receipt is no reply: it never counts as undelivered.
    expect((await repo.undelivered('c-1')).map((m) => m.id)).toEqual(['r2']);
    expect(await repo.nextDueAt()).toBe(9000);
    await repo.setDelivery('auto', 'sent', 1);
    expect(await repo.nextDueAt()).toBeUndefined();
  });

  it('retention empties the texts and deletes the attachments, files first, of the given contacts only', async () => {
    const { store, repo } = await openMessages(stores);
    const dir = tempDataDir();
    const file = path.join(dir, 'bijlage');
    fs.writeFileSync(file, 'pdf');
    await repo.add(message('m1', 'c-1', { html: '<p>x</p>', fromLabel: 'Jan' }), [attachment('a', file)]);
    await repo.add(message('m2', 'c-1', { body: '' }));
    await repo.add(message('m3', 'c-2', { fromLabel: 'Piet' }), [attachment('b')]);
    const retention = createMessagesRetention(store);
    expect(await retention.deleteAttachments([])).toBe(0);
    expect(await retention.deleteAttachments(['c-1'])).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(await repo.attachments('c-1')).toEqual([]);
    expect(await retention.eraseTexts(['c-1'])).toBe(1);
    expect(await retention.eraseTexts(['c-1'])).toBe(0);
    expect(await repo.get('m1')).toMatchObject({ body: '' });
    expect(await repo.get('m1')).not.toHaveProperty('html');
    expect(await repo.get('m1')).not.toHaveProperty('fromLabel');
    expect(await repo.get('m3')).toMatchObject({ body: 'tekst m3', fromLabel: 'Piet' });
    expect((await repo.attachments('c-2')).map((a) => a.id)).toEqual(['b']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
