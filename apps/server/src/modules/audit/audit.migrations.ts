import type { StoreMigration } from '../../store/migration';

/** `betrokkenheid` of an object that names the klantcontact because the resident was not identified (004). */
export const NIET_GEIDENTIFICEERD = 'Inwoner van het klantcontact, niet geïdentificeerd';

/*
 * PostgreSQL forms of the same schema. Append-only through trigger functions; the actions' seq is assigned by the
 * append under the chain lock (`audit_chain_head`, audit.repository.ts), which also keeps the high-water mark that
 * `sqlite_sequence` keeps on SQLite (so a truncated tail stays visible). Objects and checkpoints number themselves.
 */
const PG001 = `
  CREATE TABLE verwerkingen (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    handeling TEXT NOT NULL,
    partij_uuid TEXT NOT NULL,
    categorieen TEXT NOT NULL,
    doel TEXT NOT NULL,
    contact_id TEXT
  );
  CREATE INDEX verwerkingen_partij ON verwerkingen (partij_uuid, seq);
  CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END
  $$;
  CREATE TRIGGER verwerkingen_no_update BEFORE UPDATE ON verwerkingen
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER verwerkingen_no_delete BEFORE DELETE ON verwerkingen
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
`;

const PG002 = `
  ALTER TABLE verwerkingen RENAME TO verwerkingen_legacy;

  CREATE TABLE audit_verwerkingsacties (
    seq BIGINT PRIMARY KEY,
    actie_id TEXT NOT NULL UNIQUE,
    actie_naam TEXT NOT NULL,
    handeling TEXT NOT NULL CHECK (handeling IN ('inzien', 'zoeken', 'koppelen', 'aanmaken', 'exporteren')),
    verwerking_id TEXT NOT NULL,
    activiteit_id TEXT NOT NULL,
    activiteit_code TEXT NOT NULL,
    vertrouwelijkheid TEXT NOT NULL CHECK (vertrouwelijkheid IN ('normaal', 'vertrouwelijk')),
    bewaartermijn TEXT NOT NULL,
    uitvoerder TEXT,
    systeem TEXT NOT NULL,
    gebruiker_id TEXT,
    gebruiker_naam TEXT,
    gebruiker_rol TEXT,
    gegevensbron TEXT NOT NULL,
    doel TEXT NOT NULL,
    contact_id TEXT,
    tijdstip_ms BIGINT NOT NULL,
    tijdstip TEXT NOT NULL,
    tijdstip_registratie TEXT NOT NULL,
    legacy_seq BIGINT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_acties_tijdstip ON audit_verwerkingsacties (tijdstip_ms);

  CREATE TABLE audit_verwerkte_objecten (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actie_seq BIGINT NOT NULL REFERENCES audit_verwerkingsacties (seq),
    ordinal INTEGER NOT NULL,
    verwerkt_object_id TEXT NOT NULL UNIQUE,
    partij_uuid TEXT,
    bsn_hmac TEXT,
    bsn_enc TEXT,
    betrokkenheid TEXT NOT NULL,
    soorten_gegevens TEXT NOT NULL,
    UNIQUE (actie_seq, ordinal),
    CONSTRAINT audit_objecten_subject CHECK (partij_uuid IS NOT NULL OR bsn_hmac IS NOT NULL)
  );
  CREATE INDEX audit_objecten_partij ON audit_verwerkte_objecten (partij_uuid, actie_seq);
  CREATE INDEX audit_objecten_bsn ON audit_verwerkte_objecten (bsn_hmac, actie_seq);

  CREATE TRIGGER audit_acties_no_update BEFORE UPDATE ON audit_verwerkingsacties
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_acties_no_delete BEFORE DELETE ON audit_verwerkingsacties
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_objecten_no_update BEFORE UPDATE ON audit_verwerkte_objecten
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_objecten_no_delete BEFORE DELETE ON audit_verwerkte_objecten
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();

  -- One row: the highest seq ever appended. Every append locks it (FOR UPDATE), so appends from all instances
  -- form one chain.
  CREATE TABLE audit_chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
  );
  INSERT INTO audit_chain_head (id, seq) VALUES (1, 0);

  CREATE VIEW verwerkingen AS
    SELECT o.seq AS seq, a.tijdstip_ms AS at, a.gebruiker_id AS user_id, a.handeling AS handeling,
           o.partij_uuid AS partij_uuid, o.soorten_gegevens AS categorieen, a.doel AS doel,
           a.contact_id AS contact_id
    FROM audit_verwerkte_objecten o JOIN audit_verwerkingsacties a ON a.seq = o.actie_seq;
`;

const PG003 = `
  CREATE TABLE audit_checkpoints (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    upto_seq BIGINT NOT NULL,
    upto_hash TEXT NOT NULL,
    pruned INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    signature TEXT NOT NULL
  );
  CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();

  CREATE FUNCTION audit_acties_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.seq > COALESCE((SELECT MAX(upto_seq) FROM audit_checkpoints), 0) THEN
        RAISE EXCEPTION 'audit_verwerkingsacties is append-only';
      END IF;
      RETURN OLD;
    END
  $$;
  CREATE FUNCTION audit_objecten_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.actie_seq > COALESCE((SELECT MAX(upto_seq) FROM audit_checkpoints), 0) THEN
        RAISE EXCEPTION 'audit_verwerkte_objecten is append-only';
      END IF;
      RETURN OLD;
    END
  $$;
  DROP TRIGGER audit_acties_no_delete ON audit_verwerkingsacties;
  CREATE TRIGGER audit_acties_no_delete BEFORE DELETE ON audit_verwerkingsacties
    FOR EACH ROW EXECUTE FUNCTION audit_acties_delete_guard();
  DROP TRIGGER audit_objecten_no_delete ON audit_verwerkte_objecten;
  CREATE TRIGGER audit_objecten_no_delete BEFORE DELETE ON audit_verwerkte_objecten
    FOR EACH ROW EXECUTE FUNCTION audit_objecten_delete_guard();
`;

/** PostgreSQL changes a CHECK in place; no rebuild. */
const PG004 = `
  ALTER TABLE audit_verwerkte_objecten DROP CONSTRAINT audit_objecten_subject;
  ALTER TABLE audit_verwerkte_objecten ADD CONSTRAINT audit_objecten_subject
    CHECK (partij_uuid IS NOT NULL OR bsn_hmac IS NOT NULL OR betrokkenheid = '${NIET_GEIDENTIFICEERD}');
`;

export const auditMigrations: StoreMigration[] = [
  {
    // The first, simple log. Kept with its original id so existing data dirs skip it; 002 retires it.
    id: 'audit/001_verwerkingen',
    sqlite: `
      CREATE TABLE verwerkingen (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        handeling TEXT NOT NULL,
        partij_uuid TEXT NOT NULL,
        categorieen TEXT NOT NULL,
        doel TEXT NOT NULL,
        contact_id TEXT
      );
      CREATE INDEX verwerkingen_partij ON verwerkingen (partij_uuid, seq);
      CREATE TRIGGER verwerkingen_no_update BEFORE UPDATE ON verwerkingen
        BEGIN SELECT RAISE(ABORT, 'verwerkingen is append-only'); END;
      CREATE TRIGGER verwerkingen_no_delete BEFORE DELETE ON verwerkingen
        BEGIN SELECT RAISE(ABORT, 'verwerkingen is append-only'); END;
    `,
    postgres: PG001,
  },
  {
    /*
     * VNG Verwerkingenlogging shape: one row per verwerkingsactie, its verwerkte objecten in a child table.
     * Both append-only; every action row carries hash = sha256(prev_hash || canonical JSON of the action and
     * its objects). The old table stays read-only as verwerkingen_legacy (its rows are copied into the chain
     * at start-up, see audit-log.ts) and a view keeps the old name and columns for existing readers.
     */
    id: 'audit/002_verwerkingsacties',
    sqlite: `
      ALTER TABLE verwerkingen RENAME TO verwerkingen_legacy;

      CREATE TABLE audit_verwerkingsacties (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        actie_id TEXT NOT NULL UNIQUE,
        actie_naam TEXT NOT NULL,
        handeling TEXT NOT NULL CHECK (handeling IN ('inzien', 'zoeken', 'koppelen', 'aanmaken', 'exporteren')),
        verwerking_id TEXT NOT NULL,
        activiteit_id TEXT NOT NULL,
        activiteit_code TEXT NOT NULL,
        vertrouwelijkheid TEXT NOT NULL CHECK (vertrouwelijkheid IN ('normaal', 'vertrouwelijk')),
        bewaartermijn TEXT NOT NULL,
        uitvoerder TEXT,
        systeem TEXT NOT NULL,
        gebruiker_id TEXT,
        gebruiker_naam TEXT,
        gebruiker_rol TEXT,
        gegevensbron TEXT NOT NULL,
        doel TEXT NOT NULL,
        contact_id TEXT,
        tijdstip_ms INTEGER NOT NULL,
        tijdstip TEXT NOT NULL,
        tijdstip_registratie TEXT NOT NULL,
        legacy_seq INTEGER,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_acties_tijdstip ON audit_verwerkingsacties (tijdstip_ms);

      CREATE TABLE audit_verwerkte_objecten (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        actie_seq INTEGER NOT NULL REFERENCES audit_verwerkingsacties (seq),
        ordinal INTEGER NOT NULL,
        verwerkt_object_id TEXT NOT NULL UNIQUE,
        partij_uuid TEXT,
        -- HMAC-SHA256 of the BSN with a server key (searchable), and the BSN AES-256-GCM encrypted (readable).
        bsn_hmac TEXT,
        bsn_enc TEXT,
        betrokkenheid TEXT NOT NULL,
        soorten_gegevens TEXT NOT NULL,
        UNIQUE (actie_seq, ordinal),
        CHECK (partij_uuid IS NOT NULL OR bsn_hmac IS NOT NULL)
      );
      CREATE INDEX audit_objecten_partij ON audit_verwerkte_objecten (partij_uuid, actie_seq);
      CREATE INDEX audit_objecten_bsn ON audit_verwerkte_objecten (bsn_hmac, actie_seq);

      CREATE TRIGGER audit_acties_no_update BEFORE UPDATE ON audit_verwerkingsacties
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkingsacties is append-only'); END;
      CREATE TRIGGER audit_acties_no_delete BEFORE DELETE ON audit_verwerkingsacties
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkingsacties is append-only'); END;
      CREATE TRIGGER audit_objecten_no_update BEFORE UPDATE ON audit_verwerkte_objecten
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkte_objecten is append-only'); END;
      CREATE TRIGGER audit_objecten_no_delete BEFORE DELETE ON audit_verwerkte_objecten
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkte_objecten is append-only'); END;

      CREATE VIEW verwerkingen AS
        SELECT o.seq AS seq, a.tijdstip_ms AS at, a.gebruiker_id AS user_id, a.handeling AS handeling,
               o.partij_uuid AS partij_uuid, o.soorten_gegevens AS categorieen, a.doel AS doel,
               a.contact_id AS contact_id
        FROM audit_verwerkte_objecten o JOIN audit_verwerkingsacties a ON a.seq = o.actie_seq;
    `,
    postgres: PG002,
  },
  {
    /*
     * Pruning after the bewaartermijn (retention.ts): the oldest actions may be deleted, and only below a signed
     * checkpoint that records the hash the chain goes on from. Checkpoints are append-only themselves.
     */
    id: 'audit/003_checkpoints',
    sqlite: `
      CREATE TABLE audit_checkpoints (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        upto_seq INTEGER NOT NULL,
        upto_hash TEXT NOT NULL,
        pruned INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        signature TEXT NOT NULL
      );
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;

      DROP TRIGGER audit_acties_no_delete;
      CREATE TRIGGER audit_acties_no_delete BEFORE DELETE ON audit_verwerkingsacties
        WHEN OLD.seq > COALESCE((SELECT MAX(upto_seq) FROM audit_checkpoints), 0)
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkingsacties is append-only'); END;
      DROP TRIGGER audit_objecten_no_delete;
      CREATE TRIGGER audit_objecten_no_delete BEFORE DELETE ON audit_verwerkte_objecten
        WHEN OLD.actie_seq > COALESCE((SELECT MAX(upto_seq) FROM audit_checkpoints), 0)
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkte_objecten is append-only'); END;
    `,
    postgres: PG003,
  },
  {
    /*
     * A resident who was not identified (an anonymous chat, an unknown caller) is still a person whose data was
     * processed: the object then names the klantcontact (the action's contact_id) instead of a partij or BSN. SQLite
     * cannot change a CHECK in place, so the table is rebuilt with the same columns and rows (the hashes stay valid),
     * and its indexes, triggers and the compatibility view are made again. The marker is `betrokkenheid`.
     */
    id: 'audit/004_niet_geidentificeerd',
    sqlite: `
      DROP VIEW verwerkingen;
      CREATE TABLE audit_verwerkte_objecten_004 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        actie_seq INTEGER NOT NULL REFERENCES audit_verwerkingsacties (seq),
        ordinal INTEGER NOT NULL,
        verwerkt_object_id TEXT NOT NULL UNIQUE,
        partij_uuid TEXT,
        bsn_hmac TEXT,
        bsn_enc TEXT,
        betrokkenheid TEXT NOT NULL,
        soorten_gegevens TEXT NOT NULL,
        UNIQUE (actie_seq, ordinal),
        CHECK (partij_uuid IS NOT NULL OR bsn_hmac IS NOT NULL OR betrokkenheid = '${NIET_GEIDENTIFICEERD}')
      );
      INSERT INTO audit_verwerkte_objecten_004
        (seq, actie_seq, ordinal, verwerkt_object_id, partij_uuid, bsn_hmac, bsn_enc, betrokkenheid, soorten_gegevens)
        SELECT seq, actie_seq, ordinal, verwerkt_object_id, partij_uuid, bsn_hmac, bsn_enc, betrokkenheid,
               soorten_gegevens
        FROM audit_verwerkte_objecten;
      DROP TABLE audit_verwerkte_objecten;
      ALTER TABLE audit_verwerkte_objecten_004 RENAME TO audit_verwerkte_objecten;
      CREATE INDEX audit_objecten_partij ON audit_verwerkte_objecten (partij_uuid, actie_seq);
      CREATE INDEX audit_objecten_bsn ON audit_verwerkte_objecten (bsn_hmac, actie_seq);
      CREATE TRIGGER audit_objecten_no_update BEFORE UPDATE ON audit_verwerkte_objecten
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkte_objecten is append-only'); END;
      CREATE TRIGGER audit_objecten_no_delete BEFORE DELETE ON audit_verwerkte_objecten
        WHEN OLD.actie_seq > COALESCE((SELECT MAX(upto_seq) FROM audit_checkpoints), 0)
        BEGIN SELECT RAISE(ABORT, 'audit_verwerkte_objecten is append-only'); END;
      CREATE VIEW verwerkingen AS
        SELECT o.seq AS seq, a.tijdstip_ms AS at, a.gebruiker_id AS user_id, a.handeling AS handeling,
               o.partij_uuid AS partij_uuid, o.soorten_gegevens AS categorieen, a.doel AS doel,
               a.contact_id AS contact_id
        FROM audit_verwerkte_objecten o JOIN audit_verwerkingsacties a ON a.seq = o.actie_seq;
    `,
    postgres: PG004,
  },
];
