import type { Db } from './db';
import type { Migration } from './migration';

export function checkUniqueIds(migrations: readonly { id: string }[]): void {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`Migratie-id komt twee keer voor: ${m.id}`);
    seen.add(m.id);
  }
}

/**
 * Apply the migrations that have not run yet, in the given order, each in its own transaction.
 * Each one is checked and applied under `BEGIN IMMEDIATE` (SQLite's write lock), so processes starting together
 * on one data dir apply it once. Returns the ids applied in this run.
 */
export function migrate(db: Db, migrations: readonly Migration[]): string[] {
  checkUniqueIds(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const applied: string[] = [];
  for (const m of migrations) {
    db.exec('BEGIN IMMEDIATE');
    try {
      if (!isApplied.get(m.id)) {
        db.exec(m.sql);
        record.run(m.id, new Date().toISOString());
        applied.push(m.id);
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
  return applied;
}
