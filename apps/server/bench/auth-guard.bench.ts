/**
 * The auth guard's cost per request (issue 10 §2): `authenticate` of one access token as the server does it now
 * (verify the token; one query for the active session joined with the account), next to what the guard did before
 * the move (verify the token; read the session; the account from a per-process map filled once, which never saw
 * another instance's changes). SQLite, and PostgreSQL when KCC_TEST_DATABASE_URL is set. Sides take turns
 * going first; each side's rate is the median round. Run: `npx tsx apps/server/bench/auth-guard.bench.ts`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { User } from '@kcc/contracts/domain';
import { urlWithSchema } from '../test-support/each-store';
import { createAuthGuard } from '../src/http/auth-guard';
import { authMigrations } from '../src/modules/auth/auth.migrations';
import { SessionStore } from '../src/modules/auth/sessions';
import { TokenService } from '../src/modules/auth/tokens';
import { createUsersRepository } from '../src/modules/auth/users.repository';
import { openDatabase } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { migrateStore } from '../src/store/migrate-store';
import { storeMigrations } from '../src/store/migrations';
import { createPgPool, openStore, sqliteConnectionOf, type Store } from '../src/store/store';
import { isMain, round, runDirectly, sortedCopy, type BenchResult, type BenchRow } from './bench-util';

const ROUNDS = 7;
const CALLS_PER_ROUND = 2000;

interface Rates {
  store: number;
  cached: number;
}

async function measure(store: Store): Promise<Rates> {
  const users = createUsersRepository(store, { demoAccounts: false });
  const user = await users.create({
    id: `user-${randomUUID()}`,
    username: `bench-${randomUUID().slice(0, 8)}`,
    name: 'Bench',
    passwordHash: 'x',
    roles: ['medewerker'],
  });
  if (!user) throw new Error('bench user not created');
  const cache = new Map<string, User>([[user.id, user]]);
  const tokens = new TokenService('b'.repeat(48));
  const sessions = new SessionStore(store);
  const { session } = await sessions.create(user.id);
  const { token } = await tokens.issue(user.id, user.roles, session.id);
  const guard = createAuthGuard(tokens, users, sessions);
  const sides: Record<keyof Rates, () => Promise<unknown>> = {
    store: () => guard.authenticate(token),
    cached: async () => {
      const claims = await tokens.verify(token);
      if (!claims || !(await sessions.active(claims.sid))) return undefined;
      return cache.get(claims.sub);
    },
  };
  const time = async (name: keyof Rates) => {
    const started = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) {
      if (!(await sides[name]())) throw new Error('token refused');
    }
    return (CALLS_PER_ROUND * 1000) / (performance.now() - started);
  };
  const names: (keyof Rates)[] = ['store', 'cached'];
  for (const name of names) await time(name); // warm-up
  const rates: Record<keyof Rates, number[]> = { store: [], cached: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!;
      rates[name].push(await time(name));
    }
  }
  const median = (v: number[]) => sortedCopy(v)[Math.floor(v.length / 2)]!;
  return { store: median(rates.store), cached: median(rates.cached) };
}

function rows(dialect: string, rates: Rates): BenchRow[] {
  const us = (perSecond: number) => round(1e6 / perSecond, 1);
  return [
    {
      name: `authenticate now: session joined with the account (${dialect})`,
      value: round(rates.store),
      unit: 'calls/s',
      note: `${us(rates.store)} µs a call; ${CALLS_PER_ROUND} calls per round, median of ${ROUNDS} alternating rounds`,
    },
    {
      name: `before the move: session query, account from a map (${dialect})`,
      value: round(rates.cached),
      unit: 'calls/s',
      note: `${us(rates.cached)} µs a call`,
    },
    {
      name: `now vs before (${dialect})`,
      value: round((100 * rates.store) / rates.cached, 1),
      unit: '% of before',
    },
  ];
}

export async function runAuthGuardBench(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-guard-bench-'));
  const db = openDatabase(dir, undefined, { synchronous: 'NORMAL' });
  const sqlite = openStore({ sqlite: db });
  const result: BenchRow[] = [];
  try {
    migrate(sqliteConnectionOf(sqlite)!, authMigrations);
    await migrateStore(sqlite, storeMigrations);
    result.push(...rows('SQLite', await measure(sqlite)));
  } finally {
    await sqlite.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.KCC_TEST_DATABASE_URL?.trim();
  if (url) {
    const schema = `kcc_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = createPgPool(url, 1);
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pgStore = openStore({ postgresUrl: urlWithSchema(url, schema) });
    try {
      await migrateStore(pgStore, storeMigrations);
      result.push(...rows('PostgreSQL', await measure(pgStore)));
    } finally {
      await pgStore.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
  return { rows: result };
}

if (isMain(import.meta.url)) runDirectly('Auth guard per request', runAuthGuardBench);
