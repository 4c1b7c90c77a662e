import type { Migration } from '../../store/migration';

/** `betrokkenheid` of an object that names the klantcontact because the resident was not identified (004). */
export const NIET_GEIDENTIFICEERD = 'Inwoner van het klantcontact, niet geïdentificeerd';

export const auditMigrations: Migration[] = [
  {
    // The first, simple log. Kept with its original id so existing data dirs skip it; 002 retires it.
    id: 'audit/001_verwerkingen',
    sql: `
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
  },
  {
    /*
     * VNG Verwerkingenlogging shape: one row per verwerkingsactie, its verwerkte objecten in a child table.
     * Both append-only; every action row carries hash = sha256(prev_hash || canonical JSON of the action and
     * its objects). The old table stays read-only as verwerkingen_legacy (its rows are copied into the chain
     * at start-up, see audit-log.ts) and a view keeps the old name and columns for existing readers.
     */
    id: 'audit/002_verwerkingsacties',
    sql: `
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
  },
  {
    /*
     * Pruning after the bewaartermijn (retention.ts): the oldest actions may be deleted, and only below a signed
     * checkpoint that records the hash the chain goes on from. Checkpoints are append-only themselves.
     */
    id: 'audit/003_checkpoints',
    sql: `
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
  },
  {
    /*
     * A resident who was not identified (an anonymous chat, an unknown caller) is still a person whose data was
     * processed: the object then names the klantcontact (the action's contact_id) instead of a partij or BSN. SQLite
     * cannot change a CHECK in place, so the table is rebuilt with the same columns and rows (the hashes stay valid),
     * and its indexes, triggers and the compatibility view are made again. The marker is `betrokkenheid`.
     */
    id: 'audit/004_niet_geidentificeerd',
    sql: `
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
  },
];
