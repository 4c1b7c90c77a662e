import type { Migration } from '../../store/migration';

export const channelsMigrations: Migration[] = [
  {
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
];
