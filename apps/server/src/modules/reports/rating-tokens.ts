import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const ratingTokenMigrations: Migration[] = [
  {
    id: 'reports/002_rating_tokens',
    sql: `
      -- Single-use rating links sent after a phone contact; only a hash of the token is kept.
      CREATE TABLE rating_tokens (
        token_hash TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        kanaal TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX rating_tokens_contact ON rating_tokens (contact_id);
    `,
  },
];

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Rating links for contacts the resident did not get an e-mail reply about (a phone call): an unguessable random
 * token (256 bits), stored as a hash, valid for one rating.
 */
export class RatingTokens {
  constructor(
    private readonly db: Db,
    private readonly baseUrl: string,
    private readonly now: () => number,
  ) {}

  /** A new link for this contact and channel. */
  issue(contactId: string, kanaal: string): string {
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO rating_tokens (token_hash, contact_id, kanaal, created_at) VALUES (?, ?, ?, ?)')
      .run(hash(token), contactId, kanaal, this.now());
    return `${this.baseUrl.replace(/\/$/, '')}/beoordeling/${token}`;
  }

  /** The contact and channel of an unused token. */
  resolve(token: string): { contactId: string; kanaal: string; used: boolean } | undefined {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const row = this.db
      .prepare<[string], { contact_id: string; kanaal: string; used_at: number | null }>(
        'SELECT contact_id, kanaal, used_at FROM rating_tokens WHERE token_hash = ?',
      )
      .get(hash(token));
    return row ? { contactId: row.contact_id, kanaal: row.kanaal, used: row.used_at !== null } : undefined;
  }

  /** Marks the token used; false when it already was (a second rating with the same link). */
  use(token: string): boolean {
    return (
      this.db
        .prepare('UPDATE rating_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL')
        .run(this.now(), hash(token)).changes === 1
    );
  }
}
