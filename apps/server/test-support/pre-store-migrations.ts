import type { Migration } from '../src/store/migration';

/**
 * The migrations of the modules that moved to the async store, exactly as they were on the synchronous runner
 * before the move (quick-replies: commit 1bc3ed3; audit: commit 28442ca; kennisbank: commit 2dd4b35; queues, retention,
 * contacts, idempotency, identificatie, channels, ontvangstbevestiging, transfer, nawerk notities, messages and
 * klantinteracties: commit 5e53e20). `store/migrate-store.test.ts` builds a data dir with them to check that an
 * existing installation sees nothing new after the move.
 */
export const preStoreMigrations: Record<string, Migration> = {
  'retention/001_state_and_runs': {
    id: 'retention/001_state_and_runs',
    sql: `
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
  },
  'queues/001_queues_and_agent_profiles': {
    id: 'queues/001_queues_and_agent_profiles',
    sql: `
      CREATE TABLE queues (
        id TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        default_for_channels TEXT NOT NULL DEFAULT '[]',
        sort INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE agent_profiles (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        skills TEXT NOT NULL,
        capacity TEXT NOT NULL,
        queue_ids TEXT NOT NULL
      );
    `,
  },
  'registration/001_idempotency_keys': {
    id: 'registration/001_idempotency_keys',
    sql: `
      CREATE TABLE idempotency_keys (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, key)
      );
    `,
  },
  'contacts/001_contacts_and_events': {
    id: 'contacts/001_contacts_and_events',
    sql: `
      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        status TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        subject TEXT,
        body TEXT,
        from_json TEXT NOT NULL,
        due_at INTEGER,
        created_at INTEGER NOT NULL,
        assigned_agent_id TEXT,
        accepted_at INTEGER,
        closed_at INTEGER,
        partij_uuid TEXT,
        registrations INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX contacts_channel_external_id ON contacts (channel, external_id);
      CREATE INDEX contacts_status ON contacts (status);
      CREATE INDEX contacts_agent ON contacts (assigned_agent_id, status);

      -- Append-only: statistics, KPIs and audit are derived from these rows.
      CREATE TABLE contact_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        agent_id TEXT,
        data TEXT
      );
      CREATE INDEX contact_events_contact ON contact_events (contact_id, seq);
      CREATE TRIGGER contact_events_no_update BEFORE UPDATE ON contact_events
        BEGIN SELECT RAISE(ABORT, 'contact_events is append-only'); END;
      CREATE TRIGGER contact_events_no_delete BEFORE DELETE ON contact_events
        BEGIN SELECT RAISE(ABORT, 'contact_events is append-only'); END;

      -- Presence transitions of agents (occupancy, adherence), append-only as well.
      CREATE TABLE agent_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        agent_id TEXT NOT NULL,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        data TEXT
      );
      CREATE INDEX agent_events_agent ON agent_events (agent_id, seq);
      CREATE TRIGGER agent_events_no_update BEFORE UPDATE ON agent_events
        BEGIN SELECT RAISE(ABORT, 'agent_events is append-only'); END;
      CREATE TRIGGER agent_events_no_delete BEFORE DELETE ON agent_events
        BEGIN SELECT RAISE(ABORT, 'agent_events is append-only'); END;
    `,
  },
  'contacts/002_retention': {
    id: 'contacts/002_retention',
    sql: `
      CREATE INDEX contacts_closed_at ON contacts (closed_at, id) WHERE closed_at IS NOT NULL;
      DROP TRIGGER contact_events_no_update;
      CREATE TRIGGER contact_events_no_update BEFORE UPDATE ON contact_events
        WHEN NEW.seq IS NOT OLD.seq OR NEW.contact_id IS NOT OLD.contact_id OR NEW.type IS NOT OLD.type
          OR NEW.at IS NOT OLD.at OR NEW.agent_id IS NOT OLD.agent_id
        BEGIN SELECT RAISE(ABORT, 'contact_events is append-only'); END;
    `,
  },
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
  'onderwerpen/001_init': {
    id: 'onderwerpen/001_init',
    sql: `
      -- The managed list of onderwerpen a registration can pick from (issue 14 §7). Never deleted: a deactivated
      -- one is no longer suggested, registrations that used it keep their text and their id.
      CREATE TABLE onderwerpen (
        id TEXT PRIMARY KEY,
        naam TEXT NOT NULL,
        -- lower-cased, single-spaced naam: one onderwerp per name, active or not
        naam_key TEXT NOT NULL UNIQUE,
        upl_uri TEXT,
        actief INTEGER NOT NULL DEFAULT 1,
        bron TEXT NOT NULL CHECK (bron IN ('kennisbank', 'beheer')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      );
    `,
  },
  'toestemmingen/001_toestemmingen': {
    id: 'toestemmingen/001_toestemmingen',
    sql: `
      -- One row per grant; a withdrawal fills ingetrokken_*, nothing is overwritten or deleted (history).
      CREATE TABLE toestemmingen (
        id TEXT PRIMARY KEY,
        partij_uuid TEXT NOT NULL,
        soort TEXT NOT NULL CHECK (soort IN ('proactief_contact', 'voorkeurskanaal')),
        kanaal TEXT NOT NULL CHECK (kanaal IN ('email', 'sms')),
        adres TEXT NOT NULL,
        wijze TEXT NOT NULL,
        gegeven_via TEXT NOT NULL,
        contact_id TEXT,
        gegeven_op INTEGER NOT NULL,
        vastgelegd_door TEXT NOT NULL,
        ingetrokken_op INTEGER,
        ingetrokken_door TEXT
      );
      CREATE INDEX toestemmingen_partij ON toestemmingen (partij_uuid, gegeven_op);
      -- At most one active grant per partij and soort.
      CREATE UNIQUE INDEX toestemmingen_actief ON toestemmingen (partij_uuid, soort) WHERE ingetrokken_op IS NULL;
    `,
  },
  'interne-taken/001_afdeling_medewerkers_notities': {
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
  'connectors/001_openklant_outbox': {
    id: 'connectors/001_openklant_outbox',
    sql: `
      -- Registrations waiting to be forwarded to Open Klant. Written in the same transaction as the local
      -- registration, so none is lost; \`steps\` keeps the remote uuid of every finished step, so a retry resumes.
      CREATE TABLE openklant_outbox (
        id TEXT PRIMARY KEY,
        referentienummer TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        steps TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL CHECK (state IN ('wachtend', 'verstuurd', 'gecompenseerd', 'mislukt')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX openklant_outbox_due ON openklant_outbox (state, next_attempt_at);
    `,
  },
  'connectors/002_openklant_outbox_partij': {
    id: 'connectors/002_openklant_outbox_partij',
    sql: `
      -- The Open Klant partij of a registration: the klantbeeld shows registrations not yet in Open Klant.
      ALTER TABLE openklant_outbox ADD COLUMN partij_uuid TEXT;
      CREATE INDEX openklant_outbox_partij ON openklant_outbox (partij_uuid, state);
    `,
  },
  'terugkoppeling/001_terugkoppelingen': {
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
  'audit/001_verwerkingen': {
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
  'audit/002_verwerkingsacties': {
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
  'audit/003_checkpoints': {
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
  'audit/004_niet_geidentificeerd': {
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
        CHECK (partij_uuid IS NOT NULL OR bsn_hmac IS NOT NULL OR betrokkenheid = 'Inwoner van het klantcontact, niet geïdentificeerd')
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
  'reports/002_rating_tokens': {
    id: 'reports/002_rating_tokens',
    sql: `
      -- Single-use rating links sent after a phone contact; only a hash of the token is kept.
      CREATE TABLE rating_tokens (
        token_hash TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        kanaal TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX rating_tokens_contact ON rating_tokens (contact_id);
    `,
  },
  'reports/001_report_registrations': {
    id: 'reports/001_report_registrations',
    sql: `
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
  },
  'reports/002_report_registrations_onderwerp': {
    id: 'reports/002_report_registrations_onderwerp',
    sql: `
      -- The onderwerp picked from the managed list (issue 14 §7); NULL for free text (kept only as the hash).
      ALTER TABLE report_registrations ADD COLUMN onderwerp_id TEXT;
    `,
  },
  'kennisbank/001_init': {
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
  'kennisbank/002_quality': {
    id: 'kennisbank/002_quality',
    sql: `
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
  },
  'kennisbank/003_kanaalstrategie': {
    id: 'kennisbank/003_kanaalstrategie',
    sql: `
      ALTER TABLE kanalenmatrix ADD COLUMN doelgroep TEXT NOT NULL DEFAULT 'beide'
        CHECK (doelgroep IN ('inwoner', 'ondernemer', 'beide'));
      ALTER TABLE kanalenmatrix ADD COLUMN niet_via TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE kanaalsturing ADD COLUMN via_primair INTEGER NOT NULL DEFAULT 0;
    `,
  },
  'klantbeeld/001_identificatie': {
    id: 'klantbeeld/001_identificatie',
    sql: `
      -- Verification and DigiD authentication per contact. A verification holds for the partij it was done
      -- against; linking another partij falls back to herkend.
      CREATE TABLE contact_identificatie (
        contact_id TEXT PRIMARY KEY,
        niveau TEXT NOT NULL CHECK (niveau IN ('geverifieerd', 'geauthenticeerd')),
        methode TEXT NOT NULL CHECK (methode IN ('verificatievragen', 'digid')),
        partij_uuid TEXT,
        at INTEGER NOT NULL,
        user_id TEXT
      );
      -- Every verification attempt (for the per-contact limit); no answers are stored.
      CREATE TABLE verificatie_pogingen (
        contact_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        gelukt INTEGER NOT NULL
      );
      CREATE INDEX verificatie_pogingen_contact ON verificatie_pogingen (contact_id, at);
    `,
  },
  'channels/001_chat_cti_callbacks_kanaalswitch': {
    id: 'channels/001_chat_cti_callbacks_kanaalswitch',
    sql: `
      CREATE TABLE chat_conversations (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL UNIQUE REFERENCES contacts(id),
        resume_hash TEXT NOT NULL UNIQUE,
        name TEXT,
        email TEXT,
        page_url TEXT,
        created_at INTEGER NOT NULL,
        ended_at INTEGER,
        ended_by TEXT,
        rating INTEGER,
        rating_comment TEXT,
        rated_at INTEGER,
        transcript_sent_at INTEGER
      );

      -- Every CTI event once (eventId): a replay is answered without doing anything twice.
      CREATE TABLE cti_events (
        event_id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL,
        type TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        contact_id TEXT,
        response TEXT NOT NULL
      );
      CREATE TABLE cti_calls (
        call_id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE callback_requests (
        contact_id TEXT PRIMARY KEY REFERENCES contacts(id),
        origin_contact_id TEXT,
        first_contact_id TEXT NOT NULL,
        telefoonnummer TEXT NOT NULL,
        voorkeur_van INTEGER NOT NULL,
        voorkeur_tot INTEGER,
        notitie TEXT,
        poging INTEGER NOT NULL,
        max_pogingen INTEGER NOT NULL,
        uitkomst TEXT,
        created_by TEXT,
        created_at INTEGER NOT NULL
      );

      -- Who a contact was recognised as when it arrived (klantherkenning), for kanaalswitch detection.
      CREATE TABLE contact_partij_hints (
        contact_id TEXT PRIMARY KEY REFERENCES contacts(id),
        partij_uuid TEXT NOT NULL,
        channel TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX contact_partij_hints_partij ON contact_partij_hints (partij_uuid, at);

      -- The transcript (messages) of a contact referenced from each klantcontact registered for it.
      CREATE TABLE klantcontact_transcripts (
        klantcontact_uuid TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        at INTEGER NOT NULL
      );
    `,
  },
  'channels/ontvangstbevestiging_001': {
    id: 'channels/ontvangstbevestiging_001',
    sql: `
      -- The beheerder's text per queue; a queue without a row uses the default text.
      CREATE TABLE ontvangstbevestiging_templates (
        queue_id TEXT PRIMARY KEY,
        tekst TEXT NOT NULL,
        actief INTEGER NOT NULL,
        bijgewerkt_op INTEGER NOT NULL,
        bijgewerkt_door TEXT NOT NULL
      );
      -- At most one receipt per contact (a thread is one contact: replies join it and get none).
      CREATE TABLE ontvangstbevestigingen (
        contact_id TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        at INTEGER NOT NULL
      );
    `,
  },
  'channels/ontvangstbevestiging_002_belofte': {
    // issue 15 §6: the promised answer time, for the KPI voorspelbaarheid (promises kept)
    id: 'channels/ontvangstbevestiging_002_belofte',
    sql: `
      ALTER TABLE ontvangstbevestigingen ADD COLUMN beloofd_voor INTEGER;
      CREATE INDEX ontvangstbevestigingen_beloofd_voor ON ontvangstbevestigingen (beloofd_voor);
    `,
  },
  'transfer/001_notes_and_drafts': {
    id: 'transfer/001_notes_and_drafts',
    sql: `
      -- Internal notes that travel with a contact: transfer notes and consults between colleagues.
      CREATE TABLE contact_notes (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        kind TEXT NOT NULL CHECK (kind IN ('overdracht', 'consult', 'consult-antwoord')),
        from_agent_id TEXT NOT NULL,
        to_agent_id TEXT,
        to_queue TEXT,
        reply_to TEXT,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX contact_notes_contact ON contact_notes (contact_id, at);

      -- The workplace's unfinished registration per contact and agent (warm hand-over).
      CREATE TABLE contact_drafts (
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        agent_id TEXT NOT NULL,
        draft TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (contact_id, agent_id)
      );
    `,
  },
  'registration/002_nawerk_notities': {
    id: 'registration/002_nawerk_notities',
    sql: `
      -- The agent's wrap-up notes on a contact they registered (issue 14 §7); one per contact, shown with its
      -- klantcontacten in the history. Deleted with the contact's other content by the retention job.
      CREATE TABLE nawerk_notities (
        contact_id TEXT PRIMARY KEY,
        tekst TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  'messages/001_messages_and_attachments': {
    id: 'messages/001_messages_and_attachments',
    sql: `
      CREATE TABLE contact_messages (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        channel TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'uit')),
        body TEXT NOT NULL,
        html TEXT,
        from_label TEXT,
        agent_id TEXT,
        at INTEGER NOT NULL,
        -- E-mail Message-ID of an incoming or outgoing message (threading, duplicate deliveries).
        external_id TEXT,
        -- Outgoing e-mail: pending → sent | failed; chat: delivered.
        delivery TEXT,
        delivery_attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        meta TEXT
      );
      CREATE INDEX contact_messages_contact ON contact_messages (contact_id, n);
      CREATE UNIQUE INDEX contact_messages_external ON contact_messages (channel, external_id)
        WHERE external_id IS NOT NULL;
      CREATE INDEX contact_messages_external_any ON contact_messages (external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX contact_messages_pending ON contact_messages (next_attempt_at) WHERE delivery = 'pending';

      CREATE TABLE contact_attachments (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        message_id TEXT NOT NULL REFERENCES contact_messages(id),
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        stored_path TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX contact_attachments_message ON contact_attachments (message_id);
    `,
  },
  'messages/002_delivery_revision': {
    id: 'messages/002_delivery_revision',
    sql: `
      -- Grows with every delivery change, so a client keeps the newest of two views of one message.
      ALTER TABLE contact_messages ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    `,
  },
  'klantinteracties/001_init': {
    id: 'klantinteracties/001_init',
    sql: `
      CREATE TABLE ki_partijen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        soort_partij TEXT NOT NULL CHECK (soort_partij IN ('persoon', 'organisatie', 'contactpersoon')),
        indicatie_actief INTEGER NOT NULL,
        indicatie_geheimhouding INTEGER,
        voorkeurstaal TEXT NOT NULL DEFAULT '',
        interne_notitie TEXT NOT NULL DEFAULT '',
        -- partijIdentificatie as written (Persoon/Contactpersoon: {contactnaam, werkteVoorPartij?}, Organisatie: {naam})
        identificatie_json TEXT NOT NULL DEFAULT '{}',
        bezoekadres_json TEXT,
        correspondentieadres_json TEXT,
        voorkeurs_digitaal_adres_uuid TEXT,
        -- Display name (volledigeNaam or organisatie naam), and its lower-case form for searching
        naam TEXT NOT NULL DEFAULT '',
        naam_zoek TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_partijen_naam_zoek ON ki_partijen (naam_zoek);

      CREATE TABLE ki_partij_identificatoren (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        code_objecttype TEXT NOT NULL,
        code_soort_object_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        code_register TEXT NOT NULL,
        sub_identificator_van_uuid TEXT REFERENCES ki_partij_identificatoren (uuid),
        andere_partij_identificator TEXT NOT NULL DEFAULT ''
      );
      CREATE UNIQUE INDEX ki_partij_identificatoren_globaal ON ki_partij_identificatoren
        (code_objecttype, code_soort_object_id, object_id, code_register, COALESCE(sub_identificator_van_uuid, ''));
      CREATE UNIQUE INDEX ki_partij_identificatoren_lokaal ON ki_partij_identificatoren (partij_uuid, code_soort_object_id)
        WHERE partij_uuid IS NOT NULL;
      CREATE INDEX ki_partij_identificatoren_object ON ki_partij_identificatoren (code_soort_object_id, object_id);

      CREATE TABLE ki_klantcontacten (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        referentienummer TEXT,
        kanaal TEXT NOT NULL,
        onderwerp TEXT NOT NULL,
        inhoud TEXT NOT NULL DEFAULT '',
        reactie TEXT NOT NULL DEFAULT '',
        indicatie_contact_gelukt INTEGER,
        hoofd_onderwerp_type TEXT NOT NULL DEFAULT '',
        verdere_actie_ondernomen INTEGER NOT NULL DEFAULT 0,
        taal TEXT NOT NULL,
        vertrouwelijk INTEGER NOT NULL,
        plaatsgevonden_op TEXT NOT NULL,
        plaatsgevonden_ms INTEGER NOT NULL,
        metadata_json TEXT NOT NULL DEFAULT '{}',
        -- Not in Klantinteracties 0.9.0: also exposed as metadata.gespreksresultaat
        gespreksresultaat_code TEXT,
        kcc_contact_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_klantcontacten_order ON ki_klantcontacten (plaatsgevonden_ms DESC, seq DESC);
      CREATE INDEX ki_klantcontacten_kcc_contact ON ki_klantcontacten (kcc_contact_id);

      CREATE TABLE ki_betrokkenen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        klantcontact_uuid TEXT NOT NULL REFERENCES ki_klantcontacten (uuid),
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        rol TEXT NOT NULL CHECK (rol IN ('klant', 'vertegenwoordiger')),
        initiator INTEGER NOT NULL,
        organisatienaam TEXT NOT NULL DEFAULT '',
        contactnaam_json TEXT,
        bezoekadres_json TEXT,
        correspondentieadres_json TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_betrokkenen_klantcontact ON ki_betrokkenen (klantcontact_uuid);
      CREATE INDEX ki_betrokkenen_partij ON ki_betrokkenen (partij_uuid);

      CREATE TABLE ki_digitale_adressen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        betrokkene_uuid TEXT REFERENCES ki_betrokkenen (uuid),
        soort_digitaal_adres TEXT NOT NULL CHECK (soort_digitaal_adres IN ('email', 'telefoonnummer', 'overig')),
        adres TEXT NOT NULL,
        -- What klantherkenning matches on: canonical phone number, lower-case e-mail address
        adres_match TEXT NOT NULL,
        is_standaard_adres INTEGER NOT NULL DEFAULT 0,
        omschrijving TEXT NOT NULL DEFAULT '',
        referentie TEXT NOT NULL DEFAULT '',
        verificatie_datum TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_digitale_adressen_match ON ki_digitale_adressen (soort_digitaal_adres, adres_match);
      CREATE INDEX ki_digitale_adressen_partij ON ki_digitale_adressen (partij_uuid);
      CREATE INDEX ki_digitale_adressen_betrokkene ON ki_digitale_adressen (betrokkene_uuid);

      CREATE TABLE ki_onderwerpobjecten (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        klantcontact_uuid TEXT REFERENCES ki_klantcontacten (uuid),
        was_klantcontact_uuid TEXT REFERENCES ki_klantcontacten (uuid),
        identificator_json TEXT,
        code_objecttype TEXT NOT NULL DEFAULT '',
        code_register TEXT NOT NULL DEFAULT '',
        code_soort_object_id TEXT NOT NULL DEFAULT '',
        object_id TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_onderwerpobjecten_klantcontact ON ki_onderwerpobjecten (klantcontact_uuid);
      CREATE INDEX ki_onderwerpobjecten_object ON ki_onderwerpobjecten (object_id);

      CREATE TABLE ki_actoren (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        naam TEXT NOT NULL,
        soort_actor TEXT NOT NULL CHECK (soort_actor IN ('medewerker', 'geautomatiseerde_actor', 'organisatorische_eenheid')),
        indicatie_actief INTEGER NOT NULL DEFAULT 1,
        actoridentificator_json TEXT,
        ai_code_objecttype TEXT NOT NULL DEFAULT '',
        ai_code_register TEXT NOT NULL DEFAULT '',
        ai_code_soort_object_id TEXT NOT NULL DEFAULT '',
        ai_object_id TEXT NOT NULL DEFAULT '',
        -- actorIdentificatie (Medewerker / GeautomatiseerdeActor / OrganisatorischeEenheid)
        identificatie_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_actoren_identificator ON ki_actoren (ai_object_id, ai_code_objecttype);
      CREATE INDEX ki_actoren_soort ON ki_actoren (soort_actor);

      CREATE TABLE ki_actorklantcontacten (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        actor_uuid TEXT NOT NULL REFERENCES ki_actoren (uuid),
        klantcontact_uuid TEXT NOT NULL REFERENCES ki_klantcontacten (uuid),
        created_at TEXT NOT NULL,
        UNIQUE (actor_uuid, klantcontact_uuid)
      );
      CREATE INDEX ki_actorklantcontacten_klantcontact ON ki_actorklantcontacten (klantcontact_uuid);

      CREATE TABLE ki_interne_taken (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        referentienummer TEXT,
        gevraagde_handeling TEXT NOT NULL,
        klantcontact_uuid TEXT NOT NULL REFERENCES ki_klantcontacten (uuid),
        toelichting TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('te_verwerken', 'verwerkt')),
        toegewezen_op TEXT NOT NULL,
        afgehandeld_op TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_interne_taken_klantcontact ON ki_interne_taken (klantcontact_uuid);
      CREATE INDEX ki_interne_taken_status ON ki_interne_taken (status);

      CREATE TABLE ki_interne_taak_actoren (
        interne_taak_uuid TEXT NOT NULL REFERENCES ki_interne_taken (uuid),
        actor_uuid TEXT NOT NULL REFERENCES ki_actoren (uuid),
        position INTEGER NOT NULL,
        PRIMARY KEY (interne_taak_uuid, actor_uuid)
      );
      CREATE INDEX ki_interne_taak_actoren_actor ON ki_interne_taak_actoren (actor_uuid);

      -- Managed list; not part of Klantinteracties 0.9.0 (stored on the klantcontact and in its metadata)
      CREATE TABLE ki_gespreksresultaten (
        code TEXT PRIMARY KEY,
        naam TEXT NOT NULL,
        actief INTEGER NOT NULL DEFAULT 1,
        -- Whether the contact with the resident succeeded (Klantcontact.indicatieContactGelukt)
        contact_gelukt INTEGER NOT NULL DEFAULT 1,
        position INTEGER NOT NULL
      );
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('zelfstandig_afgehandeld', 'Zelfstandig afgehandeld', 1, 1, 1);
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('afgehandeld_na_ruggespraak', 'Afgehandeld na ruggespraak', 1, 1, 2);
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('doorverbonden_naar_afdeling', 'Doorverbonden naar afdeling', 1, 1, 3);
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('doorverbonden_naar_collega', 'Doorverbonden naar collega', 1, 1, 4);
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('contactverzoek_gemaakt', 'Contactverzoek gemaakt', 1, 1, 5);
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('verwezen_naar_andere_instantie', 'Verwezen naar andere instantie', 1, 1, 6);
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('klant_belt_terug', 'Klant belt terug', 1, 1, 7);
      INSERT INTO ki_gespreksresultaten (code, naam, actief, contact_gelukt, position) VALUES ('verbinding_verbroken', 'Verbinding verbroken', 1, 0, 8);
    `,
  },
  'klantinteracties/002_bijlagen': {
    id: 'klantinteracties/002_bijlagen',
    sql: `
      -- Bijlage: content of a klantcontact kept in another register (here: the KCC transcript of a chat,
      -- e-mail thread or web form). The identificator columns exist for the list filters.
      CREATE TABLE ki_bijlagen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        klantcontact_uuid TEXT REFERENCES ki_klantcontacten (uuid),
        identificator_json TEXT,
        code_objecttype TEXT NOT NULL DEFAULT '',
        code_register TEXT NOT NULL DEFAULT '',
        code_soort_object_id TEXT NOT NULL DEFAULT '',
        object_id TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_bijlagen_klantcontact ON ki_bijlagen (klantcontact_uuid);
      CREATE INDEX ki_bijlagen_object ON ki_bijlagen (object_id);
    `,
  },
  'klantinteracties/003_full_api': {
    id: 'klantinteracties/003_full_api',
    sql: `
      -- Deprecated nummer fields are kept as the client wrote them (Open Klant stores them; partij nummer is unique).
      ALTER TABLE ki_partijen ADD COLUMN nummer TEXT;
      CREATE UNIQUE INDEX ki_partijen_nummer ON ki_partijen (nummer) WHERE nummer IS NOT NULL;
      ALTER TABLE ki_partijen ADD COLUMN voorkeurs_rekeningnummer_uuid TEXT;
      ALTER TABLE ki_klantcontacten ADD COLUMN nummer TEXT;
      ALTER TABLE ki_interne_taken ADD COLUMN nummer TEXT;

      CREATE TABLE ki_rekeningnummers (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        iban TEXT NOT NULL,
        bic TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_rekeningnummers_partij ON ki_rekeningnummers (partij_uuid);

      CREATE TABLE ki_categorieen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        naam TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );

      CREATE TABLE ki_categorie_relaties (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        partij_uuid TEXT REFERENCES ki_partijen (uuid),
        categorie_uuid TEXT REFERENCES ki_categorieen (uuid),
        begin_datum TEXT,
        eind_datum TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ki_categorie_relaties_partij ON ki_categorie_relaties (partij_uuid);
      CREATE INDEX ki_categorie_relaties_categorie ON ki_categorie_relaties (categorie_uuid);

      CREATE TABLE ki_vertegenwoordigingen (
        seq INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        vertegenwoordigende_partij_uuid TEXT NOT NULL REFERENCES ki_partijen (uuid),
        vertegenwoordigde_partij_uuid TEXT NOT NULL REFERENCES ki_partijen (uuid),
        created_at TEXT NOT NULL,
        UNIQUE (vertegenwoordigende_partij_uuid, vertegenwoordigde_partij_uuid)
      );
      CREATE INDEX ki_vertegenwoordigingen_vertegenwoordigde ON ki_vertegenwoordigingen (vertegenwoordigde_partij_uuid);

      -- What the list filters and cascading deletes look up.
      CREATE INDEX ki_partij_identificatoren_partij ON ki_partij_identificatoren (partij_uuid);
      CREATE INDEX ki_partij_identificatoren_sub ON ki_partij_identificatoren (sub_identificator_van_uuid);
      CREATE INDEX ki_onderwerpobjecten_was_klantcontact ON ki_onderwerpobjecten (was_klantcontact_uuid);
      CREATE INDEX ki_actorklantcontacten_actor ON ki_actorklantcontacten (actor_uuid);
      CREATE INDEX ki_klantcontacten_kanaal ON ki_klantcontacten (kanaal);
      CREATE INDEX ki_partijen_soort ON ki_partijen (soort_partij);
    `,
  },
  'klantinteracties/004_filter_indexes': {
    id: 'klantinteracties/004_filter_indexes',
    sql: `
      -- The list filters look values up by these columns (see list-queries.ts and the klantinteracties bench).
      CREATE INDEX ki_partij_identificatoren_object_id ON ki_partij_identificatoren (object_id);
      CREATE INDEX ki_digitale_adressen_adres ON ki_digitale_adressen (adres);
      CREATE INDEX ki_klantcontacten_nummer ON ki_klantcontacten (nummer) WHERE nummer IS NOT NULL;
      CREATE INDEX ki_klantcontacten_referentienummer ON ki_klantcontacten (referentienummer)
        WHERE referentienummer IS NOT NULL;
      CREATE INDEX ki_interne_taken_referentienummer ON ki_interne_taken (referentienummer)
        WHERE referentienummer IS NOT NULL;
      CREATE INDEX ki_onderwerpobjecten_code ON ki_onderwerpobjecten (code_objecttype, object_id);
      CREATE INDEX ki_interne_taak_actoren_actor_taak ON ki_interne_taak_actoren (actor_uuid, interne_taak_uuid);
    `,
  },
  'klantinteracties/005_interne_taak_lookup': {
    id: 'klantinteracties/005_interne_taak_lookup',
    sql: `
      -- Open interne taken of an actor: the filter and the count are answered from this index alone.
      CREATE INDEX ki_interne_taken_uuid_status ON ki_interne_taken (uuid, status);
    `,
  },
};
