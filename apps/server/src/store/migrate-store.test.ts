import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { describeEachStore, storesUnderTest } from '../../test-support/each-store';
import { preStoreMigrations } from '../../test-support/pre-store-migrations';
import { tempDataDir } from '../../test-support/test-server';
import { embeddedKlantinteracties } from '../modules/klantinteracties-provider';
import { createOnderwerpenRepository } from '../modules/onderwerpen/onderwerpen.repository';
import { createQuickRepliesRepository } from '../modules/quick-replies/quick-replies.repository';
import { createUsersRepository } from '../modules/auth/users.repository';
import { createQueuesRepository } from '../modules/queues/queues.repository';
import { createRetentionRepository } from '../modules/retention/retention.repository';
import { openDatabase, type Db } from './db';
import { migrate } from './migrate';
import { migrateStore } from './migrate-store';
import type { StoreMigration } from './migration';
import { allStoreMigrations, serverMigrations } from './migrations';
import { openStore } from './store';

const two: StoreMigration[] = [
  {
    id: 'm/001',
    sqlite: 'CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER);',
    postgres: 'CREATE TABLE a (x BIGINT); CREATE TABLE b (y BIGINT);',
  },
  { id: 'm/002', sqlite: 'CREATE TABLE c (z TEXT)', postgres: 'CREATE TABLE c (z TEXT)' },
];

describeEachStore('store migrations', (stores) => {
  it('applies each migration once, in order, with several statements in one migration', async () => {
    const { store, close } = await stores.openStore(two);
    expect(await migrateStore(store, two)).toEqual([]);
    const third = { id: 'm/003', sqlite: 'INSERT INTO c VALUES (1)', postgres: "INSERT INTO c VALUES ('1')" };
    expect(await migrateStore(store, [...two, third])).toEqual(['m/003']);
    const ids = await store
      .kysely<{ schema_migrations: { id: string } }>()
      .selectFrom('schema_migrations')
      .select('id')
      .orderBy('id')
      .execute();
    expect(ids.map((r) => r.id)).toEqual(['m/001', 'm/002', 'm/003']);
    await expect(migrateStore(store, [...two, two[0]!])).rejects.toThrow(/twee keer/);
    await close();
  });

  it('rolls back a failing migration and keeps the ones before it', async () => {
    const { store, close } = await stores.openStore([]);
    const broken = {
      id: 'm/003',
      sqlite: 'CREATE TABLE d (v INTEGER); CREATE TABLE a (x INTEGER);',
      postgres: 'CREATE TABLE d (v BIGINT); CREATE TABLE a (x BIGINT);',
    };
    await expect(migrateStore(store, [...two, broken])).rejects.toThrow();
    const db = store.kysely<{ c: { z: string }; d: { v: number } }>();
    await expect(db.selectFrom('c').selectAll().execute()).resolves.toEqual([]);
    await expect(db.selectFrom('d').selectAll().execute()).rejects.toThrow();
    await close();
  });
});

const postgres = storesUnderTest.find((s) => s.dialect === 'postgres');
if (postgres)
  describe('store migrations on PostgreSQL under the advisory lock', () => {
    it('lets instances that start together apply every migration exactly once', async () => {
      const database = await postgres.freshDatabase();
      const url = database.env.KCC_DATABASE_URL!;
      // The first migration waits at a gate the test holds. The gate opens only when all four runners wait on an
      // advisory lock (the gate, or the runner's own lock), so a runner without the lock would apply it four times
      // (CREATE TABLE without IF NOT EXISTS fails the second time).
      const GATE = 7_240_001;
      const gated: StoreMigration[] = [
        {
          id: 'race/001',
          sqlite: null,
          postgres: `SELECT pg_advisory_lock(${GATE}); SELECT pg_advisory_unlock(${GATE}); CREATE TABLE raced (x BIGINT);`,
        },
        { id: 'race/002', sqlite: null, postgres: 'CREATE TABLE raced_too (x BIGINT);' },
      ];
      const gate = openStore({ postgresUrl: url });
      const instances = Array.from({ length: 4 }, () => openStore({ postgresUrl: url }));
      try {
        const applied = await gate
          .kysely()
          .connection()
          .execute(async (conn) => {
            await sql`SELECT pg_advisory_lock(${GATE})`.execute(conn);
            const running = Promise.allSettled(instances.map((s) => migrateStore(s, gated)));
            const waiting = sql<{ n: number }>`
              SELECT COUNT(*)::int AS n FROM pg_locks, (
                SELECT ${GATE}::bigint AS k UNION ALL SELECT hashtext('kcc-migrations:' || current_schema())::bigint
              ) keys
              WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
                AND classid::bigint = ((keys.k >> 32) & 4294967295) AND objid::bigint = (keys.k & 4294967295)`;
            await vi.waitFor(
              async () => expect((await waiting.execute(conn)).rows[0]?.n).toBe(instances.length),
              { timeout: 10_000, interval: 20 },
            );
            await sql`SELECT pg_advisory_unlock(${GATE})`.execute(conn);
            return (await running).map((r) => {
              if (r.status === 'rejected') throw r.reason;
              return r.value;
            });
          });
        expect(applied.flat().sort()).toEqual(['race/001', 'race/002']);
        const count = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM schema_migrations`.execute(
          instances[0]!.kysely(),
        );
        expect(count.rows[0]?.n).toBe(2);
      } finally {
        for (const s of [gate, ...instances]) await s.close();
        await database.drop();
      }
    });
  });

describe('an existing SQLite data dir after modules moved to the async store', () => {
  const schemaOf = (db: Db) =>
    db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all();

  it('migrates as a no-op and keeps its data readable through the new repositories', async () => {
    // A data dir as the synchronous runner left it before the move.
    const oldDir = tempDataDir();
    const old = openDatabase(oldDir);
    const before = serverMigrations(embeddedKlantinteracties.migrations).map(
      (m) => preStoreMigrations[m.id] ?? m,
    );
    for (const id of Object.keys(preStoreMigrations)) {
      expect(before.map((m) => m.id)).toContain(id);
      // A moved module's migrations also run on PostgreSQL.
      expect(allStoreMigrations(embeddedKlantinteracties.migrations).map((m) => m.id)).toContain(id);
    }
    migrate(old, before);
    old
      .prepare("INSERT INTO quick_replies VALUES ('qr-1', 'oud', 'Van vroeger', 'Tekst', 1765000000000)")
      .run();
    old
      .prepare(
        "INSERT INTO onderwerpen VALUES ('o-1', 'Paspoort', 'paspoort', NULL, 1, 'beheer', 1765000000000, 1765000000000, NULL)",
      )
      .run();

    old
      .prepare(
        "INSERT INTO users (id, username, name, password_hash, roles, created_at) VALUES ('u-1', 'Kees', 'Kees', 'h', '[\"medewerker\"]', 1)",
      )
      .run();
    old
      .prepare(
        `INSERT INTO agent_profiles VALUES ('u-1', '{"algemeen":2}', '{"telefoon":1,"chat":2,"email":3}', '["chat"]')`,
      )
      .run();
    old.prepare("INSERT INTO retention_state VALUES ('contacten', 42)").run();

    // Start-up as the server does it now.
    const store = openStore({ sqlite: old });
    expect(migrate(old, serverMigrations(embeddedKlantinteracties.migrations))).toEqual([]);
    expect(await migrateStore(store, allStoreMigrations(embeddedKlantinteracties.migrations))).toEqual([]);
    expect(await createQuickRepliesRepository(store).get('qr-1')).toMatchObject({ code: 'oud' });
    expect(await createOnderwerpenRepository(store).get('o-1')).toMatchObject({
      naam: 'Paspoort',
      actief: true,
    });

    expect(await createUsersRepository(store, { demoAccounts: false }).findByUsername('kees')).toMatchObject({
      id: 'u-1',
      roles: ['medewerker'],
    });
    expect(await createQueuesRepository(store).agentProfile('u-1')).toMatchObject({ queueIds: ['chat'] });
    expect(await createRetentionRepository(store).doneUntil('contacten')).toBe(42);

    // And the schema equals that of a data dir created from scratch now.
    const freshDir = tempDataDir();
    const fresh = openDatabase(freshDir);
    migrate(fresh, serverMigrations(embeddedKlantinteracties.migrations));
    await migrateStore(openStore({ sqlite: fresh }), allStoreMigrations(embeddedKlantinteracties.migrations));
    expect(schemaOf(old)).toEqual(schemaOf(fresh));

    await store.close();
    old.close();
    fresh.close();
    fs.rmSync(oldDir, { recursive: true, force: true });
    fs.rmSync(freshDir, { recursive: true, force: true });
  });
});
