import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test-support/each-store';
import { tempDataDir } from '../../test-support/test-server';
import {
  createAsyncContactsRepository,
  type ContactsTables,
} from '../modules/contacts/contacts.async-repository';
import { contactsMigrations } from '../modules/contacts/contacts.migrations';
import { createSqliteContactsRepository } from '../modules/contacts/contacts.repository';
import { contactsUnitOfWork } from '../modules/contacts/index';
import { openDatabase, type Db } from '../store/db';
import { migrate } from '../store/migrate';
import { serverMigrations } from '../store/migrations';
import { DomainEvents, type DomainEvent } from './domain-events';

/* The unit of work on the real event log (SQLite): what subscribers hear is exactly what was committed. */

let dataDir: string;
let db: Db;
const errors: unknown[] = [];
const log = { info: () => undefined, warn: () => undefined, error: (obj: unknown) => void errors.push(obj) };

beforeEach(() => {
  dataDir = tempDataDir();
  db = openDatabase(dataDir);
  migrate(db, serverMigrations([]));
  errors.length = 0;
});

afterEach(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function setup() {
  const { events, contacts } = contactsUnitOfWork(db, createSqliteContactsRepository(db), log);
  contacts.insertIfNew({
    id: 'c1',
    channel: 'telefoon',
    externalId: 'c1',
    queueId: 'algemeen',
    status: 'new',
    priority: 0,
    from: {},
    createdAt: 1,
  });
  const heard: DomainEvent[] = [];
  events.subscribe((e) => heard.push(e));
  const types = () => heard.map((e) => (e.type === 'contact-logged' ? e.event.type : e.type));
  const logged = () =>
    (db.prepare('SELECT type FROM contact_events ORDER BY seq').all() as { type: string }[]).map(
      (r) => r.type,
    );
  return { events, contacts, heard, types, logged };
}

describe('unit of work and event bus', () => {
  it('dispatches only after the commit, in the order recorded, with the log sequence numbers', () => {
    const { events, contacts, heard, types } = setup();
    let seenInside = -1;
    events.run(() => {
      contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 2 });
      events.record({ type: 'interne-taken-changed' });
      contacts.appendAgentEvent({ agentId: 'a', type: 'presence-changed', at: 3 });
      contacts.appendEvent({ contactId: 'c1', type: 'offered', at: 4, agentId: 'a' });
      seenInside = heard.length;
    });
    expect(seenInside).toBe(0);
    expect(types()).toEqual(['queued', 'interne-taken-changed', 'agent-logged', 'offered']);
    const seqs = heard.flatMap((e) => (e.type === 'contact-logged' ? [e.seq] : []));
    const rows = db.prepare('SELECT seq FROM contact_events ORDER BY seq').all() as { seq: number }[];
    expect(seqs).toEqual(rows.map((r) => r.seq));
  });

  it('dispatches nothing from a unit that rolled back, and drops what a failed nested unit recorded', () => {
    const { events, contacts, heard, types, logged } = setup();
    expect(() =>
      events.run(() => {
        contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 2 });
        events.record({ type: 'interne-taken-changed' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(heard).toEqual([]);
    expect(logged()).toEqual([]);

    events.run(() => {
      contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 2 });
      expect(() =>
        events.run(() => {
          contacts.appendEvent({ contactId: 'c1', type: 'offered', at: 3 });
          events.record({ type: 'interne-taken-changed' });
          throw new Error('inner');
        }),
      ).toThrow('inner');
      // The nested unit joined the outer one: nothing is dispatched before the outer commit.
      events.run(() => contacts.appendEvent({ contactId: 'c1', type: 'abandoned', at: 4 }));
      expect(heard).toEqual([]);
    });
    expect(types()).toEqual(['queued', 'abandoned']);
    expect(logged()).toEqual(['queued', 'abandoned']);
  });

  it('an append or record outside a unit is a unit of its own', () => {
    const { events, contacts, types } = setup();
    contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 2 });
    events.record({ type: 'interne-taken-changed' });
    expect(types()).toEqual(['queued', 'interne-taken-changed']);
  });

  it('a subscriber that throws is logged; the others still hear every event and the commit stands', () => {
    const { events, contacts, logged } = setup();
    const before: string[] = [];
    const after: string[] = [];
    events.on('contact-logged', (e) => before.push(e.event.type));
    events.subscribe(() => {
      throw new Error('subscriber down');
    });
    events.on('contact-logged', (e) => after.push(e.event.type));
    events.run(() => {
      contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 2 });
      contacts.appendEvent({ contactId: 'c1', type: 'offered', at: 3 });
    });
    expect(before).toEqual(['queued', 'offered']);
    expect(after).toEqual(['queued', 'offered']);
    expect(logged()).toEqual(['queued', 'offered']);
    expect(errors).toHaveLength(2);
  });

  it('events a subscriber commits reach every subscriber after the event it handled', () => {
    const { events, contacts } = setup();
    const first: string[] = [];
    const second: string[] = [];
    events.on('contact-logged', (e) => {
      first.push(e.event.type);
      // A subscriber's own unit of work, e.g. ending a chat when the contact is registered.
      if (e.event.type === 'registered') contacts.appendEvent({ contactId: 'c1', type: 'chat-ended', at: 6 });
    });
    events.on('contact-logged', (e) => second.push(e.event.type));
    events.run(() => contacts.appendEvent({ contactId: 'c1', type: 'registered', at: 5 }));
    expect(first).toEqual(['registered', 'chat-ended']);
    expect(second).toEqual(['registered', 'chat-ended']);
  });

  it('says so when a unit with events ran inside a transaction it does not own', () => {
    const { events, contacts, types } = setup();
    db.transaction(() => events.run(() => undefined))();
    expect(errors).toEqual([]);
    db.transaction(() => contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 2 }))();
    expect(types()).toEqual(['queued']);
    expect(errors).toHaveLength(1);
  });

  it('unsubscribing stops the handler', () => {
    const { events, contacts } = setup();
    const heard: string[] = [];
    const off = events.on('contact-logged', (e) => heard.push(e.event.type));
    contacts.appendEvent({ contactId: 'c1', type: 'queued', at: 2 });
    off();
    contacts.appendEvent({ contactId: 'c1', type: 'offered', at: 3 });
    expect(heard).toEqual(['queued']);
  });
});

describeEachStore('the unit of work on the async store', (stores) => {
  async function setupAsync() {
    const { store } = await stores.openStore(contactsMigrations);
    const repo = createAsyncContactsRepository(store);
    const asyncErrors: unknown[] = [];
    const quietLog = { ...log, error: (obj: unknown) => void asyncErrors.push(obj) };
    const noSyncStore = {
      transaction: <T>(fn: () => T) => fn(),
      inTransaction: () => false,
      appendContactEvent: () => {
        throw new Error('the synchronous event log is not used here');
      },
      appendAgentEvent: () => {
        throw new Error('the synchronous event log is not used here');
      },
    };
    const events = new DomainEvents(noSyncStore, quietLog, {
      unitOfWork: (fn) => store.unitOfWork(fn),
      appendContactEvent: (e) => repo.appendEvent(e),
      appendAgentEvent: (e) => repo.appendAgentEvent(e),
    });
    for (const id of ['c1', 'c2']) {
      await repo.insertIfNew({
        id,
        channel: 'telefoon',
        externalId: id,
        queueId: 'algemeen',
        status: 'new',
        priority: 0,
        from: {},
        createdAt: 1,
      });
    }
    const heard: DomainEvent[] = [];
    events.subscribe((e) => heard.push(e));
    const types = () => heard.map((e) => (e.type === 'contact-logged' ? e.event.type : e.type));
    const logged = async () =>
      (
        await store
          .kysely<ContactsTables>()
          .selectFrom('contact_events')
          .select(['seq', 'type'])
          .orderBy('seq')
          .execute()
      ).map((r) => r.type);
    return { store, repo, events, heard, types, logged, asyncErrors };
  }

  it('dispatches only after the commit, in the order recorded, with the log sequence numbers', async () => {
    const { store, events, heard, types } = await setupAsync();
    let seenInside = -1;
    await events.runAsync(async () => {
      await events.logContactAsync({ contactId: 'c1', type: 'queued', at: 2 });
      events.record({ type: 'interne-taken-changed' });
      await events.logAgentAsync({ agentId: 'a', type: 'presence-changed', at: 3 });
      await events.logContactAsync({ contactId: 'c1', type: 'offered', at: 4, agentId: 'a' });
      seenInside = heard.length;
    });
    expect(seenInside).toBe(0);
    expect(types()).toEqual(['queued', 'interne-taken-changed', 'agent-logged', 'offered']);
    const seqs = heard.flatMap((e) => (e.type === 'contact-logged' ? [e.seq] : []));
    const rows = await store
      .kysely<ContactsTables>()
      .selectFrom('contact_events')
      .select('seq')
      .orderBy('seq')
      .execute();
    expect(seqs).toEqual(rows.map((r) => Number(r.seq)));
  });

  it('dispatches nothing from a unit that rolled back, and drops what a failed nested unit recorded', async () => {
    const { events, heard, types, logged } = await setupAsync();
    await expect(
      events.runAsync(async () => {
        await events.logContactAsync({ contactId: 'c1', type: 'queued', at: 2 });
        events.record({ type: 'interne-taken-changed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(heard).toEqual([]);
    expect(await logged()).toEqual([]);

    await events.runAsync(async () => {
      await events.logContactAsync({ contactId: 'c1', type: 'queued', at: 2 });
      await expect(
        events.runAsync(async () => {
          await events.logContactAsync({ contactId: 'c1', type: 'offered', at: 3 });
          events.record({ type: 'interne-taken-changed' });
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      // The nested unit joined the outer one: nothing is dispatched before the outer commit.
      await events.runAsync(() => events.logContactAsync({ contactId: 'c1', type: 'abandoned', at: 4 }));
      expect(heard).toEqual([]);
    });
    expect(types()).toEqual(['queued', 'abandoned']);
    expect(await logged()).toEqual(['queued', 'abandoned']);
  });

  it('an append outside a unit is a unit of its own', async () => {
    const { events, types, logged } = await setupAsync();
    await events.logContactAsync({ contactId: 'c1', type: 'queued', at: 2 });
    events.record({ type: 'interne-taken-changed' });
    expect(types()).toEqual(['queued', 'interne-taken-changed']);
    expect(await logged()).toEqual(['queued']);
  });

  it('puts a repository’s rows and the events in one transaction: a failure takes both back', async () => {
    const { repo, events, heard } = await setupAsync();
    await expect(
      events.runAsync(async () => {
        await repo.update('c1', { status: 'queued' }, 2);
        await events.logContactAsync({ contactId: 'c1', type: 'queued', at: 2 });
        throw new Error('registration failed');
      }),
    ).rejects.toThrow('registration failed');
    expect((await repo.get('c1'))?.status).toBe('new');
    expect(heard).toEqual([]);
  });

  it('a subscriber that throws is logged; a subscriber’s own unit is heard after the event it handled', async () => {
    const { events, asyncErrors, logged } = await setupAsync();
    const first: string[] = [];
    const second: string[] = [];
    const followUps: Promise<void>[] = [];
    events.on('contact-logged', (e) => {
      first.push(e.event.type);
      if (e.event.type === 'registered')
        followUps.push(events.logContactAsync({ contactId: 'c1', type: 'chat-ended', at: 6 }));
    });
    events.subscribe(() => {
      throw new Error('subscriber down');
    });
    events.on('contact-logged', (e) => second.push(e.event.type));
    await events.runAsync(() => events.logContactAsync({ contactId: 'c1', type: 'registered', at: 5 }));
    await Promise.all(followUps);
    expect(first).toEqual(['registered', 'chat-ended']);
    expect(second).toEqual(['registered', 'chat-ended']);
    expect(asyncErrors).toHaveLength(2);
    expect(await logged()).toEqual(['registered', 'chat-ended']);
  });

  it('dispatches concurrent units each after its own commit, every event once', async () => {
    const { events, heard, logged } = await setupAsync();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        events.runAsync(async () => {
          await events.logContactAsync({ contactId: i % 2 ? 'c1' : 'c2', type: `e${i}`, at: i });
          await events.logContactAsync({ contactId: i % 2 ? 'c1' : 'c2', type: `f${i}`, at: i });
        }),
      ),
    );
    const byUnit = heard.map((e) => (e.type === 'contact-logged' ? e.event.type : ''));
    // Each unit's two events reach the subscribers together, in the order the unit recorded them.
    for (let k = 0; k < byUnit.length; k += 2) expect(byUnit[k + 1]).toBe(`f${byUnit[k]!.slice(1)}`);
    expect([...byUnit].sort()).toEqual([...(await logged())].sort());
    expect(byUnit).toHaveLength(16);
  });
});
