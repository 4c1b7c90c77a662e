import type { StoreMigration } from './migration';
import type { Store } from './store';

/**
 * Secrets every instance of a cluster must share (issue 10 §3): the token signing secret (a token one instance
 * issued works on every other) and the audit key (one BSN pseudonym per BSN in the verwerkingenlog, one checkpoint
 * signature). Kept in the store, not in one instance's data dir; a configured value (KCC_TOKEN_SECRET,
 * KCC_AUDIT_KEY) is used instead and never stored.
 */
export const sharedSecretsMigrations: StoreMigration[] = [
  {
    id: 'store/001_shared_secrets',
    sqlite: `
      CREATE TABLE shared_secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE shared_secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
    `,
  },
];

export interface SharedSecretsTables {
  shared_secrets: { name: string; value: string; created_at: number };
}

export type SharedSecretName = 'token-secret' | 'audit-key';

/**
 * The secret `name`: the stored one, or else `initial()` stored now. Instances that start together each offer
 * their own; the primary key keeps the first and every instance returns that one. `initial` is called only when
 * the store has none yet (it imports a data dir's file, or generates a new secret).
 */
export async function sharedSecret(
  store: Store,
  name: SharedSecretName,
  initial: () => string | Promise<string>,
  now: () => number = Date.now,
): Promise<{ value: string; created: boolean }> {
  const db = store.kysely<SharedSecretsTables>();
  const stored = () =>
    db.selectFrom('shared_secrets').select('value').where('name', '=', name).executeTakeFirst();
  const existing = await stored();
  if (existing) return { value: existing.value, created: false };
  const value = await initial();
  const inserted = await db
    .insertInto('shared_secrets')
    .values({ name, value, created_at: now() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  if (Number(inserted[0]?.numInsertedOrUpdatedRows ?? 0) === 1) return { value, created: true };
  const winner = await stored();
  if (!winner) throw new Error(`Het gedeelde geheim ${name} ontbreekt na het opslaan.`);
  return { value: winner.value, created: false };
}
