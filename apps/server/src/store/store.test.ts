import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test-support/each-store';
import { tempDataDir } from '../../test-support/test-server';
import { openDatabase } from './db';
import type { StoreMigration } from './migration';
import { UnitOfWorkEscaped } from './shared-sqlite-dialect';
import { openStore, type Store } from './store';
import { isUniqueViolation } from './unique-violation';

interface Tables {
  notes: { id: string; body: string; at: number };
}

const notesMigration: StoreMigration[] = [
  {
    id: 'store-test/001_notes',
    sqlite: 'CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL)',
    postgres: 'CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, at BIGINT NOT NULL)',
  },
];

describeEachStore('the async store', (stores) => {
  it('commits a unit of work, and rolls all of it back when it throws', async () => {
    const { store, close } = await stores.openStore(notesMigration);
    const db = store.kysely<Tables>();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 'a', body: 'één', at: 1 }).execute();
      await trx.insertInto('notes').values({ id: 'b', body: 'twee', at: 2 }).execute();
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 'c', body: 'drie', at: 3 }).execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const ids = (await db.selectFrom('notes').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toEqual(['a', 'b']);
    await close();
  });

  it('reads big integers (epoch milliseconds, counts) as numbers on both stores', async () => {
    const { store, close } = await stores.openStore(notesMigration);
    const db = store.kysely<Tables>();
    const at = Date.UTC(2026, 11, 7, 21, 0, 0, 123);
    await db.insertInto('notes').values({ id: 'a', body: 'x', at }).execute();
    const row = await db
      .selectFrom('notes')
      .select(['at', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('at')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ at, n: 1 });
    await close();
  });

  it('names a UNIQUE violation the same way on both stores', async () => {
    const { store, close } = await stores.openStore(notesMigration);
    const db = store.kysely<Tables>();
    await db.insertInto('notes').values({ id: 'a', body: 'x', at: 1 }).execute();
    const err: unknown = await db
      .insertInto('notes')
      .values({ id: 'a', body: 'y', at: 2 })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
    await close();
  });

  it('runs concurrent units of work one after another, each seeing the other’s commit', async () => {
    const { store, close } = await stores.openStore(notesMigration);
    const db = store.kysely<Tables>();
    await db.insertInto('notes').values({ id: 'counter', body: '0', at: 0 }).execute();
    const increment = () =>
      db.transaction().execute(async (trx) => {
        // Lock the row on PostgreSQL; SQLite's unit of work holds the one writer anyway.
        const q = trx.selectFrom('notes').select('at').where('id', '=', 'counter');
        const row = await (store.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
        await trx
          .updateTable('notes')
          .set({ at: row.at + 1 })
          .where('id', '=', 'counter')
          .execute();
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    const row = await db
      .selectFrom('notes')
      .select('at')
      .where('id', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(row.at).toBe(20);
    await close();
  });
});

describe('the async store on the shared SQLite connection', () => {
  const open = () => {
    const dir = tempDataDir();
    const conn = openDatabase(dir);
    conn.exec(notesMigration[0]!.sqlite!);
    const store = openStore({ sqlite: conn });
    return {
      conn,
      db: store.kysely<Tables>(),
      close: async () => {
        await store.close();
        expect(conn.open).toBe(true); // the connection is the server's; closing the store leaves it open
        conn.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  };

  it('completes a unit of work within one microtask drain, so synchronous code never sees it half done', async () => {
    const { conn, db, close } = open();
    const seenBySyncCode: number[] = [];
    // Synchronous code on the same connection, run as the next macrotask after the unit of work started.
    setImmediate(() => {
      seenBySyncCode.push((conn.prepare('SELECT COUNT(*) AS n FROM notes').get() as { n: number }).n);
      expect(conn.inTransaction).toBe(false);
    });
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 10; i++) {
        await trx
          .insertInto('notes')
          .values({ id: `n${i}`, body: 'x', at: i })
          .execute();
      }
      await trx.updateTable('notes').set({ body: 'y' }).execute();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seenBySyncCode).toEqual([10]);
    await close();
  });

  it('lets a statement started inside an open unit of work wait for it, so a rollback does not take it along', async () => {
    const { db, close } = open();
    let outside: Promise<unknown> | undefined;
    const unit = db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 'in-1', body: 'x', at: 1 }).execute();
      // Another request's write, started while this unit of work is open: it must not join it.
      outside = db.insertInto('notes').values({ id: 'outside', body: 'x', at: 2 }).execute();
      await trx.insertInto('notes').values({ id: 'in-2', body: 'x', at: 3 }).execute();
      throw new Error('stop');
    });
    await expect(unit).rejects.toThrow('stop');
    await outside;
    const ids = (await db.selectFrom('notes').select('id').execute()).map((r) => r.id);
    expect(ids).toEqual(['outside']);
    await close();
  });

  const notTheStore = {
    'a timer': () => new Promise((resolve) => setTimeout(resolve, 0)),
    'the check phase': () => new Promise((resolve) => setImmediate(resolve)),
  };
  for (const [what, wait] of Object.entries(notTheStore)) {
    it(`rolls back a unit of work that awaits ${what}, and says why`, async () => {
      const { conn, db, close } = open();
      const result = db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 'before', body: 'x', at: 1 }).execute();
        await wait(); // breaks the rule: not the store
        await trx.insertInto('notes').values({ id: 'after', body: 'x', at: 2 }).execute();
      });
      await expect(result).rejects.toBeInstanceOf(UnitOfWorkEscaped);
      expect(conn.inTransaction).toBe(false);
      expect(conn.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
      // The store keeps working afterwards.
      await db.insertInto('notes').values({ id: 'later', body: 'x', at: 3 }).execute();
      expect(conn.prepare('SELECT id FROM notes').all()).toEqual([{ id: 'later' }]);
      await close();
    });
  }

  it('takes the write lock at the start of a unit of work (BEGIN IMMEDIATE)', async () => {
    const { conn, db, close } = open();
    await db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      // A second connection cannot write while the unit of work is open, even though it has only read so far.
      const other = openDatabase(conn.name.replace(/\/[^/]+$/, ''));
      other.pragma('busy_timeout = 0');
      expect(() => other.exec("INSERT INTO notes VALUES ('x', 'y', 1)")).toThrow(/locked|busy/i);
      other.close();
    });
    await close();
  });
});

describeEachStore('the ambient unit of work', (stores) => {
  /** A repository as modules write them: it captures its query builder when it is made. */
  const notesRepository = (store: Store) => {
    const db = store.kysely<Tables>();
    return {
      add: (id: string) => db.insertInto('notes').values({ id, body: 'x', at: 1 }).execute(),
      /** Its own multi-statement write, in a transaction of its own (a savepoint inside a unit). */
      addBoth: (a: string, b: string, fail = false) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('notes').values({ id: a, body: 'x', at: 1 }).execute();
          await trx.insertInto('notes').values({ id: b, body: 'x', at: 1 }).execute();
          if (fail) throw new Error('repository failed');
        }),
      ids: async () => (await db.selectFrom('notes').select('id').orderBy('id').execute()).map((r) => r.id),
    };
  };

  it('runs the queries of repositories made before the unit in it, and commits them together', async () => {
    const { store } = await stores.openStore(notesMigration);
    const first = notesRepository(store);
    const second = notesRepository(store);
    expect(store.inUnitOfWork()).toBe(false);
    const seenInside = await store.unitOfWork(async () => {
      expect(store.inUnitOfWork()).toBe(true);
      await first.add('a');
      await second.addBoth('b', 'c');
      return second.ids();
    });
    expect(seenInside).toEqual(['a', 'b', 'c']);
    expect(await first.ids()).toEqual(['a', 'b', 'c']);
  });

  it('rolls back every repository’s writes when the unit throws', async () => {
    const { store } = await stores.openStore(notesMigration);
    const first = notesRepository(store);
    const second = notesRepository(store);
    await expect(
      store.unitOfWork(async () => {
        await first.add('a');
        await second.addBoth('b', 'c');
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');
    expect(await first.ids()).toEqual([]);
    // The connection is free again and outside a transaction.
    await first.add('after');
    expect(await second.ids()).toEqual(['after']);
  });

  it('rolls back only the savepoint of a nested transaction or unit that fails', async () => {
    const { store } = await stores.openStore(notesMigration);
    const notes = notesRepository(store);
    await store.unitOfWork(async () => {
      await notes.add('a');
      await expect(notes.addBoth('b', 'c', true)).rejects.toThrow('repository failed');
      await expect(
        store.unitOfWork(async () => {
          await notes.add('d');
          throw new Error('nested unit failed');
        }),
      ).rejects.toThrow('nested unit failed');
      await store.unitOfWork(async () => {
        await notes.add('e');
        await notes.addBoth('f', 'g');
      });
      // A failed statement (a duplicate key) inside a nested transaction leaves the unit usable.
      await expect(notes.addBoth('h', 'a')).rejects.toSatisfy(isUniqueViolation);
      await notes.add('i');
    });
    expect(await notes.ids()).toEqual(['a', 'e', 'f', 'g', 'i']);
  });

  it('leaves the outer unit to decide: a nested unit that succeeded goes when the outer one throws', async () => {
    const { store } = await stores.openStore(notesMigration);
    const notes = notesRepository(store);
    await expect(
      store.unitOfWork(async () => {
        await store.unitOfWork(() => notes.add('a'));
        throw new Error('outer failed');
      }),
    ).rejects.toThrow('outer failed');
    expect(await notes.ids()).toEqual([]);
  });

  if (stores.dialect === 'postgres') {
    it('keeps two concurrent units apart: neither sees the other’s uncommitted rows', async () => {
      const { store } = await stores.openStore(notesMigration);
      const notes = notesRepository(store);
      const signal = () => {
        let fire!: () => void;
        const done = new Promise<void>((resolve) => (fire = resolve));
        return { fire, done };
      };
      const [aInserted, bInserted, aRead, bRead] = [signal(), signal(), signal(), signal()];
      // Both read while both are open (awaiting each other is fine on PostgreSQL; on SQLite it breaks the rule).
      const a = store.unitOfWork(async () => {
        await notes.add('a');
        aInserted.fire();
        await bInserted.done;
        const seen = await notes.ids();
        aRead.fire();
        await bRead.done;
        return seen;
      });
      const b = store.unitOfWork(async () => {
        await aInserted.done;
        await notes.add('b');
        bInserted.fire();
        const seen = await notes.ids();
        bRead.fire();
        await aRead.done;
        return seen;
      });
      expect(await a).toEqual(['a']);
      expect(await b).toEqual(['b']);
      expect(await notes.ids()).toEqual(['a', 'b']);
    });
  } else {
    it('runs concurrent units one after another on the one SQLite connection', async () => {
      const { store } = await stores.openStore(notesMigration);
      const notes = notesRepository(store);
      const steps: string[] = [];
      const unit = (name: string) =>
        store.unitOfWork(async () => {
          for (let i = 0; i < 3; i++) {
            steps.push(`${name}${i}`);
            await notes.add(`${name}${i}`);
          }
          return notes.ids();
        });
      const [a, b] = await Promise.all([unit('a'), unit('b')]);
      expect(steps).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
      expect(a).toEqual(['a0', 'a1', 'a2']);
      expect(b).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
    });
  }
});
