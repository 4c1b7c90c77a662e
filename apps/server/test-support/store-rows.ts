import type { RawBuilder } from 'kysely';
import type { Store } from '../src/store/store';

/** The rows of a raw query on the server's store, SQLite or PostgreSQL (tests that look into a module's tables). */
export async function storeRows<R>(store: Store, query: RawBuilder<R>): Promise<R[]> {
  return (await query.execute(store.kysely<unknown>())).rows;
}
