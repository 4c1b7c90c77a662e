import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../store/db';

/** How long one login lasts at most, however often its access token is refreshed (a working day). */
export const SESSION_LIFETIME_MS = 12 * 3600 * 1000;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

/**
 * Server-side sessions: a login creates one, logout or revocation ends it, and access tokens name it (`sid`).
 * The refresh token is `<session id>.<secret>`; only the secret's hash is stored and it is rotated on every
 * refresh. A refresh token used twice means it was copied: the session is revoked.
 */
export class SessionStore {
  private readonly insert;
  private readonly byId;
  private readonly rotate;
  private readonly revokeStmt;
  private readonly idTokenStmt;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      'INSERT INTO auth_sessions (id, user_id, created_at, expires_at, refresh_hash, id_token) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare<
      [string],
      { id: string; user_id: string; expires_at: number; refresh_hash: string; revoked_at: number | null }
    >('SELECT id, user_id, expires_at, refresh_hash, revoked_at FROM auth_sessions WHERE id = ?');
    this.rotate = db.prepare(
      'UPDATE auth_sessions SET refresh_hash = ? WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL',
    );
    this.revokeStmt = db.prepare(
      'UPDATE auth_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    );
    this.idTokenStmt = db.prepare<[string], { id_token: string | null }>(
      'SELECT id_token FROM auth_sessions WHERE id = ?',
    );
  }

  /** `idToken`: a login through the identity provider keeps its ID token for the provider's logout. */
  create(userId: string, idToken?: string): { session: Session; refreshToken: string } {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + SESSION_LIFETIME_MS;
    this.insert.run(id, userId, this.now(), expiresAt, hash(secret), idToken ?? null);
    return { session: { id, userId, expiresAt }, refreshToken: `${id}.${secret}` };
  }

  /** The session if it is neither revoked nor past its lifetime. */
  active(id: string): Session | undefined {
    const row = this.byId.get(id);
    if (!row || row.revoked_at !== null || row.expires_at <= this.now()) return undefined;
    return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
  }

  /** Exchange a refresh token for a new one (rotation); undefined when it is not valid (any more). */
  refresh(refreshToken: string): { session: Session; refreshToken: string } | undefined {
    const dot = refreshToken.indexOf('.');
    if (dot <= 0) return undefined;
    const id = refreshToken.slice(0, dot);
    const secret = refreshToken.slice(dot + 1);
    const row = this.byId.get(id);
    const session = this.active(id);
    if (!row || !session) return undefined;
    if (row.refresh_hash !== hash(secret)) {
      // An older refresh token of a live session: someone else has a copy. End the session for both.
      this.revoke(id);
      return undefined;
    }
    const next = randomBytes(32).toString('base64url');
    if (this.rotate.run(hash(next), id, row.refresh_hash).changes !== 1) return undefined;
    return { session, refreshToken: `${id}.${next}` };
  }

  /** The ID token of a session that started at the identity provider. */
  idToken(id: string): string | undefined {
    return this.idTokenStmt.get(id)?.id_token ?? undefined;
  }

  revoke(id: string): boolean {
    return this.revokeStmt.run(this.now(), id).changes === 1;
  }
}
