import type { StoreMigration } from '../../store/migration';

/**
 * Sessions and OIDC logins on the async store. On SQLite these tables were created by `auth/003_sessions` and
 * `auth/004_oidc` in the synchronous list (which also change `users`, still synchronous), so this migration has no
 * SQLite text; on PostgreSQL it creates them.
 */
export const authStoreMigrations: StoreMigration[] = [
  {
    id: 'auth/005_sessions_and_oidc_flows_on_the_store',
    sqlite: null,
    postgres: `
      CREATE TABLE auth_sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        refresh_hash TEXT NOT NULL,
        revoked_at BIGINT,
        id_token TEXT
      );
      CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
      CREATE TABLE auth_oidc_flows (
        state TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        nonce TEXT NOT NULL,
        code_verifier TEXT,
        code_challenge TEXT NOT NULL,
        redirect_uri TEXT NOT NULL,
        binding_hash TEXT,
        expires_at BIGINT NOT NULL
      );
      CREATE TABLE auth_oidc_handoffs (
        code_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        id_token TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
];

/** The tables of sessions and OIDC logins, as the query builder sees them. */
export interface AuthStoreTables {
  auth_sessions: {
    id: string;
    user_id: string;
    created_at: number;
    expires_at: number;
    refresh_hash: string;
    revoked_at: number | null;
    id_token: string | null;
  };
  auth_oidc_flows: {
    state: string;
    kind: 'browser' | 'desktop';
    nonce: string;
    code_verifier: string | null;
    code_challenge: string;
    redirect_uri: string;
    binding_hash: string | null;
    expires_at: number;
  };
  auth_oidc_handoffs: { code_hash: string; user_id: string; id_token: string; expires_at: number };
}
