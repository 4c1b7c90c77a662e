import type { StoreMigration } from '../../store/migration';

export const kennisbankMigrations: StoreMigration[] = [
  {
    id: 'kennisbank/001_init',
    sqlite: `
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
    postgres: `
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
        meta TEXT NOT NULL DEFAULT '{}',
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT
      );
      CREATE INDEX kennisbank_articles_type ON kennisbank_articles (type, updated_at);
      CREATE TABLE kennisbank_synonyms (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        map TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT
      );
      CREATE TABLE kanalenmatrix (
        product TEXT PRIMARY KEY,
        upl_id TEXT,
        primair TEXT NOT NULL,
        secundair TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT
      );
      -- SQLite's COLLATE NOCASE on the key: one row per product whatever its case
      CREATE UNIQUE INDEX kanalenmatrix_product_nocase ON kanalenmatrix (lower(product));
      CREATE TABLE kennisbank_nieuws_gelezen (
        article_id TEXT NOT NULL REFERENCES kennisbank_articles (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (article_id, user_id)
      );
      CREATE TABLE kanaalsturing (
        klantcontact_uuid TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        product TEXT NOT NULL,
        primair_kanaal TEXT NOT NULL,
        gewezen INTEGER NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX kanaalsturing_at ON kanaalsturing (at);
      CREATE TABLE kennisbank_bronnen (
        klantcontact_uuid TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        title TEXT NOT NULL,
        at BIGINT NOT NULL,
        -- SQLite's rowid: the order the agent's sources were recorded in
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (klantcontact_uuid, article_id)
      );
      CREATE INDEX kennisbank_bronnen_article ON kennisbank_bronnen (article_id);
    `,
  },
  {
    // issue 16: owner and review date on every article; agent feedback; residents' use of public answers
    id: 'kennisbank/002_quality',
    sqlite: `
      ALTER TABLE kennisbank_articles ADD COLUMN owner TEXT;
      ALTER TABLE kennisbank_articles ADD COLUMN review_date TEXT;
      UPDATE kennisbank_articles SET
        owner = CASE type
          WHEN 'afdeling' THEN title
          WHEN 'werkinstructie' THEN 'Teamleiders KCC'
          WHEN 'nieuws' THEN 'Teamleiders KCC'
          WHEN 'meldingcategorie' THEN 'Openbare ruimte (beheer en onderhoud)'
          ELSE 'Redactie kennisbank' END,
        review_date = date(updated_at / 1000, 'unixepoch', '+12 months');
      CREATE TABLE kennisbank_feedback (
        agent_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        -- the query as searched, folded to lower case and single spaces
        query TEXT NOT NULL,
        hielp INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, article_id, query)
      );
      CREATE INDEX kennisbank_feedback_article ON kennisbank_feedback (article_id);
      CREATE INDEX kennisbank_feedback_query ON kennisbank_feedback (query);
      -- a random id per website visit (no IP address, no person): opened answers and chats started after one
      CREATE TABLE kennisbank_public_events (
        sessie TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('geopend', 'chat-gestart')),
        article_id TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX kennisbank_public_events_sessie ON kennisbank_public_events (sessie, kind);
      CREATE INDEX kennisbank_public_events_at ON kennisbank_public_events (at);
    `,
    postgres: `
      ALTER TABLE kennisbank_articles ADD COLUMN owner TEXT;
      ALTER TABLE kennisbank_articles ADD COLUMN review_date TEXT;
      CREATE TABLE kennisbank_feedback (
        agent_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        query TEXT NOT NULL,
        hielp INTEGER NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (agent_id, article_id, query)
      );
      CREATE INDEX kennisbank_feedback_article ON kennisbank_feedback (article_id);
      CREATE INDEX kennisbank_feedback_query ON kennisbank_feedback (query);
      CREATE TABLE kennisbank_public_events (
        sessie TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('geopend', 'chat-gestart')),
        article_id TEXT,
        at BIGINT NOT NULL
      );
      CREATE INDEX kennisbank_public_events_sessie ON kennisbank_public_events (sessie, kind);
      CREATE INDEX kennisbank_public_events_at ON kennisbank_public_events (at);
    `,
  },
  {
    // issue 15 §6: the kanalenmatrix's doelgroep and channels a product cannot go through; whether a contact
    // about a product came in through its primary channel (the KPI counts the channel used, not the agent's tick)
    id: 'kennisbank/003_kanaalstrategie',
    sqlite: `
      ALTER TABLE kanalenmatrix ADD COLUMN doelgroep TEXT NOT NULL DEFAULT 'beide'
        CHECK (doelgroep IN ('inwoner', 'ondernemer', 'beide'));
      ALTER TABLE kanalenmatrix ADD COLUMN niet_via TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE kanaalsturing ADD COLUMN via_primair INTEGER NOT NULL DEFAULT 0;
    `,
    postgres: `
      ALTER TABLE kanalenmatrix ADD COLUMN doelgroep TEXT NOT NULL DEFAULT 'beide'
        CHECK (doelgroep IN ('inwoner', 'ondernemer', 'beide'));
      ALTER TABLE kanalenmatrix ADD COLUMN niet_via TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE kanaalsturing ADD COLUMN via_primair INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
