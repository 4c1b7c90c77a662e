/**
 * The async store's cost: one moved repository's write path (quick replies, `create`) through Kysely, next to the
 * same rows written with the raw driver in the same run. SQLite: the server's opener (WAL, synchronous = NORMAL),
 * Kysely over the shared connection vs a prepared better-sqlite3 statement. PostgreSQL (KCC_TEST_DATABASE_URL, else
 * a throwaway cluster from scripts/pg-throwaway.sh when PostgreSQL is installed): Kysely over a pg.Pool vs
 * `pool.query` with the same text. A third side sends the same text through Kysely's executor, to split the cost
 * between building and compiling a query and the executor itself. Sides take turns going first; each side's rate is
 * the median round.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { urlWithSchema } from '../test-support/each-store';
import { openDatabase } from '../src/store/db';
import { migrateStore } from '../src/store/migrate-store';
import { createPgPool, openStore, type Store } from '../src/store/store';
import {
  createQuickRepliesRepository,
  quickRepliesMigrations,
} from '../src/modules/quick-replies/quick-replies.repository';
import { round, runDirectly, isMain, sortedCopy, type BenchResult, type BenchRow } from './bench-util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ROUNDS = 7;
const ROWS_PER_ROUND = 2000;

export const STORE_ROWS = {
  sqliteKysely: 'Quick reply create, Kysely on SQLite',
  sqliteRaw: 'Quick reply insert, raw better-sqlite3',
  sqliteRatio: 'Kysely vs raw on SQLite',
  sqlitePrecompiledRatio: 'Precompiled through Kysely vs raw on SQLite',
  pgKysely: 'Quick reply create, Kysely on PostgreSQL',
  pgRaw: 'Quick reply insert, raw pg',
  pgRatio: 'Kysely vs raw on PostgreSQL',
  pgPrecompiledRatio: 'Precompiled through Kysely vs raw on PostgreSQL',
} as const;

const SQLITE_INSERT = 'INSERT INTO quick_replies (id, code, title, body, updated_at) VALUES (?, ?, ?, ?, ?)';
const PG_INSERT = 'INSERT INTO quick_replies (id, code, title, body, updated_at) VALUES ($1, $2, $3, $4, $5)';

const input = (i: number) => ({
  code: `code-${i}-${randomUUID().slice(0, 8)}`,
  title: `Titel ${i}`,
  body: 'Tekst',
});

type Side = (i: number) => Promise<unknown> | unknown;
interface Rates {
  /** The repository (`create`): query builder, compile, executor. */
  kysely: number;
  /** The same INSERT text through Kysely's executor (`executeQuery(CompiledQuery.raw(…))`): no builder, no compile. */
  precompiled: number;
  raw: number;
}

/** Rows per second of each side, median of rounds in which the sides take turns going first. */
async function alternate(
  sides: Record<keyof Rates, Side>,
  clear: () => Promise<unknown> | unknown,
): Promise<Rates> {
  const names = Object.keys(sides) as (keyof Rates)[];
  const rates: Record<keyof Rates, number[]> = { kysely: [], precompiled: [], raw: [] };
  const time = async (fn: Side) => {
    await clear();
    const started = performance.now();
    for (let i = 0; i < ROWS_PER_ROUND; i++) await fn(i);
    return (ROWS_PER_ROUND * 1000) / (performance.now() - started);
  };
  for (const name of names) await time(sides[name]); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!;
      rates[name].push(await time(sides[name]));
    }
  }
  const median = (v: number[]) => sortedCopy(v)[Math.floor(v.length / 2)]!;
  return { kysely: median(rates.kysely), precompiled: median(rates.precompiled), raw: median(rates.raw) };
}

async function onSqlite(): Promise<Rates> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-store-bench-'));
  const db = openDatabase(dir, undefined, { synchronous: 'NORMAL' });
  const store = openStore({ sqlite: db });
  try {
    await migrateStore(store, quickRepliesMigrations);
    const repo = createQuickRepliesRepository(store);
    const insert = db.prepare(SQLITE_INSERT);
    const kysely = store.kysely();
    return await alternate(
      {
        kysely: (i) => repo.create(input(i)),
        precompiled: (i) => {
          const v = input(i);
          return kysely.executeQuery(
            CompiledQuery.raw(SQLITE_INSERT, [randomUUID(), v.code, v.title, v.body, Date.now()]),
          );
        },
        raw: (i) => {
          const v = input(i);
          insert.run(randomUUID(), v.code, v.title, v.body, Date.now());
        },
      },
      () => db.exec('DELETE FROM quick_replies'),
    );
  } finally {
    await store.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A PostgreSQL to measure on, with how to stop it; undefined when there is none. */
function postgresUrl(): { url: string; source: string; stop(): void } | undefined {
  const given = process.env.KCC_TEST_DATABASE_URL?.trim();
  if (given) return { url: given, source: 'KCC_TEST_DATABASE_URL', stop: () => {} };
  try {
    const out = execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' });
    const url = /KCC_TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
    const dir = /KCC_PG_THROWAWAY_DIR=(\S+)/.exec(out)?.[1];
    if (!url || !dir) return undefined;
    return {
      url,
      source: 'a throwaway cluster (fsync off)',
      stop: () => execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), ['stop', dir]),
    };
  } catch {
    return undefined;
  }
}

async function onPostgres(url: string): Promise<Rates> {
  const schema = `kcc_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const adminPool: pg.Pool = createPgPool(url, 1);
  await adminPool.query(`CREATE SCHEMA ${schema}`);
  const schemaUrl = urlWithSchema(url, schema);
  let store: Store | undefined;
  const rawPool = createPgPool(schemaUrl);
  try {
    store = openStore({ postgresUrl: schemaUrl });
    await migrateStore(store, quickRepliesMigrations);
    const repo = createQuickRepliesRepository(store);
    const kysely = store.kysely();
    return await alternate(
      {
        kysely: (i) => repo.create(input(i)),
        precompiled: (i) => {
          const v = input(i);
          return kysely.executeQuery(
            CompiledQuery.raw(PG_INSERT, [randomUUID(), v.code, v.title, v.body, Date.now()]),
          );
        },
        raw: (i) => {
          const v = input(i);
          return rawPool.query(PG_INSERT, [randomUUID(), v.code, v.title, v.body, Date.now()]);
        },
      },
      () => rawPool.query('DELETE FROM quick_replies'),
    );
  } finally {
    await store?.close();
    await rawPool.end();
    await adminPool.query(`DROP SCHEMA ${schema} CASCADE`);
    await adminPool.end();
  }
}

export async function runStoreBench(): Promise<BenchResult> {
  const note = `${ROWS_PER_ROUND} rows one at a time per round, median of ${ROUNDS} alternating rounds`;
  const sqlite = await onSqlite();
  const rows: BenchRow[] = [
    {
      name: STORE_ROWS.sqliteKysely,
      value: round(sqlite.kysely),
      unit: 'rows/s',
      note: `${note}; WAL, synchronous = NORMAL`,
    },
    {
      name: STORE_ROWS.sqliteRaw,
      value: round(sqlite.raw),
      unit: 'rows/s',
      note: 'same rows, one prepared statement',
    },
    { name: STORE_ROWS.sqliteRatio, value: round((100 * sqlite.kysely) / sqlite.raw, 1), unit: '% of raw' },
    {
      name: STORE_ROWS.sqlitePrecompiledRatio,
      value: round((100 * sqlite.precompiled) / sqlite.raw, 1),
      unit: '% of raw',
      note: `${round(sqlite.precompiled)} rows/s: the same INSERT text through Kysely's executor, no builder or compile`,
    },
  ];
  const pgTarget = postgresUrl();
  if (!pgTarget) {
    rows.push({
      name: STORE_ROWS.pgRatio,
      value: Number.NaN,
      unit: '% of raw',
      note: 'not measured: no KCC_TEST_DATABASE_URL and no PostgreSQL installed',
    });
    return { rows };
  }
  try {
    const pgRates = await onPostgres(pgTarget.url);
    rows.push(
      {
        name: STORE_ROWS.pgKysely,
        value: round(pgRates.kysely),
        unit: 'rows/s',
        note: `${note}; ${pgTarget.source}`,
      },
      {
        name: STORE_ROWS.pgRaw,
        value: round(pgRates.raw),
        unit: 'rows/s',
        note: 'same rows, pool.query with the same text',
      },
      { name: STORE_ROWS.pgRatio, value: round((100 * pgRates.kysely) / pgRates.raw, 1), unit: '% of raw' },
      {
        name: STORE_ROWS.pgPrecompiledRatio,
        value: round((100 * pgRates.precompiled) / pgRates.raw, 1),
        unit: '% of raw',
        note: `${round(pgRates.precompiled)} rows/s: the same INSERT text through Kysely's executor, no builder or compile`,
      },
    );
  } finally {
    pgTarget.stop();
  }
  return { rows };
}

if (isMain(import.meta.url)) runDirectly('Async store vs raw drivers', runStoreBench);
