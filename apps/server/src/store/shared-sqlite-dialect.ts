import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type Database from 'better-sqlite3';
import type { Db } from './db';

/** Statements compiled per connection; Kysely's own SQLite driver compiles every query again. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * A unit of work on SQLite that was still open when the event loop moved on: it awaited something other than the
 * store (a timer, a fetch, a file), so synchronous code on the shared connection could have run inside it.
 */
export class UnitOfWorkEscaped extends Error {
  override name = 'UnitOfWorkEscaped';
  constructor() {
    super(
      'A SQLite unit of work awaited something other than the store; it was rolled back (apps/server/src/store/README.md)',
    );
  }
}

class SharedConnection implements DatabaseConnection {
  readonly #db: Db;
  readonly #statements = new Map<string, Database.Statement>();
  /** Set when the open transaction escaped its microtask drain: every further statement in it fails. */
  escaped = false;

  constructor(db: Db) {
    this.#db = db;
  }

  #statement(sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  run(sql: string): void {
    this.#db.exec(sql);
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.escaped) return Promise.reject(new UnitOfWorkEscaped());
    const stmt = this.#statement(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
    const { changes } = stmt.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), rows: [] });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
    throw new Error('streaming is not used on the shared SQLite connection');
  }
}

/**
 * Kysely's driver over the server's existing better-sqlite3 connection, so synchronous repositories and async
 * ones share one connection and one writer during the transition. Every statement runs synchronously; a unit of
 * work that awaits only the store therefore completes within one microtask drain, before any other callback (and
 * so before any synchronous code on the connection) can run. A unit of work still open when the next timer or
 * check-phase callback runs broke that rule: it is rolled back there and its commit rejects with
 * `UnitOfWorkEscaped`. This is detection, best effort (an I/O callback in the same poll phase can still run first):
 * the rule is what keeps synchronous code out.
 */
class SharedSqliteDriver implements Driver {
  readonly #db: Db;
  readonly #connection: SharedConnection;
  #guards: { immediate: NodeJS.Immediate; timeout: NodeJS.Timeout } | undefined;

  constructor(db: Db) {
    this.#db = db;
    this.#connection = new SharedConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    // IMMEDIATE takes the write lock at once, so a writer in another process makes it wait (busy_timeout), not fail
    // half-way.
    this.#connection.run('BEGIN IMMEDIATE');
    this.#connection.escaped = false;
    // Whichever callback the event loop runs next after this microtask drain, a timer or the check phase, finds the
    // transaction still open only if the unit of work awaited something other than the store.
    const escape = () => {
      if (!this.#db.inTransaction || this.#connection.escaped) return;
      this.#connection.escaped = true;
      this.#connection.run('ROLLBACK');
    };
    this.#guards = { immediate: setImmediate(escape), timeout: setTimeout(escape, 0) };
  }

  async commitTransaction(): Promise<void> {
    if (this.#end()) throw new UnitOfWorkEscaped();
    this.#connection.run('COMMIT');
  }

  async rollbackTransaction(): Promise<void> {
    this.#end();
    if (this.#db.inTransaction) this.#connection.run('ROLLBACK');
  }

  /** Ends the guard; true when the transaction had escaped (and was rolled back already). */
  #end(): boolean {
    if (this.#guards) {
      clearImmediate(this.#guards.immediate);
      clearTimeout(this.#guards.timeout);
    }
    this.#guards = undefined;
    const escaped = this.#connection.escaped;
    this.#connection.escaped = false;
    return escaped;
  }

  async releaseConnection(): Promise<void> {}

  /** The connection belongs to the server, which closes it. */
  async destroy(): Promise<void> {}
}

/**
 * SQLite's adapter, except that Kysely's own one-connection mutex is off: the store's `AmbientDriver` holds the
 * connection for a whole unit of work instead (ambient-unit-of-work.ts), which Kysely's mutex would deadlock.
 */
class SharedSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

export class SharedSqliteDialect implements Dialect {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }
  createDriver(): Driver {
    return new SharedSqliteDriver(this.#db);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SharedSqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
