import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { describe, onTestFinished } from 'vitest';
import { openDatabase } from '../src/store/db';
import { migrateStore } from '../src/store/migrate-store';
import type { StoreMigration } from '../src/store/migration';
import { openStore, type Store, type StoreDialect } from '../src/store/store';
import { tempDataDir } from './test-server';

/** PostgreSQL for the store tests; without it they run on SQLite only (store-global-setup.ts says so once). */
export const TEST_DATABASE_URL = process.env.KCC_TEST_DATABASE_URL?.trim() || undefined;

/** A fresh, empty database: for SQLite nothing (the server makes its own data dir); for PostgreSQL a new schema. */
export interface FreshDatabase {
  /** Environment for `startTestServer` (KCC_DATABASE_URL with this schema on its search_path, or nothing). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * An open store on a fresh database with the given migrations applied (repository tests). Closed (and its schema
 * dropped) when the test ends, also when it fails; `close()` may be called earlier.
 */
export interface OpenTestStore {
  store: Store;
  close(): Promise<void>;
}

/** `close` once, and at the end of the current test at the latest. */
function closedWithTest(opened: OpenTestStore): OpenTestStore {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= opened.close());
  onTestFinished(close);
  return { store: opened.store, close };
}

export interface StoreUnderTest {
  dialect: StoreDialect;
  freshDatabase(): Promise<FreshDatabase>;
  /** Call inside a test (`it`): the store is closed when that test ends. */
  openStore(migrations: readonly StoreMigration[]): Promise<OpenTestStore>;
}

let adminPool: pg.Pool | undefined;
const admin = (url: string) =>
  (adminPool ??= new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true }));

/** The URL with `search_path` set to the schema on every connection of the pool that uses it. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function freshPostgresSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `kcc_test_${randomBytes(6).toString('hex')}`;
  await admin(url).query(`CREATE SCHEMA ${schema}`);
  return {
    url: urlWithSchema(url, schema),
    drop: async () => {
      await admin(url).query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

const sqlite: StoreUnderTest = {
  dialect: 'sqlite',
  freshDatabase: async () => ({ env: {}, drop: async () => {} }),
  async openStore(migrations) {
    const dir = tempDataDir();
    const db = openDatabase(dir);
    const store = openStore({ sqlite: db });
    await migrateStore(store, migrations);
    return closedWithTest({
      store,
      close: async () => {
        await store.close();
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
  },
};

const postgres = (url: string): StoreUnderTest => ({
  dialect: 'postgres',
  async freshDatabase() {
    const schema = await freshPostgresSchema(url);
    return { env: { KCC_DATABASE_URL: schema.url }, drop: schema.drop };
  },
  async openStore(migrations) {
    const schema = await freshPostgresSchema(url);
    const store = openStore({ postgresUrl: schema.url });
    try {
      await migrateStore(store, migrations);
    } catch (err) {
      await store.close();
      await schema.drop();
      throw err;
    }
    return closedWithTest({
      store,
      close: async () => {
        await store.close();
        await schema.drop();
      },
    });
  },
});

/** The stores the suite runs on: SQLite always, PostgreSQL when KCC_TEST_DATABASE_URL is set. */
export const storesUnderTest: readonly StoreUnderTest[] = [
  sqlite,
  ...(TEST_DATABASE_URL ? [postgres(TEST_DATABASE_URL)] : []),
];

/** `describe` the body once per store under test, titled `… (sqlite)` / `… (postgres)`. */
export function describeEachStore(title: string, body: (store: StoreUnderTest) => void): void {
  for (const s of storesUnderTest) describe(`${title} (${s.dialect})`, () => body(s));
}
