import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** The connection of an open unit of work: every query inside the unit runs on it; its transactions are savepoints. */
class UnitConnection implements DatabaseConnection {
  readonly #savepoints: string[] = [];
  #counter = 0;
  /** Set when the unit has committed or rolled back: a query still started from its context is a bug. */
  ended = false;

  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.ended) return Promise.reject(new Error('query issued after its unit of work ended'));
    return this.inner.executeQuery<R>(compiled);
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize as number);
  }

  async savepoint(): Promise<void> {
    const name = `kcc_unit_${++this.#counter}`;
    await this.executeQuery(CompiledQuery.raw(`SAVEPOINT ${name}`));
    this.#savepoints.push(name);
  }

  async release(): Promise<void> {
    await this.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${this.#top()}`));
    this.#savepoints.pop();
  }

  async rollbackToSavepoint(): Promise<void> {
    const name = this.#top();
    this.#savepoints.pop();
    await this.executeQuery(CompiledQuery.raw(`ROLLBACK TO SAVEPOINT ${name}`));
    await this.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${name}`));
  }

  #top(): string {
    const name = this.#savepoints.at(-1);
    if (!name) throw new Error('no savepoint open in this unit of work');
    return name;
  }
}

/** One holder of the connection at a time (SQLite: one connection for the whole server). */
class Mutex {
  #held = false;
  readonly #waiters: (() => void)[] = [];

  lock(): Promise<void> | undefined {
    if (!this.#held) {
      this.#held = true;
      return undefined;
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}

/**
 * Wraps a Kysely driver so that every Kysely instance on it takes part in the ambient unit of work (README.md):
 * `unitOfWork(fn)` opens one transaction on one connection and runs `fn` in an AsyncLocalStorage context. Inside
 * it every query, from whichever Kysely instance on this driver, runs on that connection; a `transaction()` or a
 * nested `unitOfWork` becomes a savepoint. Outside a unit nothing changes. With `exclusive` (SQLite's one shared
 * connection) a connection has one holder at a time, so units and single statements run one after another.
 */
export class AmbientDriver implements Driver {
  readonly #inner: Driver;
  readonly #units = new AsyncLocalStorage<UnitConnection>();
  readonly #mutex: Mutex | undefined;

  constructor(inner: Driver, options: { exclusive: boolean }) {
    this.#inner = inner;
    this.#mutex = options.exclusive ? new Mutex() : undefined;
  }

  /** Whether the caller runs inside a unit of work of this driver. */
  inUnitOfWork(): boolean {
    const unit = this.#units.getStore();
    return unit !== undefined && !unit.ended;
  }

  async unitOfWork<T>(fn: () => Promise<T>): Promise<T> {
    const current = this.#units.getStore();
    if (current && !current.ended) {
      await current.savepoint();
      let result: T;
      try {
        result = await fn();
      } catch (err) {
        await current.rollbackToSavepoint();
        throw err;
      }
      await current.release();
      return result;
    }
    const connection = await this.#acquire();
    try {
      await this.#inner.beginTransaction(connection, {});
      const unit = new UnitConnection(connection);
      let result: T;
      try {
        result = await this.#units.run(unit, fn);
      } catch (err) {
        unit.ended = true;
        await this.#inner.rollbackTransaction(connection);
        throw err;
      }
      unit.ended = true;
      try {
        await this.#inner.commitTransaction(connection);
      } catch (err) {
        // The driver may have rolled back already (SQLite's escape guard, PostgreSQL's aborted transaction).
        await this.#inner.rollbackTransaction(connection).catch(() => undefined);
        throw err;
      }
      return result;
    } finally {
      await this.#release(connection);
    }
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const unit = this.#units.getStore();
    if (unit && !unit.ended) return unit;
    return this.#acquire();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof UnitConnection) return;
    await this.#release(connection);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (connection instanceof UnitConnection) return connection.savepoint();
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof UnitConnection) return connection.release();
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof UnitConnection) return connection.rollbackToSavepoint();
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.savepoint!(unwrap(connection), name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.rollbackToSavepoint!(unwrap(connection), name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.releaseSavepoint!(unwrap(connection), name, compile);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }

  async #acquire(): Promise<DatabaseConnection> {
    const waiting = this.#mutex?.lock();
    if (waiting) await waiting;
    try {
      return await this.#inner.acquireConnection();
    } catch (err) {
      this.#mutex?.unlock();
      throw err;
    }
  }

  async #release(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#inner.releaseConnection(connection);
    } finally {
      this.#mutex?.unlock();
    }
  }
}

const unwrap = (connection: DatabaseConnection) =>
  connection instanceof UnitConnection ? connection.inner : connection;
