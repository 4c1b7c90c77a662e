import type { Migration } from '../src/store/migration';

/**
 * The migrations of the modules that moved to the async store, exactly as they were on the synchronous runner
 * before the move (commit 1bc3ed3). `store/migrate-store.test.ts` builds a data dir with them to check that an
 * existing installation sees nothing new after the move.
 */
export const preStoreMigrations: Record<string, Migration> = {
  'quick-replies/001_init': {
    id: 'quick-replies/001_init',
    sql: `
      -- Standard chat / e-mail answers the beheerder maintains; agents insert them with "/code".
      CREATE TABLE quick_replies (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
};
