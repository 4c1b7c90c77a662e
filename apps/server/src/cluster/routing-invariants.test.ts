import { describe, expect, it } from 'vitest';
import {
  capacityExceeded,
  offersThatOverlap,
  type LoggedContactEvent,
} from '../../test-support/routing-invariants';

// The checks the failover test runs on the event log; here they must catch what they claim to catch.
let seq = 0;
const ev = (
  contactId: string,
  type: string,
  at: number,
  agentId?: string,
  data?: Record<string, unknown>,
): LoggedContactEvent => ({ seq: ++seq, contactId, type, at, agentId, data });
const offered = (contactId: string, at: number, agentId: string, offerId: string, expiresAt = at + 15_000) =>
  ev(contactId, 'offered', at, agentId, { offerId, expiresAt });

describe('offersThatOverlap', () => {
  it('accepts an offer after the previous one ended, expired or was taken', () => {
    const log = [
      offered('c1', 0, 'a', 'o1'),
      ev('c1', 'offer-declined', 100, 'a', { offerId: 'o1' }),
      offered('c1', 200, 'b', 'o2', 1_000),
      offered('c1', 1_000, 'c', 'o3'),
      ev('c1', 'assigned', 1_500, 'c', { offerId: 'o3' }),
    ];
    expect(offersThatOverlap(log)).toEqual([]);
  });

  it('finds a second offer while the first is open, also one a dead leader never ended', () => {
    const log = [offered('c1', 0, 'a', 'o1'), offered('c2', 10, 'a', 'o9'), offered('c1', 5_000, 'b', 'o2')];
    expect(offersThatOverlap(log)).toEqual([
      expect.objectContaining({ contactId: 'c1', problem: expect.stringContaining('o1 to a') }),
    ]);
  });
});

describe('capacityExceeded', () => {
  const channel = () => 'telefoon';
  const capacity = () => 1;

  it('accepts one call at a time per agent, released by nawerk, requeue or an offer that ended', () => {
    const log = [
      offered('c1', 0, 'a', 'o1'),
      ev('c1', 'assigned', 10, 'a', { offerId: 'o1' }),
      ev('c1', 'nawerk', 20, 'a'),
      offered('c2', 30, 'a', 'o2'),
      ev('c2', 'offer-expired', 40, 'a', { offerId: 'o2' }),
      offered('c3', 50, 'a', 'o3', 60),
      offered('c4', 70, 'a', 'o4'),
      ev('c4', 'assigned', 80, 'a', { offerId: 'o4' }),
      ev('c4', 'requeued', 90, 'a'),
      offered('c5', 100, 'a', 'o5'),
    ];
    expect(capacityExceeded(log, channel, capacity)).toEqual([]);
  });

  it('finds a second call offered to an agent who holds one', () => {
    const log = [
      offered('c1', 0, 'a', 'o1'),
      ev('c1', 'assigned', 10, 'a', { offerId: 'o1' }),
      offered('c2', 20, 'a', 'o2'),
    ];
    expect(capacityExceeded(log, channel, capacity)).toEqual([
      expect.objectContaining({ contactId: 'c2', problem: 'a holds 2 telefoon contacts, capacity 1' }),
    ]);
  });
});
