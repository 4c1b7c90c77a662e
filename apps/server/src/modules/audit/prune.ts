import type { Store } from '../../store/store';
import { createAuditRepository } from './audit.repository';
import type { CheckpointSigner } from './checkpoints';
import { addIsoDuration } from './iso-duration';

/** Actions deleted per transaction: a large backlog is pruned in steps that each hold the database briefly. */
export const PRUNE_BATCH = 2_000;

export interface PruneStep {
  /** Actions that are past their bewaartermijn at the front of the chain (all of them, up to the first that is not). */
  expired: number;
  /** Actions deleted in this step (0 in a dry run). */
  pruned: number;
  /** Tijdstip of the oldest action still in the log after this step, null when the log is empty. */
  oldestRemaining: number | null;
  /** More expired actions wait for the next step. */
  more: boolean;
}

type Row = { seq: number; hash: string; tijdstip_ms: number; bewaartermijn: string };

/**
 * Deletes the actions at the front of the chain whose bewaartermijn has passed, with their objects, and writes a
 * signed checkpoint with the hash the chain goes on from (so `verifyChain` still proves the rest untouched). The
 * chain can only lose its front: an action kept longer stops pruning there. An action expires at its tijdstip plus
 * the longer of its own bewaartermijn and `minimum` (the configured term for the log), so no row goes earlier
 * than promised when it was written. Unparsable terms never expire.
 */
export function pruneVerwerkingenlog(
  store: Store,
  signer: CheckpointSigner,
  opts: { now: number; minimum: string; dryRun: boolean; batch?: number },
): Promise<PruneStep> {
  const batch = opts.batch ?? PRUNE_BATCH;
  const expiresAt = (r: Row): number | undefined => {
    const own = addIsoDuration(r.tijdstip_ms, r.bewaartermijn);
    const min = addIsoDuration(r.tijdstip_ms, opts.minimum);
    return own === undefined || min === undefined ? undefined : Math.max(own, min);
  };
  const isExpired = (r: Row) => {
    const at = expiresAt(r);
    return at !== undefined && at <= opts.now;
  };

  return createAuditRepository(store).prune(async ({ front, pruneUpTo }): Promise<PruneStep> => {
    let expired = 0;
    let last: Row | undefined;
    let cursor = 0;
    // Count the whole expired front (for the report), keep the rows of the first batch for deleting.
    scan: for (;;) {
      const rows = await front(cursor, 1000);
      if (rows.length === 0) break;
      for (const r of rows) {
        if (!isExpired(r)) break scan;
        expired++;
        if (expired <= batch) last = r;
      }
      cursor = rows[rows.length - 1]!.seq;
    }
    if (opts.dryRun || last === undefined) {
      return {
        expired,
        pruned: 0,
        oldestRemaining: (await front(0, 1))[0]?.tijdstip_ms ?? null,
        more: false,
      };
    }
    const pruned = Math.min(expired, batch);
    const createdAt = new Date(opts.now).toISOString();
    const checkpoint = { upto_seq: last.seq, upto_hash: last.hash, pruned, created_at: createdAt };
    await pruneUpTo({ ...checkpoint, signature: signer.sign(checkpoint) });
    const [oldest] = await front(last.seq, 1);
    return { expired, pruned, oldestRemaining: oldest?.tijdstip_ms ?? null, more: expired > pruned };
  });
}
