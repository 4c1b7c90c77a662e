import type { DashboardDelta, DashboardSnapshot } from '@kcc/contracts/dashboard';

export type DeltaResult =
  | { kind: 'applied'; snapshot: DashboardSnapshot }
  /** Already applied (or older than the snapshot): nothing to do. */
  | { kind: 'stale' }
  /** A delta was missed (or the day rolled over): only a fresh snapshot is correct now. */
  | { kind: 'gap' };

function replaceById<T extends { id: string }>(current: readonly T[], changed: readonly T[]): T[] {
  if (changed.length === 0) return [...current];
  const byId = new Map(changed.map((item) => [item.id, item]));
  const next = current.map((item) => {
    const replacement = byId.get(item.id);
    if (replacement) byId.delete(item.id);
    return replacement ?? item;
  });
  // New queues or agents (e.g. an agent who logged in for the first time) come after the known ones.
  return [...next, ...byId.values()];
}

/**
 * Applies one coalesced delta: changed queues and agents replace theirs by id, totals are replaced whole. The
 * deltas form a sequence; anything but `seq + 1` means the view can no longer be trusted.
 */
export function applyDelta(snapshot: DashboardSnapshot, delta: DashboardDelta): DeltaResult {
  if (delta.seq <= snapshot.seq) return { kind: 'stale' };
  if (delta.seq !== snapshot.seq + 1 || delta.day !== snapshot.day) return { kind: 'gap' };
  return {
    kind: 'applied',
    snapshot: {
      seq: delta.seq,
      generatedAt: delta.at,
      day: delta.day,
      queues: replaceById(snapshot.queues, delta.queues),
      agents: replaceById(snapshot.agents, delta.agents),
      totals: delta.totals,
    },
  };
}
