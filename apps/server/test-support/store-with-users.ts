import { authMigrations } from '../src/modules/auth/auth.migrations';
import { migrate } from '../src/store/migrate';
import { storeMigrations } from '../src/store/migrations';
import { sqliteConnectionOf, type Store } from '../src/store/store';
import type { StoreUnderTest } from './each-store';

/**
 * An open store with every store migration for a repository test that needs the users table: on PostgreSQL a
 * store migration creates it, on SQLite the synchronous list does (auth/001–004, which also hold the sessions).
 */
export async function openStoreWithUsers(stores: StoreUnderTest): Promise<Store> {
  const { store } = await stores.openStore(storeMigrations);
  const sqlite = sqliteConnectionOf(store);
  if (sqlite) migrate(sqlite, authMigrations);
  return store;
}
