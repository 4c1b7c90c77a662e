import { CompiledQuery, type RawBuilder } from 'kysely';
import type { Store } from '../src/store/store';

/** The rows of a raw query on the server's store, SQLite or PostgreSQL (tests that look into a module's tables). */
export async function storeRows<R>(store: Store, query: RawBuilder<R>): Promise<R[]> {
  return (await query.execute(store.kysely<unknown>())).rows;
}

/**
 * SQL with `?` placeholders on the server's store, SQLite or PostgreSQL (`$n` there): for tests that look into a
 * module's tables the way they used to through `server.db`.
 */
export function storeSql(store: Store) {
  const text = (sql: string) => {
    if (store.dialect === 'sqlite') return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const exec = (sql: string, params: unknown[]) =>
    store.kysely<unknown>().executeQuery<Record<string, unknown>>(CompiledQuery.raw(text(sql), params));
  return {
    get: async <R = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
      (await exec(sql, params)).rows[0] as R | undefined,
    all: async <R = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
      (await exec(sql, params)).rows as R[],
    run: async (sql: string, ...params: unknown[]) => {
      await exec(sql, params);
    },
  };
}
