import { describe, expect, it } from 'vitest';
import { agent, delta, queue, snapshot } from '../testing/dashboard-fixtures';
import { applyDelta } from './apply-delta';

describe('applyDelta', () => {
  it('replaces changed queues and agents by id, keeps the rest, appends new ones, and advances seq', () => {
    const base = snapshot({ seq: 5 });
    const result = applyDelta(
      base,
      delta(6, {
        queues: [queue({ waiting: 9 })],
        agents: [agent({ presence: 'pauze' }), agent({ id: 'user-new', name: 'Nieuw' })],
      }),
    );
    expect(result.kind).toBe('applied');
    if (result.kind !== 'applied') return;
    expect(result.snapshot.seq).toBe(6);
    expect(result.snapshot.queues.map((q) => [q.id, q.waiting])).toEqual([
      ['algemeen', 9],
      ['belastingen', 0],
    ]);
    expect(result.snapshot.agents.map((a) => [a.id, a.presence])).toEqual([
      ['user-anna', 'pauze'],
      ['user-bram', 'offline'],
      ['user-new', 'beschikbaar'],
    ]);
    expect(result.snapshot.totals.waiting).toBe(9);
    // The input is not mutated.
    expect(base.queues[0]?.waiting).toBe(2);
  });

  it('ignores a delta it already has', () => {
    expect(applyDelta(snapshot({ seq: 5 }), delta(5)).kind).toBe('stale');
    expect(applyDelta(snapshot({ seq: 5 }), delta(3)).kind).toBe('stale');
  });

  it('reports a gap when a delta was missed', () => {
    expect(applyDelta(snapshot({ seq: 5 }), delta(7)).kind).toBe('gap');
  });

  it('reports a gap when the day rolled over (every "today" figure restarts)', () => {
    expect(applyDelta(snapshot({ seq: 5 }), delta(6, { day: '2026-03-11' })).kind).toBe('gap');
  });
});
