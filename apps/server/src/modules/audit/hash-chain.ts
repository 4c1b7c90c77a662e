import { createHash } from 'node:crypto';
import type { ChainStatus } from '@kcc/contracts/verwerkingen';
import type { ChainReader } from './audit.repository';
import { canonicalJson } from './canonical-json';
import type { CheckpointSigner } from './checkpoints';

export const GENESIS_HASH = '0'.repeat(64);

/** An `audit_verwerkingsacties` row as both stores return it. */
export interface ActieRow {
  seq: number;
  actie_id: string;
  actie_naam: string;
  handeling: string;
  verwerking_id: string;
  activiteit_id: string;
  activiteit_code: string;
  vertrouwelijkheid: string;
  bewaartermijn: string;
  uitvoerder: string | null;
  systeem: string;
  gebruiker_id: string | null;
  gebruiker_naam: string | null;
  gebruiker_rol: string | null;
  gegevensbron: string;
  doel: string;
  contact_id: string | null;
  tijdstip_ms: number;
  tijdstip: string;
  tijdstip_registratie: string;
  legacy_seq: number | null;
  prev_hash: string;
  hash: string;
}

/** An `audit_verwerkte_objecten` row as both stores return it. */
export interface ObjectRow {
  seq: number;
  actie_seq: number;
  ordinal: number;
  verwerkt_object_id: string;
  partij_uuid: string | null;
  bsn_hmac: string | null;
  bsn_enc: string | null;
  betrokkenheid: string;
  soorten_gegevens: string;
}

/**
 * sha256(prev_hash || canonical JSON of the action and its objects). Every stored column counts except the
 * action's own hash and the objects' own autoincrement seq (their place is `actie_seq` + `ordinal`).
 */
export function chainHash(actie: Omit<ActieRow, 'hash'>, objecten: readonly ObjectRow[]): string {
  const record = {
    actie,
    objecten: [...objecten].sort((a, b) => a.ordinal - b.ordinal).map(({ seq: _seq, ...o }) => o),
  };
  return createHash('sha256').update(actie.prev_hash).update(canonicalJson(record)).digest('hex');
}

const MELDINGEN: Record<NonNullable<ChainStatus['broken']>['reason'], string> = {
  'content-changed': 'De inhoud van een logregel is gewijzigd.',
  'chain-broken': 'De volgorde van de logregels klopt niet (keten verbroken).',
  'row-missing': 'Er ontbreekt een logregel.',
  'tail-truncated': 'De laatste logregels zijn verwijderd.',
  'orphan-object': 'Er is een verwerkt object zonder verwerkingsactie.',
  'checkpoint-invalid': 'Een controlepunt van het opschonen is niet echt of klopt niet met de logregels.',
};

const BATCH = 1000;

/**
 * Walk the whole chain in seq order and report the first break. Detects a changed row (hash), a removed or
 * moved row (seq gap or prev_hash mismatch), removed rows at the end (the high-water mark ahead of the last
 * row), and objects whose action is gone. A rewrite of the whole chain is only detectable against a
 * head hash recorded elsewhere (`headHash`). After pruning the walk starts at the newest checkpoint: every
 * checkpoint must carry a valid signature and follow the one before, and the first remaining action must
 * continue from the checkpoint's hash.
 */
export async function verifyChain(
  reader: ChainReader,
  now: () => Date = () => new Date(),
  signer?: CheckpointSigner,
): Promise<ChainStatus> {
  const checkedAt = now().toISOString();
  let prunedUpTo: number | undefined;
  const result = (
    count: number,
    headHash: string,
    broken?: { seq: number; reason: NonNullable<ChainStatus['broken']>['reason'] },
  ): ChainStatus => ({
    ok: broken === undefined,
    count,
    headHash,
    checkedAt,
    ...(prunedUpTo !== undefined ? { prunedUpTo } : {}),
    ...(broken ? { broken: { ...broken, melding: MELDINGEN[broken.reason] } } : {}),
  });

  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const c of await reader.checkpoints()) {
    if (!signer?.verify(c) || c.upto_seq < expectedSeq - 1) {
      return result(count, prevHash, { seq: c.upto_seq, reason: 'checkpoint-invalid' });
    }
    prunedUpTo = c.upto_seq;
    prevHash = c.upto_hash;
    expectedSeq = c.upto_seq + 1;
  }
  for (;;) {
    const acties = await reader.actiesAfter(expectedSeq - 1, BATCH);
    if (acties.length === 0) break;
    const first = acties[0]!.seq;
    const last = acties[acties.length - 1]!.seq;
    const byActie = new Map<number, ObjectRow[]>();
    for (const o of await reader.objectenIn(first, last)) {
      const list = byActie.get(o.actie_seq) ?? [];
      list.push(o);
      byActie.set(o.actie_seq, list);
    }
    for (const a of acties) {
      if (a.seq !== expectedSeq) return result(count, prevHash, { seq: expectedSeq, reason: 'row-missing' });
      if (a.prev_hash !== prevHash) return result(count, prevHash, { seq: a.seq, reason: 'chain-broken' });
      const { hash, ...rest } = a;
      if (chainHash(rest, byActie.get(a.seq) ?? []) !== hash) {
        return result(count, prevHash, { seq: a.seq, reason: 'content-changed' });
      }
      byActie.delete(a.seq);
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
    const orphanInBatch = [...byActie.keys()][0];
    if (orphanInBatch !== undefined)
      return result(count, prevHash, { seq: orphanInBatch, reason: 'orphan-object' });
  }
  if ((await reader.highWater()) > expectedSeq - 1) {
    return result(count, prevHash, { seq: expectedSeq, reason: 'tail-truncated' });
  }
  const orphan = await reader.firstObjectAfter(expectedSeq - 1);
  if (orphan !== undefined) return result(count, prevHash, { seq: orphan, reason: 'orphan-object' });
  return result(count, prevHash);
}
