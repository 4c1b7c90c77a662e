import type { StoreMigration } from '../../store/migration';

export const retentionMigrations: StoreMigration[] = [
  {
    /*
     * How far each contact-scoped kind has been handled (contacts closed at or before `done_until`), so a daily
     * run only walks the contacts whose term ended since the last one; and the runs, for the beheerder.
     */
    id: 'retention/001_state_and_runs',
    sqlite: `
      CREATE TABLE retention_state (
        kind TEXT PRIMARY KEY,
        done_until INTEGER NOT NULL
      );
      CREATE TABLE retention_runs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        result TEXT NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE retention_state (
        kind TEXT PRIMARY KEY,
        done_until BIGINT NOT NULL
      );
      CREATE TABLE retention_runs (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        result TEXT NOT NULL
      );
    `,
  },
];
