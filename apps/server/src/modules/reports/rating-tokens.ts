import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';

export const ratingTokenMigrations: StoreMigration[] = [
  {
    id: 'reports/002_rating_tokens',
    sqlite: `
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
    postgres: `
      CREATE TABLE rating_tokens (
        token_hash TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        kanaal TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        used_at BIGINT
      );
      CREATE INDEX rating_tokens_contact ON rating_tokens (contact_id);
    `,
  },
];

/** The tables the rating links own, as the query builder sees them. */
export interface RatingTokensTables {
  rating_tokens: {
    token_hash: string;
    contact_id: string;
    kanaal: string;
    /** Epoch milliseconds. */
    created_at: number;
    used_at: number | null;
  };
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Rating links for contacts the resident did not get an e-mail reply about (a phone call): an unguessable random
 * token (256 bits), stored as a hash, valid for one rating.
 */
export class RatingTokens {
  private readonly db: Kysely<RatingTokensTables>;

  constructor(
    store: Store,
    private readonly baseUrl: string,
    private readonly now: () => number,
  ) {
    this.db = store.kysely<RatingTokensTables>();
  }

  /** A new link for this contact and channel. */
  async issue(contactId: string, kanaal: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('rating_tokens')
      .values({ token_hash: hash(token), contact_id: contactId, kanaal, created_at: this.now() })
      .execute();
    return `${this.baseUrl.replace(/\/$/, '')}/beoordeling/${token}`;
  }

  /** The contact and channel of an unused token. */
  async resolve(token: string): Promise<{ contactId: string; kanaal: string; used: boolean } | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const row = await this.db
      .selectFrom('rating_tokens')
      .select(['contact_id', 'kanaal', 'used_at'])
      .where('token_hash', '=', hash(token))
      .executeTakeFirst();
    return row ? { contactId: row.contact_id, kanaal: row.kanaal, used: row.used_at !== null } : undefined;
  }

  /** Marks the token used; false when it already was (a second rating with the same link). */
  async use(token: string): Promise<boolean> {
    const result = await this.db
      .updateTable('rating_tokens')
      .set({ used_at: this.now() })
      .where('token_hash', '=', hash(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
