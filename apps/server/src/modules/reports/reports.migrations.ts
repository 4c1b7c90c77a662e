import type { StoreMigration } from '../../store/migration';

export const reportsMigrations: StoreMigration[] = [
  {
    id: 'reports/001_report_registrations',
    sqlite: `
      -- One row per registration (klantcontact), written with it: the facts first-contact resolution needs.
      -- The onderwerp is kept only as a hash of its normalised text (equality is all FCR needs).
      CREATE TABLE report_registrations (
        klantcontact_uuid TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        partij_uuid TEXT,
        onderwerp_hash TEXT NOT NULL,
        gespreksresultaat TEXT NOT NULL
      );
      CREATE INDEX report_registrations_at ON report_registrations (at);
      CREATE INDEX report_registrations_partij ON report_registrations (partij_uuid, onderwerp_hash, at);
    `,
    postgres: `
      CREATE TABLE report_registrations (
        klantcontact_uuid TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        partij_uuid TEXT,
        onderwerp_hash TEXT NOT NULL,
        gespreksresultaat TEXT NOT NULL
      );
      CREATE INDEX report_registrations_at ON report_registrations (at);
      CREATE INDEX report_registrations_partij ON report_registrations (partij_uuid, onderwerp_hash, at);
    `,
  },
  {
    id: 'reports/002_report_registrations_onderwerp',
    sqlite: `
      -- The onderwerp picked from the managed list (issue 14 §7); NULL for free text (kept only as the hash).
      ALTER TABLE report_registrations ADD COLUMN onderwerp_id TEXT;
    `,
    postgres: `
      ALTER TABLE report_registrations ADD COLUMN onderwerp_id TEXT;
    `,
  },
];
