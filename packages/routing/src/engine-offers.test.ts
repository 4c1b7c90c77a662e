import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine';
import { agent, contact, offersIn, queue, typesOf } from './testing/fixtures';

function setup(agentIds: string[] = ['a1'], queueOverrides = {}) {
  const engine = new RoutingEngine();
  engine.upsertQueue(queue('q', queueOverrides));
  for (const id of agentIds) engine.upsertAgent(agent(id), 0);
  return engine;
}

describe('RoutingEngine: offer timeout', () => {
  it('marks the agent niet-reagerend and puts the contact back in its original place', () => {
    const engine = setup(['a1', 'a2']);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1', { arrivedAt: 0 }), 0));
    expect(offer).toMatchObject({ agentId: 'a1', expiresAt: 10_000 });
    engine.enqueue(contact('c2', { arrivedAt: 5 }), 5);
    expect(engine.nextDeadline()).toBe(10_000);
    expect(engine.advance(9_999)).toEqual([]);

    const events = engine.advance(10_000);
    expect(typesOf(events)).toEqual(['offer-expired', 'requeued', 'presence-changed']);
    expect(events[1]).toMatchObject({ contactId: 'c1', reason: 'offer-timeout' });
    expect(events[2]).toMatchObject({ agentId: 'a1', presence: 'niet-reagerend', reason: 'missed-offer' });
    expect(engine.accept(offer?.offerId ?? '', 'a1', 10_001)).toMatchObject({ ok: false, error: 'expired' });

    // c1 kept its place ahead of c2
    const [next] = offersIn(engine.setPresence('a2', 'beschikbaar', 10_002));
    expect(next).toMatchObject({ contactId: 'c1', agentId: 'a2' });
  });

  it('processes an overdue timeout inside any call, so a late accept sees expired', () => {
    const engine = setup(['a1', 'a2']);
    engine.setPresence('a1', 'beschikbaar', 0);
    engine.setPresence('a2', 'beschikbaar', 1);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 2));
    const result = engine.accept(offer?.offerId ?? '', 'a1', 20_000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe('expired');
    // the contact moved on to a2 at the moment of expiry, not at the moment of the late call
    expect(offersIn(result.events)[0]).toMatchObject({ contactId: 'c1', agentId: 'a2', at: 10_002 });
  });

  it('withdraws the other pending offers of an agent that missed one', () => {
    const engine = setup();
    engine.upsertAgent(agent('a1', { capacity: { chat: 2 } }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    engine.enqueue(contact('c1', { channel: 'chat' }), 0);
    engine.enqueue(contact('c2', { channel: 'chat', arrivedAt: 3_000 }), 3_000);
    const events = engine.advance(10_000);
    expect(typesOf(events)).toEqual([
      'offer-expired',
      'requeued',
      'presence-changed',
      'offer-withdrawn',
      'requeued',
    ]);
    expect(events[4]).toMatchObject({ contactId: 'c2', reason: 'agent-unavailable' });
    expect(engine.agentSnapshot('a1')?.pendingOfferIds).toEqual([]);
  });

  it("leaves niet-reagerend only when the agent sets 'beschikbaar' again", () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    engine.enqueue(contact('c1'), 0);
    engine.advance(10_000);
    expect(engine.agentSnapshot('a1')?.presence).toBe('niet-reagerend');
    expect(offersIn(engine.advance(50_000))).toHaveLength(0);
    const events = engine.setPresence('a1', 'beschikbaar', 60_000);
    expect(typesOf(events)).toEqual(['presence-changed', 'offered']);
  });
});

describe('RoutingEngine: accept', () => {
  it('assigns on accept and answers not_found, not_yours and taken', () => {
    const engine = setup(['a1', 'a2']);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    const offerId = offer?.offerId ?? '';
    expect(engine.accept('offer-999', 'a1', 1)).toMatchObject({ ok: false, error: 'not_found' });
    expect(engine.accept(offerId, 'a2', 1)).toMatchObject({ ok: false, error: 'not_yours' });
    const accepted = engine.accept(offerId, 'a1', 2);
    expect(accepted).toEqual({
      ok: true,
      events: [{ type: 'assigned', offerId, contactId: 'c1', agentId: 'a1', at: 2 }],
    });
    expect(engine.accept(offerId, 'a1', 3)).toMatchObject({ ok: false, error: 'taken' });
    expect(engine.contactState('c1')).toEqual({ state: 'assigned', queueId: 'q', agentId: 'a1' });
    expect(engine.agentSnapshot('a1')).toMatchObject({ load: { telefoon: 1 }, activeContactIds: ['c1'] });
  });

  it('answers taken when the contact hung up while the offer was pending', () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    const events = engine.cancel('c1', 1);
    expect(typesOf(events)).toEqual(['offer-withdrawn', 'removed']);
    expect(engine.accept(offer?.offerId ?? '', 'a1', 2)).toMatchObject({ ok: false, error: 'taken' });
    expect(engine.contactState('c1')).toBeUndefined();
  });
});

describe('RoutingEngine: decline', () => {
  it('puts the contact back in place and does not offer it to the same agent while another works', () => {
    const engine = setup(['a1', 'a2']);
    engine.setPresence('a2', 'beschikbaar', 0);
    const [busy] = offersIn(engine.enqueue(contact('x', { arrivedAt: 0 }), 0));
    engine.accept(busy?.offerId ?? '', 'a2', 1);
    engine.setPresence('a1', 'beschikbaar', 2);
    const [offer] = offersIn(engine.enqueue(contact('c1', { arrivedAt: 3 }), 3));
    expect(offer?.agentId).toBe('a1');
    engine.enqueue(contact('c2', { arrivedAt: 4 }), 4);

    const events = engine.decline(offer?.offerId ?? '', 'a1', 5);
    expect(typesOf(events)).toEqual(['offer-declined', 'requeued', 'offered']);
    expect(events[1]).toMatchObject({ contactId: 'c1', reason: 'declined' });
    // a1 stays beschikbaar and gets the next contact instead
    expect(events[2]).toMatchObject({ contactId: 'c2', agentId: 'a1' });
    expect(engine.agentSnapshot('a1')?.presence).toBe('beschikbaar');

    // when a2 frees up, c1 (still first in line) goes to a2
    const [toA2] = offersIn(engine.finish('x', 6));
    expect(toA2).toMatchObject({ contactId: 'c1', agentId: 'a2' });
  });

  it('offers it again to the agent who declined once no other working agent is left', () => {
    const engine = setup(['a1', 'a2']);
    engine.setPresence('a2', 'beschikbaar', 0);
    const [busy] = offersIn(engine.enqueue(contact('x'), 0));
    engine.accept(busy?.offerId ?? '', 'a2', 1);
    engine.setPresence('a1', 'beschikbaar', 2);
    const [offer] = offersIn(engine.enqueue(contact('c1', { arrivedAt: 3 }), 3));
    expect(offersIn(engine.decline(offer?.offerId ?? '', 'a1', 4))).toHaveLength(0);
    const [again] = offersIn(engine.setPresence('a2', 'pauze', 5));
    expect(again).toMatchObject({ contactId: 'c1', agentId: 'a1' });
  });

  it('re-offers at once when the agent who declined is the only one', () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    const [again] = offersIn(engine.decline(offer?.offerId ?? '', 'a1', 1));
    expect(again).toMatchObject({ contactId: 'c1', agentId: 'a1' });
    expect(again?.offerId).not.toBe(offer?.offerId);
  });

  it('ignores a decline of an unknown or foreign offer', () => {
    const engine = setup(['a1', 'a2']);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    expect(engine.decline(offer?.offerId ?? '', 'a2', 1)).toEqual([]);
    expect(engine.decline('nope', 'a1', 1)).toEqual([]);
    expect(engine.contactState('c1')?.state).toBe('offered');
  });
});

describe('RoutingEngine: nawerk', () => {
  it('puts the agent in nawerk after finish and back to beschikbaar when it ends', () => {
    const engine = setup(['a1'], { wrapUpMs: 30_000 });
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    engine.accept(offer?.offerId ?? '', 'a1', 1);
    engine.enqueue(contact('c2', { arrivedAt: 2 }), 2);
    const events = engine.finish('c1', 100);
    expect(typesOf(events)).toEqual(['removed', 'presence-changed']);
    expect(events[1]).toMatchObject({
      presence: 'nawerk',
      previous: 'beschikbaar',
      reason: 'wrap-up-started',
    });
    expect(engine.agentSnapshot('a1')).toMatchObject({ presence: 'nawerk', wrapUpUntil: 30_100, load: {} });
    expect(engine.nextDeadline()).toBe(30_100);
    const ended = engine.advance(30_100);
    expect(typesOf(ended)).toEqual(['presence-changed', 'offered']);
    expect(ended[0]).toMatchObject({ presence: 'beschikbaar', reason: 'wrap-up-ended' });
  });

  it("ends nawerk early when the agent sets 'beschikbaar'", () => {
    const engine = setup(['a1'], { wrapUpMs: 30_000 });
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    engine.accept(offer?.offerId ?? '', 'a1', 1);
    engine.finish('c1', 100);
    engine.enqueue(contact('c2', { arrivedAt: 200 }), 200);
    const events = engine.setPresence('a1', 'beschikbaar', 5_000);
    expect(typesOf(events)).toEqual(['presence-changed', 'offered']);
    expect(engine.agentSnapshot('a1')?.wrapUpUntil).toBeUndefined();
    // the old nawerk deadline is gone: nothing happens at 30_100 except the offer timeout of c2
    expect(engine.nextDeadline()).toBe(15_000);
  });

  it('returns to pauze after nawerk when the agent asked for pauze during the contact', () => {
    const engine = setup(['a1'], { wrapUpMs: 1_000 });
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    engine.accept(offer?.offerId ?? '', 'a1', 1);
    engine.setPresence('a1', 'pauze', 2);
    engine.finish('c1', 3);
    expect(engine.agentSnapshot('a1')?.presence).toBe('nawerk');
    engine.advance(1_003);
    expect(engine.agentSnapshot('a1')?.presence).toBe('pauze');
  });

  it('skips nawerk when wrapUpMs is 0 and the agent is available at once', () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    engine.accept(offer?.offerId ?? '', 'a1', 1);
    engine.enqueue(contact('c2', { arrivedAt: 2 }), 2);
    expect(typesOf(engine.finish('c1', 3))).toEqual(['removed', 'offered']);
  });
});

describe('RoutingEngine: presence changes withdraw offers', () => {
  it('offline withdraws pending offers (agent-offline) but keeps active contacts', () => {
    const engine = setup(['a1']);
    engine.upsertAgent(agent('a1', { capacity: { chat: 3 } }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    const offers = offersIn(engine.enqueue(contact('c1', { channel: 'chat' }), 0));
    engine.accept(offers[0]?.offerId ?? '', 'a1', 1);
    engine.enqueue(contact('c2', { channel: 'chat', arrivedAt: 2 }), 2);
    const events = engine.setPresence('a1', 'offline', 3);
    expect(typesOf(events)).toEqual(['presence-changed', 'offer-withdrawn', 'requeued']);
    expect(events[2]).toMatchObject({ contactId: 'c2', reason: 'agent-offline' });
    expect(engine.agentSnapshot('a1')).toMatchObject({ activeContactIds: ['c1'], pendingOfferIds: [] });
    expect(engine.contactState('c2')?.state).toBe('waiting');
  });

  it('pauze withdraws pending offers too', () => {
    const engine = setup(['a1']);
    engine.setPresence('a1', 'beschikbaar', 0);
    engine.enqueue(contact('c1'), 0);
    const events = engine.setPresence('a1', 'pauze', 1);
    expect(typesOf(events)).toEqual(['presence-changed', 'offer-withdrawn', 'requeued']);
    expect(events[2]).toMatchObject({ reason: 'agent-unavailable' });
  });

  it('removeAgent withdraws offers and re-queues active contacts', () => {
    const engine = setup(['a1', 'a2']);
    engine.upsertAgent(agent('a1', { capacity: { chat: 3 } }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [first] = offersIn(engine.enqueue(contact('c1', { channel: 'chat' }), 0));
    engine.accept(first?.offerId ?? '', 'a1', 1);
    engine.enqueue(contact('c2', { channel: 'chat', arrivedAt: 2 }), 2);
    const events = engine.removeAgent('a1', 3);
    expect(typesOf(events)).toEqual(['offer-withdrawn', 'requeued', 'requeued']);
    expect(engine.agentSnapshot('a1')).toBeUndefined();
    expect(engine.queueSnapshot('q', 3)).toMatchObject({ waiting: 2, offered: 0, assigned: 0 });
  });
});

describe('RoutingEngine: overflow, requeue and cancel', () => {
  it('moves a contact that waited too long to the overflow queue, keeping its arrival time', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('first', { overflow: { toQueueId: 'backup', afterMs: 30_000 } }));
    engine.upsertQueue(queue('backup'));
    engine.upsertAgent(agent('b1', { queueIds: ['backup'] }), 0);
    engine.enqueue(contact('old', { queueId: 'first', arrivedAt: 0 }), 0);
    engine.enqueue(contact('local', { queueId: 'backup', arrivedAt: 10_000 }), 10_000);
    expect(engine.nextDeadline()).toBe(30_000);
    const events = engine.advance(30_000);
    expect(events).toEqual([
      { type: 'overflowed', contactId: 'old', fromQueueId: 'first', toQueueId: 'backup', at: 30_000 },
    ]);
    expect(engine.queueSnapshot('backup', 30_000)).toMatchObject({ waiting: 2, oldestArrivedAt: 0 });
    const [offer] = offersIn(engine.setPresence('b1', 'beschikbaar', 30_001));
    expect(offer?.contactId).toBe('old');
  });

  it('counts overflow from entry in the queue, not from the last offer', () => {
    const engine = new RoutingEngine();
    engine.upsertQueue(queue('first', { overflow: { toQueueId: 'backup', afterMs: 15_000 } }));
    engine.upsertQueue(queue('backup'));
    engine.upsertAgent(agent('a1', { queueIds: ['first'] }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    engine.enqueue(contact('c1', { queueId: 'first' }), 0);
    // offered at 0, expires at 10_000 (a1 niet-reagerend), overflows at 15_000
    const events = engine.advance(20_000);
    expect(typesOf(events)).toEqual(['offer-expired', 'requeued', 'presence-changed', 'overflowed']);
    expect(events[3]).toMatchObject({ at: 15_000 });
  });

  it('requeue keeps the original place and releases the agent slot', () => {
    const engine = setup(['a1']);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1', { arrivedAt: 0 }), 0));
    engine.accept(offer?.offerId ?? '', 'a1', 1);
    engine.enqueue(contact('c2', { arrivedAt: 2 }), 2);
    engine.setPresence('a1', 'pauze', 3);
    const events = engine.requeue('c1', 'agent-disconnected', 4);
    expect(events).toEqual([
      { type: 'requeued', contactId: 'c1', queueId: 'q', reason: 'agent-disconnected', at: 4 },
    ]);
    expect(engine.agentSnapshot('a1')).toMatchObject({ load: {}, activeContactIds: [] });
    const [next] = offersIn(engine.setPresence('a1', 'beschikbaar', 5));
    expect(next?.contactId).toBe('c1');
  });

  it('requeue with a target queue transfers the contact and withdraws a pending offer', () => {
    const engine = setup();
    engine.upsertQueue(queue('vergunningen'));
    engine.upsertAgent(agent('a1', { queueIds: ['q'] }), 0);
    engine.upsertAgent(agent('v1', { queueIds: ['vergunningen'] }), 0);
    engine.setPresence('a1', 'beschikbaar', 0);
    engine.enqueue(contact('c1'), 0);
    engine.setPresence('v1', 'beschikbaar', 1);
    const events = engine.requeue('c1', 'transfer', 2, 'vergunningen');
    expect(typesOf(events)).toEqual(['offer-withdrawn', 'requeued', 'offered']);
    expect(events[2]).toMatchObject({ contactId: 'c1', agentId: 'v1', queueId: 'vergunningen' });
  });

  it('cancel removes a waiting and an assigned contact', () => {
    const engine = setup(['a1']);
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1'), 0));
    engine.accept(offer?.offerId ?? '', 'a1', 1);
    engine.enqueue(contact('c2', { arrivedAt: 2 }), 2);
    expect(engine.cancel('c2', 3)).toEqual([
      { type: 'removed', contactId: 'c2', reason: 'cancelled', at: 3 },
    ]);
    expect(engine.queueSnapshot('q', 3)).toMatchObject({ waiting: 0, assigned: 1 });
    expect(typesOf(engine.cancel('c1', 4))).toEqual(['removed']);
    expect(engine.agentSnapshot('a1')).toMatchObject({ presence: 'beschikbaar', load: {} });
  });
});
