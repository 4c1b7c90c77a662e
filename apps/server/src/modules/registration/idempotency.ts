import { createHash } from 'node:crypto';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';

/** The SQLite text is the one the synchronous runner applied before the move, byte for byte. */
export const idempotencyMigrations: StoreMigration[] = [
  {
    id: 'registration/001_idempotency_keys',
    sqlite: `
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, key)
      );
    `,
    postgres: `
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, key)
      );
    `,
  },
];

export interface IdempotencyTables {
  idempotency_keys: {
    user_id: string;
    key: string;
    request_hash: string;
    status: number;
    response: string;
    created_at: number;
  };
}

export interface StoredResponse {
  requestHash: string;
  status: number;
  response: unknown;
}

/**
 * Port: responses stored under a client-generated key, per user. `put` inside the request's unit of work; a key
 * stored twice fails on the PRIMARY KEY (`isUniqueViolation`), which the caller answers with the stored response.
 */
export interface IdempotencyStore {
  get(userId: string, key: string): Promise<StoredResponse | undefined>;
  put(userId: string, key: string, value: StoredResponse, at: number): Promise<void>;
}

export function createIdempotencyStore(store: Store): IdempotencyStore {
  const db = store.kysely<IdempotencyTables>();
  return {
    async get(userId, key) {
      const row = await db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'response'])
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .executeTakeFirst();
      return row
        ? { requestHash: row.request_hash, status: row.status, response: JSON.parse(row.response) as unknown }
        : undefined;
    },
    async put(userId, key, value, at) {
      await db
        .insertInto('idempotency_keys')
        .values({
          user_id: userId,
          key,
          request_hash: value.requestHash,
          status: value.status,
          response: JSON.stringify(value.response),
          created_at: at,
        })
        .execute();
    },
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Hash of a request, independent of key order. */
export function requestHash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}
