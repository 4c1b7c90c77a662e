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
  {
    // Login through the municipality's identity provider (issue 11, OIDC): accounts it created, the ID token of
    // such a session (for the IdP's logout), pending logins (state, nonce, PKCE) and one-time hand-offs.
    id: 'auth/004_oidc',
    sql: `
      ALTER TABLE users ADD COLUMN oidc INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE auth_sessions ADD COLUMN id_token TEXT;
      CREATE TABLE auth_oidc_flows (
        state TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        nonce TEXT NOT NULL,
        code_verifier TEXT,
        code_challenge TEXT NOT NULL,
        redirect_uri TEXT NOT NULL,
        binding_hash TEXT,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE auth_oidc_handoffs (
        code_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        id_token TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
];
