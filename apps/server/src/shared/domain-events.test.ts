import { expect, it } from 'vitest';
import { describeEachStore } from '../../test-support/each-store';
import { contactsMigrations } from '../modules/contacts/contacts.migrations';
import { createContactsRepository, type ContactsTables } from '../modules/contacts/contacts.repository';
import { DomainEvents, type DomainEvent } from './domain-events';

/* The unit of work on the real event log, on both stores: what subscribers hear is exactly what was committed. */

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeEachStore('the unit of work and event bus', (stores) => {
  async function setupAsync() {
    const { store } = await stores.openStore(contactsMigrations);
    const repo = createContactsRepository(store);
    const asyncErrors: unknown[] = [];
    const quietLog = { ...log, error: (obj: unknown) => void asyncErrors.push(obj) };
    const events = new DomainEvents(
      {
        unitOfWork: (fn) => store.unitOfWork(fn),
        appendContactEvent: (e) => repo.appendEvent(e),
        appendAgentEvent: (e) => repo.appendAgentEvent(e),
      },
      quietLog,
    );
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
    await events.run(async () => {
      await events.logContact({ contactId: 'c1', type: 'queued', at: 2 });
      events.record({ type: 'interne-taken-changed' });
      await events.logAgent({ agentId: 'a', type: 'presence-changed', at: 3 });
      await events.logContact({ contactId: 'c1', type: 'offered', at: 4, agentId: 'a' });
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
      events.run(async () => {
        await events.logContact({ contactId: 'c1', type: 'queued', at: 2 });
        events.record({ type: 'interne-taken-changed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(heard).toEqual([]);
    expect(await logged()).toEqual([]);

    await events.run(async () => {
      await events.logContact({ contactId: 'c1', type: 'queued', at: 2 });
      await expect(
        events.run(async () => {
          await events.logContact({ contactId: 'c1', type: 'offered', at: 3 });
          events.record({ type: 'interne-taken-changed' });
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      // The nested unit joined the outer one: nothing is dispatched before the outer commit.
      await events.run(() => events.logContact({ contactId: 'c1', type: 'abandoned', at: 4 }));
      expect(heard).toEqual([]);
    });
    expect(types()).toEqual(['queued', 'abandoned']);
    expect(await logged()).toEqual(['queued', 'abandoned']);
  });

  it('an append outside a unit is a unit of its own', async () => {
    const { events, types, logged } = await setupAsync();
    await events.logContact({ contactId: 'c1', type: 'queued', at: 2 });
    events.record({ type: 'interne-taken-changed' });
    expect(types()).toEqual(['queued', 'interne-taken-changed']);
    expect(await logged()).toEqual(['queued']);
  });

  it('puts a repository’s rows and the events in one transaction: a failure takes both back', async () => {
    const { repo, events, heard } = await setupAsync();
    await expect(
      events.run(async () => {
        await repo.update('c1', { status: 'queued' }, 2);
        await events.logContact({ contactId: 'c1', type: 'queued', at: 2 });
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
        followUps.push(events.logContact({ contactId: 'c1', type: 'chat-ended', at: 6 }));
    });
    events.subscribe(() => {
      throw new Error('subscriber down');
    });
    events.on('contact-logged', (e) => second.push(e.event.type));
    await events.run(() => events.logContact({ contactId: 'c1', type: 'registered', at: 5 }));
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
        events.run(async () => {
          await events.logContact({ contactId: i % 2 ? 'c1' : 'c2', type: `e${i}`, at: i });
          await events.logContact({ contactId: i % 2 ? 'c1' : 'c2', type: `f${i}`, at: i });
        }),
      ),
    );
    const byUnit = heard.map((e) => (e.type === 'contact-logged' ? e.event.type : ''));
    // Each unit's two events reach the subscribers together, in the order the unit recorded them.
    for (let k = 0; k < byUnit.length; k += 2) expect(byUnit[k + 1]).toBe(`f${byUnit[k]!.slice(1)}`);
    expect([...byUnit].sort()).toEqual([...(await logged())].sort());
    expect(byUnit).toHaveLength(16);
  });
  it('runs units one after another (the command queue); a nested run joins without queueing', async () => {
    const { events } = await setupAsync();
    const steps: string[] = [];
    const unit = (name: string) =>
      events.run(async () => {
        steps.push(`${name}:start`);
        await events.logContact({ contactId: 'c1', type: name, at: 1 });
        await events.run(async () => {
          steps.push(`${name}:nested`);
          await events.logContact({ contactId: 'c1', type: `${name}-nested`, at: 1 });
        });
        steps.push(`${name}:end`);
      });
    await Promise.all([unit('a'), unit('b')]);
    expect(steps).toEqual(['a:start', 'a:nested', 'a:end', 'b:start', 'b:nested', 'b:end']);
  });

  it('a synchronous unit inside a run joins it; outside one its events go out at once', async () => {
    const { events, types } = await setupAsync();
    await events.run(async () => {
      events.runSync(() => events.record({ type: 'interne-taken-changed' }));
      expect(() =>
        events.runSync(() => {
          events.record({ type: 'interne-taken-changed' });
          throw new Error('sync failed');
        }),
      ).toThrow('sync failed');
      expect(types()).toEqual([]);
      await events.logContact({ contactId: 'c1', type: 'queued', at: 2 });
    });
    expect(types()).toEqual(['interne-taken-changed', 'queued']);
    events.runSync(() => events.record({ type: 'interne-taken-changed' }));
    expect(types()).toEqual(['interne-taken-changed', 'queued', 'interne-taken-changed']);
  });

  it('unsubscribing stops the handler', async () => {
    const { events } = await setupAsync();
    const heard: string[] = [];
    const off = events.on('contact-logged', (e) => heard.push(e.event.type));
    await events.logContact({ contactId: 'c1', type: 'queued', at: 2 });
    off();
    await events.logContact({ contactId: 'c1', type: 'offered', at: 3 });
    expect(heard).toEqual(['queued']);
  });
});
