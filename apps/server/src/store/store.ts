import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { AmbientDriver } from './ambient-unit-of-work';
import type { Db } from './db';
import { SharedSqliteDialect } from './shared-sqlite-dialect';

export type StoreDialect = 'sqlite' | 'postgres';

/**
 * The async persistence port. Each module's repository takes `store.kysely<ItsTables>()`, a query builder typed
 * for that module's tables only, and runs every unit of work as `db.transaction().execute(async (trx) => …)`.
 * On SQLite a unit of work awaits nothing but the store (README.md in this folder).
 */
export interface Store {
  readonly dialect: StoreDialect;
  /** The query builder, typed for one module's tables. */
  kysely<Tables>(): Kysely<Tables>;
  /**
   * Run `fn` as one transaction that every query inside it joins, from whichever `kysely()` instance (also ones a
   * repository captured before); a `transaction()` or `unitOfWork` inside it is a savepoint (README.md).
   */
  unitOfWork<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the caller runs inside a unit of work. */
  inUnitOfWork(): boolean;
  /** Ends the PostgreSQL pool; on SQLite the connection belongs to the server, which closes it. */
  close(): Promise<void>;
}

export type StoreOptions = { sqlite: Db } | { postgresUrl: string; maxConnections?: number };

const sqliteConnections = new WeakMap<Store, Db>();

/** The better-sqlite3 connection under a SQLite store (the migration runner's), else undefined. */
export function sqliteConnectionOf(store: Store): Db | undefined {
  return sqliteConnections.get(store);
}

/** PostgreSQL `bigint` (count(*), epoch milliseconds) as a JS number, like SQLite's INTEGER; safe up to 2^53. */
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pg pool for this URL, parsing `bigint` to numbers (also used by tests and benchmarks for raw `pg`). */
export function createPgPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: url, max, types: pgTypes });
}

/**
 * Open the async store: SQLite through the server's existing better-sqlite3 connection (one connection, one
 * writer), or PostgreSQL through a pool when `KCC_DATABASE_URL` is set.
 */
export function openStore(options: StoreOptions): Store {
  if ('sqlite' in options) {
    const store = ambientStore('sqlite', new SharedSqliteDialect(options.sqlite));
    sqliteConnections.set(store, options.sqlite);
    return store;
  }
  const pool = createPgPool(options.postgresUrl, options.maxConnections);
  return ambientStore('postgres', new PostgresDialect({ pool }));
}

/** The dialect with its driver wrapped for the ambient unit of work; SQLite's one connection has one holder. */
function ambientStore(dialect: StoreDialect, inner: Dialect): Store {
  const driver = new AmbientDriver(inner.createDriver(), { exclusive: dialect === 'sqlite' });
  const db = new Kysely<unknown>({
    dialect: {
      createDriver: () => driver,
      createQueryCompiler: () => inner.createQueryCompiler(),
      createAdapter: () => inner.createAdapter(),
      createIntrospector: (k) => inner.createIntrospector(k),
    },
  });
  return {
    dialect,
    kysely: <T>() => db as unknown as Kysely<T>,
    unitOfWork: (fn) => driver.unitOfWork(fn),
    inUnitOfWork: () => driver.inUnitOfWork(),
    close: () => db.destroy(),
  };
}
