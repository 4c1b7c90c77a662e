import type { Migration } from '../../store/migration';

export const terugkoppelingMigrations: Migration[] = [
  {
    id: 'terugkoppeling/001_terugkoppelingen',
    sql: `
      -- One row per event that may tell the resident something; sleutel makes an event count once.
      CREATE TABLE terugkoppelingen (
        id TEXT PRIMARY KEY,
        sleutel TEXT NOT NULL UNIQUE,
        aanleiding TEXT NOT NULL,
        partij_uuid TEXT,
        contact_id TEXT,
        gegevens TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('wachtend', 'verzenden', 'verstuurd', 'mislukt', 'niet_verstuurd')),
        kanaal TEXT,
        reden TEXT,
        pogingen INTEGER NOT NULL DEFAULT 0,
        volgende_poging INTEGER NOT NULL,
        extern_id TEXT,
        aangemaakt_op INTEGER NOT NULL,
        verstuurd_op INTEGER
      );
      CREATE INDEX terugkoppelingen_wachtend ON terugkoppelingen (status, volgende_poging);
      CREATE INDEX terugkoppelingen_partij ON terugkoppelingen (partij_uuid, aangemaakt_op);
    `,
  },
];
