/**
 * A versioned schema change. Each module owns its migrations; ids are unique across the server
 * (prefix them with the module name, e.g. `contacts/001_init`). The runner applies them in the order the
 * modules are listed in `store/migrations.ts`, each in its own transaction, and records them in `schema_migrations`.
 */
export interface Migration {
  id: string;
  sql: string;
}
