import type { StoreMigration } from '../../store/migration';

/**
 * The channel adapters' tables. On PostgreSQL without foreign keys to `contacts`: that table belongs to the
 * contacts module (and, until it moves, lives in SQLite); the adapters write their rows in the contact's unit of work.
 */
export const channelsMigrations: StoreMigration[] = [
  {
    id: 'channels/001_chat_cti_callbacks_kanaalswitch',
    sqlite: `
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
    postgres: `
      CREATE TABLE chat_conversations (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL UNIQUE,
        resume_hash TEXT NOT NULL UNIQUE,
        name TEXT,
        email TEXT,
        page_url TEXT,
        created_at BIGINT NOT NULL,
        ended_at BIGINT,
        ended_by TEXT,
        rating INTEGER,
        rating_comment TEXT,
        rated_at BIGINT,
        transcript_sent_at BIGINT
      );
      CREATE TABLE cti_events (
        event_id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL,
        type TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        contact_id TEXT,
        response TEXT NOT NULL
      );
      CREATE TABLE cti_calls (
        call_id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE callback_requests (
        contact_id TEXT PRIMARY KEY,
        origin_contact_id TEXT,
        first_contact_id TEXT NOT NULL,
        telefoonnummer TEXT NOT NULL,
        voorkeur_van BIGINT NOT NULL,
        voorkeur_tot BIGINT,
        notitie TEXT,
        poging INTEGER NOT NULL,
        max_pogingen INTEGER NOT NULL,
        uitkomst TEXT,
        created_by TEXT,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE contact_partij_hints (
        contact_id TEXT PRIMARY KEY,
        partij_uuid TEXT NOT NULL,
        channel TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX contact_partij_hints_partij ON contact_partij_hints (partij_uuid, at);
      CREATE TABLE klantcontact_transcripts (
        klantcontact_uuid TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        at BIGINT NOT NULL
      );
    `,
  },
];
