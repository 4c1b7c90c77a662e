import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine';
import { RoutingError } from './errors';
import { agent, contact, offersIn, queue, typesOf } from './testing/fixtures';

/** Accepts and finishes offers one by one and returns the contact ids in the order they were offered. */
function drainOrder(
  engine: RoutingEngine,
  agentId: string,
  first: ReturnType<typeof offersIn>,
  start: number,
) {
  const order: string[] = [];
  let pending = first;
  let now = start;
  while (pending.length > 0) {
    const offer = pending[0];
    if (!offer) break;
    order.push(offer.contactId);
    now += 1;
    expect(engine.accept(offer.offerId, agentId, now).ok).toBe(true);
    now += 1;
    pending = offersIn(engine.finish(offer.contactId, now));
  }
  return order;
}

describe('RoutingEngine: order of waiting contacts', () => {
  it('orders by total priority (queue + contact), then age, then insertion', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertQueue(queue('vip', { priority: 3 }));
    engine.upsertAgent(agent('a1'), 0);
    engine.enqueue(contact('old', { arrivedAt: 0 }), 1);
    engine.enqueue(contact('urgent', { arrivedAt: 10, priority: 5 }), 2);
    engine.enqueue(contact('vip', { queueId: 'vip', arrivedAt: 5 }), 3);
    engine.enqueue(contact('same-age-later', { arrivedAt: 0 }), 4);
    engine.enqueue(contact('younger', { arrivedAt: 2 }), 5);
    const first = offersIn(engine.setPresence('a1', 'beschikbaar', 10));
    expect(drainOrder(engine, 'a1', first, 10)).toEqual([
      'urgent',
      'vip',
      'old',
      'same-age-later',
      'younger',
    ]);
  });

  it('orders e-mail and callbacks by due time instead of arrival', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1', { capacity: { email: 1 } }), 0);
    engine.enqueue(contact('m1', { channel: 'email', arrivedAt: 0, dueAt: 5_000 }), 1);
    engine.enqueue(contact('m2', { channel: 'email', arrivedAt: 100, dueAt: 1_000 }), 2);
    engine.enqueue(contact('m3', { channel: 'email', arrivedAt: 50 }), 3);
    const first = offersIn(engine.setPresence('a1', 'beschikbaar', 10));
    expect(drainOrder(engine, 'a1', first, 10)).toEqual(['m3', 'm2', 'm1']);
  });

  it('offers the best contact across all queues the agent serves', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('a'));
    engine.upsertQueue(queue('b'));
    engine.upsertAgent(agent('a1'), 0);
    engine.enqueue(contact('late-in-a', { queueId: 'a', arrivedAt: 20 }), 30);
    engine.enqueue(contact('early-in-b', { queueId: 'b', arrivedAt: 10 }), 30);
    const [offer] = offersIn(engine.setPresence('a1', 'beschikbaar', 40));
    expect(offer?.contactId).toBe('early-in-b');
  });

  it('does not offer a callback before notBefore, then routes it at that time', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1'), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    const events = engine.enqueue(
      contact('cb', { channel: 'terugbelverzoek', arrivedAt: 0, dueAt: 60_000 }),
      10,
    );
    expect(typesOf(events)).toEqual(['queued']);
    expect(engine.queueSnapshot('q', 10)).toMatchObject({ waiting: 0, scheduled: 1 });
    expect(engine.contactState('cb')?.state).toBe('waiting');
    expect(engine.nextDeadline()).toBe(60_000);
    expect(offersIn(engine.advance(59_999))).toHaveLength(0);
    const [offer] = offersIn(engine.advance(60_000));
    expect(offer).toMatchObject({ contactId: 'cb', agentId: 'a1', at: 60_000 });
  });
});

describe('RoutingEngine: agent choice', () => {
  it('requires every queue skill at its minimum level and re-dispatches when an agent changes', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q', { requiredSkills: [{ skill: 'belastingen', minLevel: 3 }] }));
    engine.upsertAgent(agent('a1', { skills: { belastingen: 2 } }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    expect(offersIn(engine.enqueue(contact('c1'), 1))).toHaveLength(0);
    const [offer] = offersIn(engine.upsertAgent(agent('a1', { skills: { belastingen: 3 } }), 2));
    expect(offer).toMatchObject({ contactId: 'c1', agentId: 'a1', queueId: 'q', channel: 'telefoon' });
  });

  it('respects queueIds: an agent with a list serves only those queues', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q1'));
    engine.upsertQueue(queue('q2'));
    engine.upsertAgent(agent('a1', { queueIds: ['q2'] }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    expect(offersIn(engine.enqueue(contact('c1', { queueId: 'q1' }), 1))).toHaveLength(0);
    expect(offersIn(engine.enqueue(contact('c2', { queueId: 'q2' }), 2))[0]?.contactId).toBe('c2');
  });

  it('needs capacity for the channel (absent channel = capacity 0)', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1', { capacity: { telefoon: 1 } }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    expect(offersIn(engine.enqueue(contact('chat', { channel: 'chat' }), 1))).toHaveLength(0);
  });

  it('picks the longest idle agent; receiving an offer makes an agent the most recently active', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    for (const id of ['a1', 'a2', 'a3']) engine.upsertAgent(agent(id, { capacity: { chat: 3 } }), 0);
    engine.setPresence('a2', 'beschikbaar', 5);
    engine.setPresence('a1', 'beschikbaar', 10);
    engine.setPresence('a3', 'beschikbaar', 15);
    const agents: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [offer] = offersIn(
        engine.enqueue(contact(`c${i}`, { channel: 'chat', arrivedAt: 20 + i }), 20 + i),
      );
      agents.push(offer?.agentId ?? '-');
    }
    expect(agents).toEqual(['a2', 'a1', 'a3', 'a2']);
    expect(engine.agentSnapshot('a2')?.idleSince).toBe(23);
  });

  it('a freed agent counts as idle from the moment the contact ends', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1'), 0);
    engine.upsertAgent(agent('a2'), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 1));
    expect(offer?.agentId).toBe('a1');
    engine.accept(offer?.offerId ?? '', 'a1', 2);
    engine.setPresence('a2', 'beschikbaar', 3);
    engine.finish('c1', 10);
    expect(engine.agentSnapshot('a1')?.idleSince).toBe(10);
    expect(offersIn(engine.enqueue(contact('c2', { arrivedAt: 11 }), 11))[0]?.agentId).toBe('a2');
  });
});

describe('RoutingEngine: capacity and exclusivity', () => {
  it('counts pending offers against capacity and frees the slot on finish', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1', { capacity: { chat: 3 } }), 0);
    for (let i = 1; i <= 5; i++) engine.enqueue(contact(`c${i}`, { channel: 'chat', arrivedAt: i }), i);
    const offers = offersIn(engine.setPresence('a1', 'beschikbaar', 10));
    expect(offers.map((o) => o.contactId)).toEqual(['c1', 'c2', 'c3']);
    expect(engine.accept(offers[0]?.offerId ?? '', 'a1', 11).ok).toBe(true);
    expect(engine.agentSnapshot('a1')).toMatchObject({
      load: { chat: 1 },
      pendingOfferIds: ['offer-2', 'offer-3'],
    });
    expect(offersIn(engine.advance(12))).toHaveLength(0);
    const [next] = offersIn(engine.finish('c1', 13));
    expect(next?.contactId).toBe('c4');
  });

  it('offers nothing else while the agent holds a telefoon contact', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1'), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [call] = offersIn(engine.enqueue(contact('call'), 1));
    expect(call?.contactId).toBe('call');
    // pending telefoon offer blocks chats and e-mails
    expect(offersIn(engine.enqueue(contact('chat', { channel: 'chat', arrivedAt: 2 }), 2))).toHaveLength(0);
    engine.accept(call?.offerId ?? '', 'a1', 3);
    expect(offersIn(engine.enqueue(contact('mail', { channel: 'email', arrivedAt: 4 }), 4))).toHaveLength(0);
    const afterCall = offersIn(engine.finish('call', 5));
    expect(afterCall.map((o) => o.contactId)).toEqual(['chat', 'mail']);
  });

  it('offers a call only to an agent without pending offers and without an active call', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1'), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [chat] = offersIn(engine.enqueue(contact('chat', { channel: 'chat' }), 1));
    expect(offersIn(engine.enqueue(contact('call', { arrivedAt: 2 }), 2))).toHaveLength(0);
    // once the chat is accepted the agent has no pending offer and telefoon load 0: the call may come in
    const events = engine.accept(chat?.offerId ?? '', 'a1', 3);
    expect(events.ok).toBe(true);
    expect(offersIn(events.events)[0]?.contactId).toBe('call');
  });

  it('never offers one contact to two agents at once', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1'), 0);
    engine.upsertAgent(agent('a2'), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    expect(offersIn(engine.enqueue(contact('c1'), 1))).toHaveLength(1);
    expect(offersIn(engine.setPresence('a2', 'beschikbaar', 2))).toHaveLength(0);
    expect(engine.contactState('c1')).toEqual({
      state: 'offered',
      queueId: 'q',
      agentId: 'a1',
      offerId: 'offer-1',
    });
  });
});

describe('RoutingEngine: input handling', () => {
  it('enqueue is idempotent on the contact id', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    expect(typesOf(engine.enqueue(contact('c1'), 1))).toEqual(['queued']);
    expect(engine.enqueue(contact('c1', { priority: 9 }), 2)).toEqual([]);
    expect(engine.queueSnapshot('q', 2)).toMatchObject({ waiting: 1, oldestArrivedAt: 0, longestWaitMs: 2 });
  });

  it('throws RoutingError for unknown queues, unserved channels and bad configuration', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q', { channels: ['telefoon'] }));
    expect(() => engine.enqueue(contact('c1', { queueId: 'nope' }), 0)).toThrow(RoutingError);
    expect(() => engine.enqueue(contact('c2', { channel: 'chat' }), 0)).toThrow(/does not serve/);
    expect(() => engine.enqueue(contact('c3', { arrivedAt: Number.NaN }), 0)).toThrow(/arrivedAt/);
    expect(() => engine.upsertQueue(queue('bad', { acceptTimeoutMs: 0 }))).toThrow(/acceptTimeoutMs/);
    expect(() =>
      engine.upsertQueue(queue('loop', { overflow: { toQueueId: 'loop', afterMs: 5 } })),
    ).toThrow();
    expect(() => engine.upsertAgent(agent('a', { capacity: { chat: -1 } }), 0)).toThrow(/capacity/);
    expect(() => engine.setPresence('ghost', 'beschikbaar', 0)).toThrow(RoutingError);
    engine.upsertAgent(agent('a1'), 0);
    expect(() => engine.setPresence('a1', 'nawerk' as 'pauze', 0)).toThrow(/presence/);
    expect(engine.contactState('c1')).toBeUndefined();
  });

  it('ignores finish, cancel and requeue of unknown contacts, but refuses to finish a waiting one', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('q'));
    expect(engine.finish('x', 0)).toEqual([]);
    expect(engine.cancel('x', 0)).toEqual([]);
    expect(engine.requeue('x', 'transfer', 0)).toEqual([]);
    expect(engine.removeAgent('x', 0)).toEqual([]);
    engine.enqueue(contact('c1'), 0);
    expect(() => engine.finish('c1', 1)).toThrow(/not assigned/);
  });

  it('uses the injected id factory for offers', () => {
    let n = 0;
    const engine = new RoutingEngine({ idFactory: () => `o${++n}` });
    engine.upsertQueue(queue('q'));
    engine.upsertAgent(agent('a1'), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    expect(offersIn(engine.enqueue(contact('c1'), 1))[0]?.offerId).toBe('o1');
  });
});
