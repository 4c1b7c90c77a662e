import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const transferMigrations: Migration[] = [
  {
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

export interface TransferRepository {
  addNote(note: Note): void;
  notes(contactId: string): Note[];
  note(id: string): Note | undefined;
  saveDraft(d: Draft): void;
  drafts(contactId: string): Draft[];
}

export function createTransferRepository(db: Db): TransferRepository {
  const insertNote = db.prepare(
    `INSERT INTO contact_notes (id, contact_id, kind, from_agent_id, to_agent_id, to_queue, reply_to, text, at)
     VALUES (@id, @contactId, @kind, @fromAgentId, @toAgentId, @toQueue, @replyTo, @text, @at)`,
  );
  const notesOf = db.prepare<[string], NoteRow>(
    'SELECT * FROM contact_notes WHERE contact_id = ? ORDER BY at, rowid',
  );
  const noteById = db.prepare<[string], NoteRow>('SELECT * FROM contact_notes WHERE id = ?');
  const upsertDraft = db.prepare(
    `INSERT INTO contact_drafts (contact_id, agent_id, draft, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (contact_id, agent_id) DO UPDATE SET draft = excluded.draft, saved_at = excluded.saved_at`,
  );
  const draftsOf = db.prepare<
    [string],
    { contact_id: string; agent_id: string; draft: string; saved_at: number }
  >('SELECT * FROM contact_drafts WHERE contact_id = ? ORDER BY saved_at');
  return {
    addNote(n) {
      insertNote.run({
        id: n.id,
        contactId: n.contactId,
        kind: n.kind,
        fromAgentId: n.fromAgentId,
        toAgentId: n.toAgentId ?? null,
        toQueue: n.toQueue ?? null,
        replyTo: n.replyTo ?? null,
        text: n.text,
        at: n.at,
      });
    },
    notes: (contactId) => notesOf.all(contactId).map(noteFromRow),
    note: (id) => {
      const r = noteById.get(id);
      return r ? noteFromRow(r) : undefined;
    },
    saveDraft(d) {
      upsertDraft.run(d.contactId, d.agentId, JSON.stringify(d.draft), d.savedAt);
    },
    drafts: (contactId) =>
      draftsOf.all(contactId).map((r) => ({
        contactId: r.contact_id,
        agentId: r.agent_id,
        draft: JSON.parse(r.draft) as Record<string, unknown>,
        savedAt: r.saved_at,
      })),
  };
}
