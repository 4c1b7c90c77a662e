import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Store } from '../../store/store';
import type { AuthStoreTables } from './auth.store-migrations';

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
  private readonly db: Kysely<AuthStoreTables>;

  constructor(
    store: Store,
    private readonly now: () => number = Date.now,
  ) {
    this.db = store.kysely<AuthStoreTables>();
  }

  /** `idToken`: a login through the identity provider keeps its ID token for the provider's logout. */
  async create(userId: string, idToken?: string): Promise<{ session: Session; refreshToken: string }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + SESSION_LIFETIME_MS;
    await this.db
      .insertInto('auth_sessions')
      .values({
        id,
        user_id: userId,
        created_at: this.now(),
        expires_at: expiresAt,
        refresh_hash: hash(secret),
        revoked_at: null,
        id_token: idToken ?? null,
      })
      .execute();
    return { session: { id, userId, expiresAt }, refreshToken: `${id}.${secret}` };
  }

  private row(id: string) {
    return this.db
      .selectFrom('auth_sessions')
      .select(['id', 'user_id', 'expires_at', 'refresh_hash', 'revoked_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  private activeRow(row: { revoked_at: number | null; expires_at: number } | undefined): boolean {
    return row !== undefined && row.revoked_at === null && row.expires_at > this.now();
  }

  /** The session if it is neither revoked nor past its lifetime. */
  async active(id: string): Promise<Session | undefined> {
    const row = await this.row(id);
    if (!row || !this.activeRow(row)) return undefined;
    return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
  }

  /**
   * Exchange a refresh token for a new one (rotation); undefined when it is not valid (any more). The rotation is a
   * compare-and-set on the stored hash, so of two refreshes with one token at most one succeeds.
   */
  async refresh(refreshToken: string): Promise<{ session: Session; refreshToken: string } | undefined> {
    const dot = refreshToken.indexOf('.');
    if (dot <= 0) return undefined;
    const id = refreshToken.slice(0, dot);
    const secret = refreshToken.slice(dot + 1);
    const row = await this.row(id);
    if (!row || !this.activeRow(row)) return undefined;
    if (row.refresh_hash !== hash(secret)) {
      // An older refresh token of a live session: someone else has a copy. End the session for both.
      await this.revoke(id);
      return undefined;
    }
    const next = randomBytes(32).toString('base64url');
    const rotated = await this.db
      .updateTable('auth_sessions')
      .set({ refresh_hash: hash(next) })
      .where('id', '=', id)
      .where('refresh_hash', '=', row.refresh_hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (rotated.numUpdatedRows !== 1n) return undefined;
    return {
      session: { id: row.id, userId: row.user_id, expiresAt: row.expires_at },
      refreshToken: `${id}.${next}`,
    };
  }

  /** The ID token of a session that started at the identity provider. */
  async idToken(id: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('auth_sessions')
      .select('id_token')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.id_token ?? undefined;
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('auth_sessions')
      .set({ revoked_at: this.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
