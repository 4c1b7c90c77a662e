import type { StoreMigration } from '../../store/migration';

/**
 * The contacts, their event log and the agents' event log (store/README.md). The SQLite texts are the ones the
 * synchronous runner applied before the move, byte for byte; the PostgreSQL form has the same tables and rules.
 */
export const contactsMigrations: StoreMigration[] = [
  {
    id: 'contacts/001_contacts_and_events',
    sqlite: `
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
    postgres: `
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
        due_at BIGINT,
        created_at BIGINT NOT NULL,
        assigned_agent_id TEXT,
        accepted_at BIGINT,
        closed_at BIGINT,
        partij_uuid TEXT,
        registrations INTEGER NOT NULL DEFAULT 0,
        updated_at BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX contacts_channel_external_id ON contacts (channel, external_id);
      CREATE INDEX contacts_status ON contacts (status);
      CREATE INDEX contacts_agent ON contacts (assigned_agent_id, status);

      CREATE FUNCTION kcc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;

      CREATE TABLE contact_events (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        type TEXT NOT NULL,
        at BIGINT NOT NULL,
        agent_id TEXT,
        data TEXT
      );
      CREATE INDEX contact_events_contact ON contact_events (contact_id, seq);
      CREATE TRIGGER contact_events_no_update BEFORE UPDATE ON contact_events
        FOR EACH ROW EXECUTE FUNCTION kcc_append_only();
      CREATE TRIGGER contact_events_no_delete BEFORE DELETE ON contact_events
        FOR EACH ROW EXECUTE FUNCTION kcc_append_only();

      CREATE TABLE agent_events (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        agent_id TEXT NOT NULL,
        type TEXT NOT NULL,
        at BIGINT NOT NULL,
        data TEXT
      );
      CREATE INDEX agent_events_agent ON agent_events (agent_id, seq);
      CREATE TRIGGER agent_events_no_update BEFORE UPDATE ON agent_events
        FOR EACH ROW EXECUTE FUNCTION kcc_append_only();
      CREATE TRIGGER agent_events_no_delete BEFORE DELETE ON agent_events
        FOR EACH ROW EXECUTE FUNCTION kcc_append_only();
    `,
  },
  {
    /*
     * Retention walks closed contacts by closing time. Events stay append-only, except that retention may strip
     * free-text fields from their data (the statistics never read those).
     */
    id: 'contacts/002_retention',
    sqlite: `
      CREATE INDEX contacts_closed_at ON contacts (closed_at, id) WHERE closed_at IS NOT NULL;
      DROP TRIGGER contact_events_no_update;
      CREATE TRIGGER contact_events_no_update BEFORE UPDATE ON contact_events
        WHEN NEW.seq IS NOT OLD.seq OR NEW.contact_id IS NOT OLD.contact_id OR NEW.type IS NOT OLD.type
          OR NEW.at IS NOT OLD.at OR NEW.agent_id IS NOT OLD.agent_id
        BEGIN SELECT RAISE(ABORT, 'contact_events is append-only'); END;
    `,
    postgres: `
      CREATE INDEX contacts_closed_at ON contacts (closed_at, id) WHERE closed_at IS NOT NULL;
      DROP TRIGGER contact_events_no_update ON contact_events;
      CREATE TRIGGER contact_events_no_update BEFORE UPDATE ON contact_events
        FOR EACH ROW WHEN (NEW.seq IS DISTINCT FROM OLD.seq OR NEW.contact_id IS DISTINCT FROM OLD.contact_id
          OR NEW.type IS DISTINCT FROM OLD.type OR NEW.at IS DISTINCT FROM OLD.at
          OR NEW.agent_id IS DISTINCT FROM OLD.agent_id)
        EXECUTE FUNCTION kcc_append_only();
    `,
  },
];
