/**
 * A versioned schema change. Each module owns its migrations; ids are unique across the server
 * (prefix them with the module name, e.g. `contacts/001_init`). The runner applies them in the order the
 * modules are listed in `store/migrations.ts`, each in its own transaction, and records them in `schema_migrations`.
 */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * A schema change of a module on the async store, in both dialects. Same ids and history table as `Migration`:
 * a module that moves keeps its ids and its SQLite text, so existing data dirs see nothing new.
 */
export interface StoreMigration {
  id: string;
  /**
   * `null`: on SQLite the migrations of the synchronous list already create this (a module whose old migrations
   * also changed tables that stay synchronous); the SQLite runner skips it and records nothing.
   */
  sqlite: string | null;
  postgres: string;
}
