import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../test-support/test-server';
import { createSqliteContactsRepository } from '../modules/contacts/contacts.repository';
import { contactsUnitOfWork } from '../modules/contacts/index';
import { openDatabase, type Db } from '../store/db';
import { migrate } from '../store/migrate';
import { serverMigrations } from '../store/migrations';
import type { DomainEvent } from './domain-events';

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
