import { sql } from 'kysely';
import { checkUniqueIds, migrate } from './migrate';
import type { Migration, StoreMigration } from './migration';
import { sqliteConnectionOf, type Store } from './store';

/** A store migration in the synchronous runner's form (SQLite). */
export function sqliteForm(m: StoreMigration): Migration {
  if (m.sqlite === null) throw new Error(`${m.id} has no SQLite form; leave it out of the synchronous list`);
  return { id: m.id, sql: m.sqlite };
}

interface MigrationTables {
  schema_migrations: { id: string; applied_at: string };
}

/**
 * Apply the async store's migrations that have not run yet, in order, each in its own transaction, recorded in
 * `schema_migrations` (the same table and ids as the synchronous runner). SQLite: `migrate` on the server's
 * connection, each one under `BEGIN IMMEDIATE`. PostgreSQL: the whole run holds an advisory lock keyed on the
 * schema, so instances starting together wait for each other instead of racing.
 */
export async function migrateStore(store: Store, migrations: readonly StoreMigration[]): Promise<string[]> {
  checkUniqueIds(migrations);
  const sqlite = sqliteConnectionOf(store);
  if (sqlite) return migrate(sqlite, migrations.filter((m) => m.sqlite !== null).map(sqliteForm));

  const db = store.kysely<MigrationTables>();
  return db.connection().execute(async (conn) => {
    const lockKey = sql`hashtext('kcc-migrations:' || current_schema())`;
    await sql`SELECT pg_advisory_lock(${lockKey})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        id TEXT PRIMARY KEY,
        applied_at TEXT NOT NULL
      )`.execute(conn);
      const done = new Set(
        (await conn.selectFrom('schema_migrations').select('id').execute()).map((r) => r.id),
      );
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.postgres).execute(trx);
          await trx
            .insertInto('schema_migrations')
            .values({ id: m.id, applied_at: new Date().toISOString() })
            .execute();
        });
        applied.push(m.id);
      }
      return applied;
    } finally {
      await sql`SELECT pg_advisory_unlock(${lockKey})`.execute(conn);
    }
  });
}
