import type Database from 'better-sqlite3';
import type { Db } from './db';

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for this SQL text, compiled once per database: compiling is the expensive part of a
 * small query, so hot paths must not `db.prepare` per call. Only for fixed SQL texts (the cache is never pruned),
 * and never for statements whose mode is changed (`pluck`, `raw`, `expand`), as they are shared.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
