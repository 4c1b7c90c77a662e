import type { Migration } from '../../store/migration';

export const interneTakenMigrations: Migration[] = [
  {
    // Klantinteracties has no membership of an organisatorische eenheid and no notes on an interne taak;
    // the workplace keeps both (docs/decisions.md, issue 14 §3).
    id: 'interne-taken/001_afdeling_medewerkers_notities',
    sql: `
      CREATE TABLE afdeling_medewerkers (
        afdeling_actor_uuid TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (afdeling_actor_uuid, user_id)
      );
      CREATE INDEX afdeling_medewerkers_user ON afdeling_medewerkers (user_id);

      CREATE TABLE interne_taak_notities (
        id INTEGER PRIMARY KEY,
        taak_uuid TEXT NOT NULL,
        user_id TEXT NOT NULL,
        auteur TEXT NOT NULL,
        tekst TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX interne_taak_notities_taak ON interne_taak_notities (taak_uuid, id);
    `,
  },
];
