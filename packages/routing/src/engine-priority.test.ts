import { describe, expect, it } from 'vitest';
import { RoutingEngine } from './engine';
import { RoutingError } from './errors';
import { agent, contact, offersIn, queue } from './testing/fixtures';

function setup() {
  const engine = new RoutingEngine();
  engine.upsertQueue(queue('q'));
  engine.upsertAgent(agent('a1'), 0);
  return engine;
}

describe('RoutingEngine.setPriority', () => {
  it('moves a waiting contact ahead of older ones, so it is offered first', () => {
    const engine = setup();
    engine.enqueue(contact('old', { arrivedAt: 1 }), 1);
    engine.enqueue(contact('young', { arrivedAt: 2 }), 2);
    expect(engine.setPriority('young', 5, 3)).toEqual([]);
    const [offer] = offersIn(engine.setPresence('a1', 'beschikbaar', 4));
    expect(offer?.contactId).toBe('young');
    expect(engine.queueSnapshot('q', 4)).toMatchObject({ waiting: 1, offered: 1, oldestArrivedAt: 1 });
  });

  it('keeps arrival order among equal priorities after a change back', () => {
    const engine = setup();
    engine.enqueue(contact('c1', { arrivedAt: 1 }), 1);
    engine.enqueue(contact('c2', { arrivedAt: 2 }), 2);
    engine.setPriority('c2', 3, 3);
    engine.setPriority('c2', 0, 4);
    const [offer] = offersIn(engine.setPresence('a1', 'beschikbaar', 5));
    expect(offer?.contactId).toBe('c1');
  });

  it('offers at once when an agent is free, keeps the priority of an assigned contact for a re-queue', () => {
    const engine = setup();
    engine.setPresence('a1', 'beschikbaar', 0);
    const [offer] = offersIn(engine.enqueue(contact('c1', { arrivedAt: 1 }), 1));
    expect(offer).toBeDefined();
    if (!offer) return;
    expect(engine.accept(offer.offerId, offer.agentId, 2).ok).toBe(true);
    engine.enqueue(contact('c2', { arrivedAt: 0 }), 3);
    expect(engine.setPriority('c1', 9, 4)).toEqual([]);
    // a1 is free again: c2 arrived earlier, but the raised priority of c1 puts it first.
    const [next] = offersIn(engine.requeue('c1', 'agent-disconnected', 5));
    expect(next).toMatchObject({ contactId: 'c1', agentId: 'a1' });
  });

  it('ignores unknown contacts and rejects a non-finite priority', () => {
    const engine = setup();
    expect(engine.setPriority('nope', 1, 1)).toEqual([]);
    engine.enqueue(contact('c1'), 1);
    expect(() => engine.setPriority('c1', Number.NaN, 2)).toThrow(RoutingError);
  });
});
