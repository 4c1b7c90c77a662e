import type { Migration } from '../../store/migration';

export const authMigrations: Migration[] = [
  {
    id: 'auth/001_users',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
];
