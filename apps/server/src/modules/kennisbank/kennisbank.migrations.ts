import type { Migration } from '../../store/migration';

export const kennisbankMigrations: Migration[] = [
  {
    id: 'kennisbank/001_init',
    sql: `
      CREATE TABLE kennisbank_articles (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        url TEXT,
        keywords TEXT NOT NULL DEFAULT '[]',
        published INTEGER NOT NULL,
        valid_from TEXT,
        valid_until TEXT,
        belangrijk INTEGER NOT NULL DEFAULT 0,
        product TEXT,
        -- source metadata of seeded content (source, license, subjects, …) as JSON
        meta TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      );
      CREATE INDEX kennisbank_articles_type ON kennisbank_articles (type, updated_at);
      CREATE TABLE kennisbank_synonyms (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        map TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      );
      CREATE TABLE kanalenmatrix (
        product TEXT PRIMARY KEY COLLATE NOCASE,
        upl_id TEXT,
        primair TEXT NOT NULL,
        secundair TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      );
      CREATE TABLE kennisbank_nieuws_gelezen (
        article_id TEXT NOT NULL REFERENCES kennisbank_articles (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (article_id, user_id)
      );
      CREATE TABLE kanaalsturing (
        klantcontact_uuid TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        product TEXT NOT NULL,
        primair_kanaal TEXT NOT NULL,
        gewezen INTEGER NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX kanaalsturing_at ON kanaalsturing (at);
      CREATE TABLE kennisbank_bronnen (
        klantcontact_uuid TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        title TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (klantcontact_uuid, article_id)
      );
      CREATE INDEX kennisbank_bronnen_article ON kennisbank_bronnen (article_id);
    `,
  },
];
