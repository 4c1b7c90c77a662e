import { CompiledQuery, type Kysely } from 'kysely';
import type { Store, StoreDialect } from '../../store/store';
import type { KlantinteractiesTables } from './store';

/** One statement of the Klantinteracties store: `?` placeholders, run on the open unit of work if there is one. */
export interface KiStatement {
  get(...params: unknown[]): Promise<unknown>;
  all(...params: unknown[]): Promise<unknown[]>;
  run(...params: unknown[]): Promise<{ changes: number }>;
}

/**
 * The Klantinteracties store's SQL on the async store. Its filter and write SQL is hand-written (Open Klant's
 * filtersets, cascades), so it is sent as fixed text through `CompiledQuery.raw`; `?` placeholders become `$n` on
 * PostgreSQL. `tx(fn)` is the store's unit of work (a savepoint when nested, also inside a caller's unit): every
 * statement inside `fn` joins it, so store methods compose without passing a transaction around.
 */
export class KiSql {
  readonly dialect: StoreDialect;
  private readonly db: Kysely<KlantinteractiesTables>;
  private readonly texts = new Map<string, string>();

  constructor(private readonly store: Store) {
    this.dialect = store.dialect;
    this.db = store.kysely<KlantinteractiesTables>();
  }

  /** The query builder, for the few statements written with Kysely (it joins an open unit of work). */
  get kysely(): Kysely<KlantinteractiesTables> {
    return this.db;
  }

  prepare(sql: string): KiStatement {
    const text = this.text(sql);
    const exec = async (params: unknown[]) =>
      this.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
    return {
      get: async (...params) => (await exec(params)).rows[0],
      all: async (...params) => (await exec(params)).rows,
      run: async (...params) => ({ changes: Number((await exec(params)).numAffectedRows ?? 0n) }),
    };
  }

  /** One unit of work; nested in another one it is a savepoint (undone alone when `fn` throws). */
  tx<T>(fn: () => Promise<T>): Promise<T> {
    return this.store.unitOfWork(fn);
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
