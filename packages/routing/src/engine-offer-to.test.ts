import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine';
import { agent, contact, offersIn, queue, typesOf } from './testing/fixtures';

function setup() {
  const engine = new RoutingEngine();
  engine.upsertQueue(queue('q'));
  engine.upsertQueue(queue('other', { channels: ['chat'] }));
  engine.upsertAgent(agent('a1'), 0);
  engine.upsertAgent(agent('a2', { queueIds: ['other'] }), 0);
  return engine;
}

function assignTo(engine: RoutingEngine, contactId: string, agentId: string, at: number): void {
  const [offer] = offersIn(engine.enqueue(contact(contactId, { channel: 'chat', arrivedAt: at }), at));
  if (!offer || offer.agentId !== agentId) throw new Error('expected an offer to ' + agentId);
  expect(engine.accept(offer.offerId, agentId, at).ok).toBe(true);
}

describe('RoutingEngine.offerTo (transfer to a colleague)', () => {
  it('moves an assigned contact from one agent to an offer for another, who can accept it', () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    assignTo(engine, 'c1', 'a1', 1);
    engine.setPresence('a2', 'beschikbaar', 2);

    const result = engine.offerTo('c1', 'a2', 3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(typesOf(result.events)).toEqual(['offered']);
    expect(result.events[0]).toMatchObject({ contactId: 'c1', agentId: 'a2', offerId: result.offerId });
    // a1 no longer holds it and has its chat capacity back; a2 is not a member of queue q and still gets it.
    expect(engine.agentSnapshot('a1')?.activeContactIds).toEqual([]);
    expect(engine.contactState('c1')).toMatchObject({ state: 'offered', agentId: 'a2', queueId: 'q' });
    expect(engine.accept(result.offerId, 'a2', 4).ok).toBe(true);
    expect(engine.agentSnapshot('a2')?.activeContactIds).toEqual(['c1']);
  });

  it('puts the contact back in its queue at its original place when the colleague declines', () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    assignTo(engine, 'c1', 'a1', 1);
    engine.setPresence('a1', 'pauze', 2);
    engine.setPresence('a2', 'beschikbaar', 2);
    engine.enqueue(contact('c2', { channel: 'chat', arrivedAt: 5 }), 5);
    const result = engine.offerTo('c1', 'a2', 6);
    if (!result.ok) throw new Error(result.error);
    const events = engine.decline(result.offerId, 'a2', 7);
    expect(typesOf(events)).toEqual(['offer-declined', 'requeued']);
    expect(engine.queueSnapshot('q', 8)).toMatchObject({ waiting: 2, oldestArrivedAt: 1 });
    const [next] = offersIn(engine.setPresence('a1', 'beschikbaar', 9));
    expect(next).toMatchObject({ contactId: 'c1', agentId: 'a1' });
  });

  it('takes a waiting contact out of its queue and withdraws a pending offer to someone else', () => {
    const engine = setup();
    engine.enqueue(contact('w1', { channel: 'chat' }), 0);
    engine.setPresence('a2', 'beschikbaar', 1);
    const direct = engine.offerTo('w1', 'a2', 2);
    expect(direct.ok).toBe(true);
    expect(engine.queueSnapshot('q', 2)).toMatchObject({ waiting: 0, offered: 1 });

    engine.setPresence('a1', 'beschikbaar', 3);
    const [pending] = offersIn(engine.enqueue(contact('w2', { channel: 'chat', arrivedAt: 3 }), 3));
    expect(pending?.agentId).toBe('a1');
    const moved = engine.offerTo('w2', 'a2', 4);
    expect(moved.ok).toBe(true);
    expect(typesOf(moved.events)).toEqual(['offer-withdrawn', 'offered']);
    expect(engine.accept(pending?.offerId ?? '', 'a1', 5)).toMatchObject({ ok: false });
  });

  it('refuses unknown contacts and agents, agents that are not ready, and the current holder', () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    assignTo(engine, 'c1', 'a1', 1);
    expect(engine.offerTo('nope', 'a2', 2)).toMatchObject({ ok: false, error: 'unknown_contact' });
    expect(engine.offerTo('c1', 'nobody', 2)).toMatchObject({ ok: false, error: 'unknown_agent' });
    expect(engine.offerTo('c1', 'a2', 2)).toMatchObject({ ok: false, error: 'agent_not_ready' });
    expect(engine.offerTo('c1', 'a1', 2)).toMatchObject({ ok: false, error: 'already_with_agent' });
    // Nothing moved.
    expect(engine.contactState('c1')).toMatchObject({ state: 'assigned', agentId: 'a1' });
  });
});
