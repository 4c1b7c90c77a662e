import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** A row of `audit_checkpoints`: actions up to `upto_seq` were pruned; the chain goes on from `upto_hash`. */
export interface CheckpointRow {
  seq: number;
  upto_seq: number;
  upto_hash: string;
  pruned: number;
  created_at: string;
  signature: string;
}

/**
 * Signs checkpoints with a key derived from the audit key, so a checkpoint written by anyone without the key (to
 * hide deleted rows) does not verify. The key never leaves the server; whoever holds it can verify.
 */
export interface CheckpointSigner {
  sign(c: Omit<CheckpointRow, 'seq' | 'signature'>): string;
  verify(c: CheckpointRow): boolean;
}

export function createCheckpointSigner(auditKey: Buffer): CheckpointSigner {
  const key = Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), 'kcc-audit-checkpoint-v1', 32));
  const sign = (c: Omit<CheckpointRow, 'seq' | 'signature'>) =>
    createHmac('sha256', key)
      .update(
        canonicalJson({
          upto_seq: c.upto_seq,
          upto_hash: c.upto_hash,
          pruned: c.pruned,
          created_at: c.created_at,
        }),
      )
      .digest('hex');
  return {
    sign,
    verify(c) {
      const expected = Buffer.from(sign(c), 'hex');
      const given = Buffer.from(c.signature, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
