import {
  type Expression,
  type Generated,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { Store } from '../../store/store';
import type { CheckpointRow } from './checkpoints';
import { GENESIS_HASH, type ActieRow, type ObjectRow } from './hash-chain';

/** The tables this module owns, as the query builder sees them. */
export interface AuditTables {
  audit_verwerkingsacties: ActieRow;
  audit_verwerkte_objecten: Numbered<ObjectRow>;
  audit_checkpoints: Numbered<CheckpointRow>;
  verwerkingen_legacy: LegacyRow;
  /** PostgreSQL only: the chain's lock row and high-water mark (SQLite keeps that in `sqlite_sequence`). */
  audit_chain_head: { id: number; seq: number };
  sqlite_sequence: { name: string; seq: number };
}

/** A row whose `seq` the database assigns. */
type Numbered<Row extends { seq: number }> = Omit<Row, 'seq'> & { seq: Generated<number> };

export interface LegacyRow {
  seq: number;
  at: number;
  user_id: string;
  handeling: string;
  partij_uuid: string;
  categorieen: string;
  doel: string;
  contact_id: string | null;
}

/** An action ready to append: everything but its place in the chain (seq, prev_hash) and its hash. */
export type NewActie = Omit<ActieRow, 'seq' | 'prev_hash' | 'hash'>;
export type NewObject = Omit<ObjectRow, 'seq' | 'actie_seq'>;

/** The chain end an append continues from. */
export interface ChainEnd {
  seq: number;
  hash: string;
}

/** The subject of a query: the BSN's HMAC and/or a list of partijen. */
export interface SubjectMatch {
  bsnHmac: string | null;
  partijen: readonly string[];
}

export interface ActieQuery {
  match: SubjectMatch;
  vanMs: number;
  totMs: number;
  activiteitId: string | null;
}

/** What `verifyChain` reads, inside one consistent snapshot. */
export interface ChainReader {
  checkpoints(): Promise<CheckpointRow[]>;
  actiesAfter(seq: number, limit: number): Promise<ActieRow[]>;
  objectenIn(firstSeq: number, lastSeq: number): Promise<ObjectRow[]>;
  /** The highest seq ever appended (also of rows removed since), 0 when none. */
  highWater(): Promise<number>;
  firstObjectAfter(seq: number): Promise<number | undefined>;
}

/** One unit of work of pruning (prune.ts), under the chain lock. */
export interface PruneWork {
  front(
    afterSeq: number,
    limit: number,
  ): Promise<Pick<ActieRow, 'seq' | 'hash' | 'tijdstip_ms' | 'bewaartermijn'>[]>;
  /** Writes the checkpoint and deletes the actions (with their objects) up to and including its `upto_seq`. */
  pruneUpTo(checkpoint: Omit<CheckpointRow, 'seq'>): Promise<void>;
}

/** Seqs per `IN (…)` list: well under SQLite's and PostgreSQL's limits on bound parameters. */
const IN_CHUNK = 500;

export interface AuditRepository {
  /**
   * Appends actions to the chain in one unit of work: each continues from the one before. `build` gets the chain end
   * for each action and returns its hash (computed by the caller). Serialised with every other append: on SQLite by
   * the one writer, on PostgreSQL by a row lock on `audit_chain_head`, so instances sharing the database never fork
   * the chain.
   */
  append(
    acties: readonly { actie: NewActie; objecten: readonly NewObject[] }[],
    hash: (actie: Omit<ActieRow, 'hash'>, objecten: readonly ObjectRow[]) => string,
  ): Promise<number[]>;
  count(q: ActieQuery): Promise<number>;
  /** Newest first; `limit` undefined: all. */
  page(q: ActieQuery, page: { offset: number; limit?: number }): Promise<ActieRow[]>;
  /** The subject's objects of these actions, by action and ordinal. */
  matchingObjects(match: SubjectMatch, seqs: readonly number[]): Promise<ObjectRow[]>;
  actieById(actieId: string): Promise<ActieRow | undefined>;
  actieBySeq(seq: number): Promise<ActieRow | undefined>;
  objectsOf(seq: number): Promise<ObjectRow[]>;
  objectById(verwerktObjectId: string): Promise<ObjectRow | undefined>;
  /** Runs `fn` on one consistent snapshot of the chain. */
  readChain<T>(fn: (reader: ChainReader) => Promise<T>): Promise<T>;
  /** Runs one pruning step in one unit of work, serialised with the appends. */
  prune<T>(fn: (work: PruneWork) => Promise<T>): Promise<T>;
  legacyRowsAfter(seq: number): Promise<LegacyRow[]>;
  lastLegacySeq(): Promise<number>;
}

export function createAuditRepository(store: Store): AuditRepository {
  const db: Kysely<AuditTables> = store.kysely<AuditTables>();
  const postgres = store.dialect === 'postgres';

  /** Takes the chain lock (PostgreSQL) and returns the high-water mark. */
  const lockHead = async (trx: Transaction<AuditTables>): Promise<number> => {
    if (postgres) {
      const head = await trx
        .selectFrom('audit_chain_head')
        .select('seq')
        .where('id', '=', 1)
        .forUpdate()
        .executeTakeFirstOrThrow();
      return head.seq;
    }
    return sqliteSequence(trx);
  };

  const sqliteSequence = async (q: Kysely<AuditTables>): Promise<number> => {
    const row = await q
      .selectFrom('sqlite_sequence')
      .select('seq')
      .where('name', '=', 'audit_verwerkingsacties')
      .executeTakeFirst();
    return row?.seq ?? 0;
  };

  /** Where the chain goes on: its last row, else the newest checkpoint (all pruned), else the start. */
  const chainEnd = async (trx: Kysely<AuditTables>): Promise<ChainEnd> => {
    const last = await trx
      .selectFrom('audit_verwerkingsacties')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last) return last;
    const checkpoint = await trx
      .selectFrom('audit_checkpoints')
      .select(['upto_seq', 'upto_hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return checkpoint
      ? { seq: checkpoint.upto_seq, hash: checkpoint.upto_hash }
      : { seq: 0, hash: GENESIS_HASH };
  };

  const matches =
    (match: SubjectMatch) => (eb: ExpressionBuilder<AuditTables, 'audit_verwerkte_objecten'>) => {
      const ors: Expression<SqlBool>[] = [];
      if (match.bsnHmac !== null) ors.push(eb('audit_verwerkte_objecten.bsn_hmac', '=', match.bsnHmac));
      if (match.partijen.length > 0)
        ors.push(eb('audit_verwerkte_objecten.partij_uuid', 'in', [...match.partijen]));
      return ors.length > 0 ? eb.or(ors) : eb.val(false);
    };

  const filtered = (q: ActieQuery) => {
    let query = db
      .selectFrom('audit_verwerkingsacties as a')
      .where('a.tijdstip_ms', '>=', q.vanMs)
      .where('a.tijdstip_ms', '<', q.totMs)
      .where(
        'a.seq',
        'in',
        db.selectFrom('audit_verwerkte_objecten').select('actie_seq').where(matches(q.match)),
      );
    if (q.activiteitId !== null) query = query.where('a.activiteit_id', '=', q.activiteitId);
    return query;
  };

  const chunks = <T>(items: readonly T[]): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
    return out;
  };

  return {
    append: (acties, hash) =>
      db.transaction().execute(async (trx) => {
        const highWater = await lockHead(trx);
        let end = await chainEnd(trx);
        const seqs: number[] = [];
        for (const { actie, objecten } of acties) {
          const seq = Math.max(end.seq, highWater) + 1;
          const row: Omit<ActieRow, 'hash'> = { ...actie, seq, prev_hash: end.hash };
          const objectRows: ObjectRow[] = objecten.map((o) => ({ ...o, seq: 0, actie_seq: seq }));
          const h = hash(row, objectRows);
          await trx
            .insertInto('audit_verwerkingsacties')
            .values({ ...row, hash: h })
            .execute();
          await trx
            .insertInto('audit_verwerkte_objecten')
            .values(objectRows.map(({ seq: _seq, ...o }) => o))
            .execute();
          end = { seq, hash: h };
          seqs.push(seq);
        }
        if (postgres && seqs.length > 0) {
          await trx.updateTable('audit_chain_head').set({ seq: end.seq }).where('id', '=', 1).execute();
        }
        return seqs;
      }),

    count: async (q) => {
      const row = await filtered(q)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    page: async (q, page) => {
      let query = filtered(q).selectAll('a').orderBy('a.tijdstip_ms', 'desc').orderBy('a.seq', 'desc');
      if (page.limit !== undefined) query = query.limit(page.limit).offset(page.offset);
      else if (page.offset > 0) throw new Error('offset without limit');
      return query.execute();
    },

    matchingObjects: async (match, seqs) => {
      const out: ObjectRow[] = [];
      for (const part of chunks(seqs)) {
        out.push(
          ...(await db
            .selectFrom('audit_verwerkte_objecten')
            .selectAll()
            .where('actie_seq', 'in', part)
            .where(matches(match))
            .orderBy('actie_seq')
            .orderBy('ordinal')
            .execute()),
        );
      }
      return out;
    },

    actieById: (actieId) =>
      db.selectFrom('audit_verwerkingsacties').selectAll().where('actie_id', '=', actieId).executeTakeFirst(),
    actieBySeq: (seq) =>
      db.selectFrom('audit_verwerkingsacties').selectAll().where('seq', '=', seq).executeTakeFirst(),
    objectsOf: (seq) =>
      db
        .selectFrom('audit_verwerkte_objecten')
        .selectAll()
        .where('actie_seq', '=', seq)
        .orderBy('ordinal')
        .execute(),
    objectById: (id) =>
      db
        .selectFrom('audit_verwerkte_objecten')
        .selectAll()
        .where('verwerkt_object_id', '=', id)
        .executeTakeFirst(),

    readChain: (fn) =>
      // Repeatable read on PostgreSQL: the walk sees one state of the chain while appends go on.
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) =>
          fn({
            checkpoints: () => trx.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute(),
            actiesAfter: (seq, limit) =>
              trx
                .selectFrom('audit_verwerkingsacties')
                .selectAll()
                .where('seq', '>', seq)
                .orderBy('seq')
                .limit(limit)
                .execute(),
            objectenIn: (first, last) =>
              trx
                .selectFrom('audit_verwerkte_objecten')
                .selectAll()
                .where('actie_seq', '>=', first)
                .where('actie_seq', '<=', last)
                .orderBy('actie_seq')
                .orderBy('ordinal')
                .execute(),
            highWater: async () =>
              postgres
                ? (
                    await trx
                      .selectFrom('audit_chain_head')
                      .select('seq')
                      .where('id', '=', 1)
                      .executeTakeFirstOrThrow()
                  ).seq
                : sqliteSequence(trx),
            firstObjectAfter: async (seq) =>
              (
                await trx
                  .selectFrom('audit_verwerkte_objecten')
                  .select('actie_seq')
                  .where('actie_seq', '>', seq)
                  .orderBy('actie_seq')
                  .limit(1)
                  .executeTakeFirst()
              )?.actie_seq,
          }),
        ),

    prune: (fn) =>
      db.transaction().execute(async (trx) => {
        await lockHead(trx);
        return fn({
          front: (afterSeq, limit) =>
            trx
              .selectFrom('audit_verwerkingsacties')
              .select(['seq', 'hash', 'tijdstip_ms', 'bewaartermijn'])
              .where('seq', '>', afterSeq)
              .orderBy('seq')
              .limit(limit)
              .execute(),
          pruneUpTo: async (checkpoint) => {
            // The checkpoint first: the delete triggers allow removing only what a checkpoint covers.
            await trx.insertInto('audit_checkpoints').values(checkpoint).execute();
            await trx
              .deleteFrom('audit_verwerkte_objecten')
              .where('actie_seq', '<=', checkpoint.upto_seq)
              .execute();
            await trx.deleteFrom('audit_verwerkingsacties').where('seq', '<=', checkpoint.upto_seq).execute();
          },
        });
      }),

    legacyRowsAfter: (seq) =>
      db.selectFrom('verwerkingen_legacy').selectAll().where('seq', '>', seq).orderBy('seq').execute(),
    lastLegacySeq: async () => {
      const row = await db
        .selectFrom('audit_verwerkingsacties')
        .select((eb) => eb.fn.max('legacy_seq').as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
