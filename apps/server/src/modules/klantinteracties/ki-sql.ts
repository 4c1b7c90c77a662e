import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Store, StoreDialect } from '../../store/store';
import type { KlantinteractiesTables } from './store';

/** One statement of the Klantinteracties store: `?` placeholders, run on the open unit of work if there is one. */
export interface KiStatement {
  get(...params: unknown[]): Promise<unknown>;
  all(...params: unknown[]): Promise<unknown[]>;
  run(...params: unknown[]): Promise<{ changes: number }>;
}

type Executor = Kysely<KlantinteractiesTables> | Transaction<KlantinteractiesTables>;

/**
 * The Klantinteracties store's SQL on the async store. Its filter and write SQL is hand-written (Open Klant's
 * filtersets, cascades), so it is sent as fixed text through `CompiledQuery.raw`; `?` placeholders become `$n` on
 * PostgreSQL. `tx(fn)` is one transaction (a savepoint when nested): every statement inside `fn`, also those of
 * nested calls, runs on it (AsyncLocalStorage), so store methods compose without passing a transaction around.
 */
export class KiSql {
  readonly dialect: StoreDialect;
  private readonly db: Kysely<KlantinteractiesTables>;
  private readonly open = new AsyncLocalStorage<{
    trx: Transaction<KlantinteractiesTables>;
    savepoints: number;
  }>();
  private readonly texts = new Map<string, string>();

  constructor(store: Store) {
    this.dialect = store.dialect;
    this.db = store.kysely<KlantinteractiesTables>();
  }

  /** The query builder on the open transaction (or the store), for the few statements written with Kysely. */
  get kysely(): Executor {
    return this.open.getStore()?.trx ?? this.db;
  }

  prepare(sql: string): KiStatement {
    const text = this.text(sql);
    const exec = async (params: unknown[]) =>
      this.kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
    return {
      get: async (...params) => (await exec(params)).rows[0],
      all: async (...params) => (await exec(params)).rows,
      run: async (...params) => ({ changes: Number((await exec(params)).numAffectedRows ?? 0n) }),
    };
  }

  /** One transaction; nested in another one of this store it is a savepoint (undone alone when `fn` throws). */
  async tx<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.open.getStore();
    if (!outer) {
      return this.db.transaction().execute((trx) => this.open.run({ trx, savepoints: 0 }, fn));
    }
    const name = `ki_sp_${++outer.savepoints}`;
    await this.raw(outer.trx, `SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await this.raw(outer.trx, `RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await this.raw(outer.trx, `ROLLBACK TO SAVEPOINT ${name}`);
      await this.raw(outer.trx, `RELEASE SAVEPOINT ${name}`);
      throw err;
    }
  }

  private async raw(trx: Executor, sql: string): Promise<void> {
    await trx.executeQuery(CompiledQuery.raw(sql, []));
  }

  /**
   * The SQLite text as written; on PostgreSQL `?` → `$1, $2, …`, `LIKE` → `ILIKE` (SQLite's LIKE ignores case) and
   * `json_extract(column, '$.field')` → `column::jsonb ->> 'field'`.
   */
  private text(sql: string): string {
    if (this.dialect === 'sqlite') return sql;
    let text = this.texts.get(sql);
    if (text === undefined) {
      let n = 0;
      text = sql
        .replace(/json_extract\(([\w.]+), '\$\.(\w+)'\)/g, "($1::jsonb ->> '$2')")
        .replace(/'(?:[^']|'')*'|\?|\bLIKE\b/g, (m) => (m === '?' ? `$${++n}` : m === 'LIKE' ? 'ILIKE' : m));
      this.texts.set(sql, text);
    }
    return text;
  }
}
