import { createHash } from 'node:crypto';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const idempotencyMigrations: Migration[] = [
  {
    id: 'registration/001_idempotency_keys',
    sql: `
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
  },
];

export interface StoredResponse {
  requestHash: string;
  status: number;
  response: unknown;
}

/** Port: responses stored under a client-generated key, per user. */
export interface IdempotencyStore {
  get(userId: string, key: string): StoredResponse | undefined;
  put(userId: string, key: string, value: StoredResponse, at: number): void;
}

export function createSqliteIdempotencyStore(db: Db): IdempotencyStore {
  const get = db.prepare<[string, string], { request_hash: string; status: number; response: string }>(
    'SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = ? AND key = ?',
  );
  const put = db.prepare(
    'INSERT INTO idempotency_keys (user_id, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    get(userId, key) {
      const row = get.get(userId, key);
      return row
        ? { requestHash: row.request_hash, status: row.status, response: JSON.parse(row.response) as unknown }
        : undefined;
    },
    put(userId, key, value, at) {
      put.run(userId, key, value.requestHash, value.status, JSON.stringify(value.response), at);
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
