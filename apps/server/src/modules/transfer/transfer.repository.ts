import { sql } from 'kysely';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';

export const transferMigrations: StoreMigration[] = [
  {
    id: 'transfer/001_notes_and_drafts',
    sqlite: `
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
    // No foreign key to contacts: that table belongs to the contacts module (docs/decisions.md, issue 10 §2).
    postgres: `
      CREATE TABLE contact_notes (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('overdracht', 'consult', 'consult-antwoord')),
        from_agent_id TEXT NOT NULL,
        to_agent_id TEXT,
        to_queue TEXT,
        reply_to TEXT,
        text TEXT NOT NULL,
        at BIGINT NOT NULL,
        -- SQLite's rowid: the order of insertion, for notes written in the same millisecond.
        volgnummer BIGINT GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX contact_notes_contact ON contact_notes (contact_id, at);

      CREATE TABLE contact_drafts (
        contact_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        draft TEXT NOT NULL,
        saved_at BIGINT NOT NULL,
        PRIMARY KEY (contact_id, agent_id)
      );
    `,
  },
];

export interface Note {
  id: string;
  contactId: string;
  kind: 'overdracht' | 'consult' | 'consult-antwoord';
  fromAgentId: string;
  toAgentId?: string;
  toQueue?: string;
  replyTo?: string;
  text: string;
  at: number;
}

export interface Draft {
  contactId: string;
  agentId: string;
  draft: Record<string, unknown>;
  savedAt: number;
}

interface NoteRow {
  id: string;
  contact_id: string;
  kind: Note['kind'];
  from_agent_id: string;
  to_agent_id: string | null;
  to_queue: string | null;
  reply_to: string | null;
  text: string;
  at: number;
}

interface DraftRow {
  contact_id: string;
  agent_id: string;
  draft: string;
  saved_at: number;
}

/** The tables this module owns on the async store. */
export interface TransferTables {
  contact_notes: NoteRow;
  contact_drafts: DraftRow;
}

const noteFromRow = (r: NoteRow): Note => ({
  id: r.id,
  contactId: r.contact_id,
  kind: r.kind,
  fromAgentId: r.from_agent_id,
  text: r.text,
  at: r.at,
  ...(r.to_agent_id !== null ? { toAgentId: r.to_agent_id } : {}),
  ...(r.to_queue !== null ? { toQueue: r.to_queue } : {}),
  ...(r.reply_to !== null ? { replyTo: r.reply_to } : {}),
});

const NOTE_COLUMNS = [
  'id',
  'contact_id',
  'kind',
  'from_agent_id',
  'to_agent_id',
  'to_queue',
  'reply_to',
  'text',
  'at',
] as const;

export interface TransferRepository {
  addNote(note: Note): Promise<void>;
  /** The notes of a contact in the order they were written. */
  notes(contactId: string): Promise<Note[]>;
  note(id: string): Promise<Note | undefined>;
  saveDraft(d: Draft): Promise<void>;
  drafts(contactId: string): Promise<Draft[]>;
}

export function createTransferRepository(store: Store): TransferRepository {
  const db = store.kysely<TransferTables>();
  const insertOrder = store.dialect === 'sqlite' ? sql`rowid` : sql`volgnummer`;
  return {
    async addNote(n) {
      await db
        .insertInto('contact_notes')
        .values({
          id: n.id,
          contact_id: n.contactId,
          kind: n.kind,
          from_agent_id: n.fromAgentId,
          to_agent_id: n.toAgentId ?? null,
          to_queue: n.toQueue ?? null,
          reply_to: n.replyTo ?? null,
          text: n.text,
          at: n.at,
        })
        .execute();
    },
    async notes(contactId) {
      const rows = await db
        .selectFrom('contact_notes')
        .select(NOTE_COLUMNS)
        .where('contact_id', '=', contactId)
        .orderBy('at')
        .orderBy(insertOrder)
        .execute();
      return rows.map(noteFromRow);
    },
    async note(id) {
      const row = await db
        .selectFrom('contact_notes')
        .select(NOTE_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? noteFromRow(row) : undefined;
    },
    async saveDraft(d) {
      await db
        .insertInto('contact_drafts')
        .values({
          contact_id: d.contactId,
          agent_id: d.agentId,
          draft: JSON.stringify(d.draft),
          saved_at: d.savedAt,
        })
        .onConflict((oc) =>
          oc.columns(['contact_id', 'agent_id']).doUpdateSet((eb) => ({
            draft: eb.ref('excluded.draft'),
            saved_at: eb.ref('excluded.saved_at'),
          })),
        )
        .execute();
    },
    async drafts(contactId) {
      const rows = await db
        .selectFrom('contact_drafts')
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy('saved_at')
        .orderBy('agent_id')
        .execute();
      return rows.map((r) => ({
        contactId: r.contact_id,
        agentId: r.agent_id,
        draft: JSON.parse(r.draft) as Record<string, unknown>,
        savedAt: r.saved_at,
      }));
    },
  };
}
