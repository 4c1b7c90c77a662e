import type { Generated } from 'kysely';
import type { RetentionRun } from '@kcc/contracts/bewaartermijnen';
import type { Store } from '../../store/store';
import type { RetentionKind } from './retention-settings';

export interface RetentionTables {
  retention_state: { kind: string; done_until: number };
  /** `result`: the run as JSON. */
  retention_runs: { seq: Generated<number>; at: number; result: string };
}

/** The job's own state: each kind's high-water mark and the runs. */
export interface RetentionRepository {
  /** Contacts closed at or before this were handled for `kind` (-1: none yet). */
  doneUntil(kind: RetentionKind): Promise<number>;
  setDoneUntil(kind: RetentionKind, doneUntil: number): Promise<void>;
  recordRun(at: number, run: RetentionRun): Promise<void>;
  lastRun(): Promise<RetentionRun | undefined>;
}

export function createRetentionRepository(store: Store): RetentionRepository {
  const db = store.kysely<RetentionTables>();
  return {
    async doneUntil(kind) {
      const row = await db
        .selectFrom('retention_state')
        .select('done_until')
        .where('kind', '=', kind)
        .executeTakeFirst();
      return row?.done_until ?? -1;
    },
    async setDoneUntil(kind, doneUntil) {
      await db
        .insertInto('retention_state')
        .values({ kind, done_until: doneUntil })
        .onConflict((oc) => oc.column('kind').doUpdateSet({ done_until: doneUntil }))
        .execute();
    },
    async recordRun(at, run) {
      await db
        .insertInto('retention_runs')
        .values({ at, result: JSON.stringify(run) })
        .execute();
    },
    async lastRun() {
      const row = await db
        .selectFrom('retention_runs')
        .select('result')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? (JSON.parse(row.result) as RetentionRun) : undefined;
    },
  };
}
