import { describe, expect, it } from 'vitest';
import type { ContactEventInput, ContactsRepository } from '../contacts/contacts.repository';
import { EventTap, type AgentEventInput } from './event-tap';

/** A repository that only keeps appended events; `transaction` runs the function like better-sqlite3 does. */
function memoryRepo(): ContactsRepository & {
  contactEvents: ContactEventInput[];
  agentEvents: AgentEventInput[];
} {
  const contactEvents: ContactEventInput[] = [];
  const agentEvents: AgentEventInput[] = [];
  const unused = () => {
    throw new Error('not used here');
  };
  return {
    contactEvents,
    agentEvents,
    insertIfNew: unused,
    get: unused,
    update: unused,
    listByStatus: unused,
    listForAgent: unused,
    events: unused,
    appendEvent: (e) => void contactEvents.push(e),
    appendAgentEvent: (e) => void agentEvents.push(e),
    transaction: (fn) => fn(),
  };
}

describe('EventTap', () => {
  it('hands a subscriber the appended events in append order, both logs interleaved', () => {
    const tap = new EventTap();
    const repo = tap.wrap(memoryRepo());
    tap.subscribe(() => undefined);
    repo.transaction(() => {
      repo.appendEvent({ contactId: 'c1', type: 'queued', at: 1, data: { queueId: 'q' } });
      repo.appendAgentEvent({ agentId: 'a', type: 'presence-changed', at: 2, data: { presence: 'pauze' } });
    });
    repo.appendEvent({ contactId: 'c1', type: 'assigned', at: 3, agentId: 'a' });
    const batch = tap.take();
    expect(batch.trusted).toBe(true);
    expect(batch.events.map((e) => [e.log, e.event.type])).toEqual([
      ['contact', 'queued'],
      ['agent', 'presence-changed'],
      ['contact', 'assigned'],
    ]);
    expect(tap.take()).toEqual({ events: [], trusted: true });
  });

  it('keeps nothing without a subscriber', () => {
    const tap = new EventTap();
    const repo = tap.wrap(memoryRepo());
    repo.appendEvent({ contactId: 'c1', type: 'queued', at: 1 });
    expect(tap.take().events).toEqual([]);
  });

  it('does not vouch for a batch with a rolled-back transaction or one opened elsewhere', () => {
    const tap = new EventTap();
    let foreign = false;
    tap.attach(() => foreign);
    const repo = tap.wrap(memoryRepo());
    tap.subscribe(() => undefined);

    expect(() =>
      repo.transaction(() => {
        repo.appendEvent({ contactId: 'c1', type: 'queued', at: 1 });
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(tap.take().trusted).toBe(false);

    // An append inside a transaction the tap did not open: its fate is unknown here.
    foreign = true;
    repo.appendEvent({ contactId: 'c1', type: 'queued', at: 2 });
    foreign = false;
    expect(tap.take().trusted).toBe(false);

    // Our wrapper nested in someone else's transaction: still open when ours returns.
    foreign = true;
    repo.transaction(() => repo.appendEvent({ contactId: 'c1', type: 'queued', at: 3 }));
    foreign = false;
    expect(tap.take().trusted).toBe(false);

    repo.transaction(() => repo.appendEvent({ contactId: 'c1', type: 'queued', at: 4 }));
    expect(tap.take().trusted).toBe(true);
  });
});
