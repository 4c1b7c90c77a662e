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
  {
    // Accounts seeded by KCC_DEMO are marked, so they stop working as soon as demo mode is off (issue 11 §5).
    // Databases seeded before this migration: the demo accounts' fixed ids and the simulator agents.
    id: 'auth/002_demo_accounts',
    sql: `
      ALTER TABLE users ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
      UPDATE users SET demo = 1
        WHERE id IN ('user-anna', 'user-bram', 'user-tess', 'user-bea', 'user-rob', 'user-priya')
           OR id GLOB 'user-sim[0-9]*';
    `,
  },
  {
    // Server-side sessions: logout and revocation end every token of a login (issue 11 §9).
    id: 'auth/003_sessions',
    sql: `
      CREATE TABLE auth_sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        refresh_hash TEXT NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
    `,
  },
];
