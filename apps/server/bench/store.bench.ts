/**
 * The async store's cost: one moved repository's write path (quick replies, `create`) through Kysely, next to the
 * same rows written with the raw driver in the same run. SQLite: the server's opener (WAL, synchronous = NORMAL),
 * Kysely over the shared connection vs a prepared better-sqlite3 statement. PostgreSQL (KCC_TEST_DATABASE_URL, else
 * a throwaway cluster from scripts/pg-throwaway.sh when PostgreSQL is installed): Kysely over a pg.Pool vs
 * `pool.query` with the same text. Rounds alternate which side goes first; each side's rate is the median round.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  pgKysely: 'Quick reply create, Kysely on PostgreSQL',
  pgRaw: 'Quick reply insert, raw pg',
  pgRatio: 'Kysely vs raw on PostgreSQL',
} as const;

const input = (i: number) => ({
  code: `code-${i}-${randomUUID().slice(0, 8)}`,
  title: `Titel ${i}`,
  body: 'Tekst',
});

/** Rows per second of each side, median of alternating rounds. */
async function alternate(
  kysely: (i: number) => Promise<unknown>,
  raw: (i: number) => Promise<unknown> | unknown,
  clear: () => Promise<unknown> | unknown,
): Promise<{ kysely: number; raw: number }> {
  const rates = { kysely: [] as number[], raw: [] as number[] };
  const time = async (fn: (i: number) => Promise<unknown> | unknown) => {
    await clear();
    const started = performance.now();
    for (let i = 0; i < ROWS_PER_ROUND; i++) await fn(i);
    return (ROWS_PER_ROUND * 1000) / (performance.now() - started);
  };
  await time(kysely); // warm-up of both sides
  await time(raw);
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      rates.kysely.push(await time(kysely));
      rates.raw.push(await time(raw));
    } else {
      rates.raw.push(await time(raw));
      rates.kysely.push(await time(kysely));
    }
  }
  const median = (v: number[]) => sortedCopy(v)[Math.floor(v.length / 2)]!;
  return { kysely: median(rates.kysely), raw: median(rates.raw) };
}

async function onSqlite(): Promise<{ kysely: number; raw: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-store-bench-'));
  const db = openDatabase(dir, undefined, { synchronous: 'NORMAL' });
  const store = openStore({ sqlite: db });
  try {
    await migrateStore(store, quickRepliesMigrations);
    const repo = createQuickRepliesRepository(store);
    const insert = db.prepare(
      'INSERT INTO quick_replies (id, code, title, body, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    return await alternate(
      (i) => repo.create(input(i)),
      (i) => {
        const v = input(i);
        insert.run(randomUUID(), v.code, v.title, v.body, Date.now());
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

async function onPostgres(url: string): Promise<{ kysely: number; raw: number }> {
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
    return await alternate(
      (i) => repo.create(input(i)),
      (i) => {
        const v = input(i);
        return rawPool.query(
          'INSERT INTO quick_replies (id, code, title, body, updated_at) VALUES ($1, $2, $3, $4, $5)',
          [randomUUID(), v.code, v.title, v.body, Date.now()],
        );
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
    );
  } finally {
    pgTarget.stop();
  }
  return { rows };
}

if (isMain(import.meta.url)) runDirectly('Async store vs raw drivers', runStoreBench);
