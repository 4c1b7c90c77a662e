import type { Db } from '../../../store/db';

export interface Conversation {
  id: string;
  contactId: string;
  name?: string;
  email?: string;
  pageUrl?: string;
  createdAt: number;
  endedAt?: number;
  endedBy?: 'inwoner' | 'medewerker';
  rating?: number;
  ratingComment?: string;
}

interface Row {
  id: string;
  contact_id: string;
  resume_hash: string;
  name: string | null;
  email: string | null;
  page_url: string | null;
  created_at: number;
  ended_at: number | null;
  ended_by: string | null;
  rating: number | null;
  rating_comment: string | null;
}

const fromRow = (r: Row): Conversation => ({
  id: r.id,
  contactId: r.contact_id,
  createdAt: r.created_at,
  ...(r.name !== null ? { name: r.name } : {}),
  ...(r.email !== null ? { email: r.email } : {}),
  ...(r.page_url !== null ? { pageUrl: r.page_url } : {}),
  ...(r.ended_at !== null ? { endedAt: r.ended_at } : {}),
  ...(r.ended_by !== null ? { endedBy: r.ended_by as 'inwoner' | 'medewerker' } : {}),
  ...(r.rating !== null ? { rating: r.rating } : {}),
  ...(r.rating_comment !== null ? { ratingComment: r.rating_comment } : {}),
});

export interface ChatRepository {
  insert(c: Conversation, resumeHash: string): void;
  get(id: string): Conversation | undefined;
  byResumeHash(hash: string): Conversation | undefined;
  byContact(contactId: string): Conversation | undefined;
  end(id: string, by: 'inwoner' | 'medewerker', at: number): boolean;
  rate(id: string, score: number, comment: string | undefined, at: number): void;
  /** Marks the transcript as sent unless it already was; false when another request got there first. */
  claimTranscript(id: string, at: number): boolean;
  /** Undoes a claim whose mail could not be sent, so the resident can try again. */
  releaseTranscript(id: string): void;
}

export function createChatRepository(db: Db): ChatRepository {
  const insert = db.prepare(
    `INSERT INTO chat_conversations (id, contact_id, resume_hash, name, email, page_url, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM chat_conversations WHERE id = ?');
  const byHash = db.prepare<[string], Row>('SELECT * FROM chat_conversations WHERE resume_hash = ?');
  const byContact = db.prepare<[string], Row>('SELECT * FROM chat_conversations WHERE contact_id = ?');
  const end = db.prepare(
    'UPDATE chat_conversations SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL',
  );
  const rate = db.prepare(
    'UPDATE chat_conversations SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ?',
  );
  const claimTranscript = db.prepare(
    'UPDATE chat_conversations SET transcript_sent_at = ? WHERE id = ? AND transcript_sent_at IS NULL',
  );
  const releaseTranscript = db.prepare(
    'UPDATE chat_conversations SET transcript_sent_at = NULL WHERE id = ?',
  );
  return {
    insert(c, hash) {
      insert.run(c.id, c.contactId, hash, c.name ?? null, c.email ?? null, c.pageUrl ?? null, c.createdAt);
    },
    get(id) {
      const r = byId.get(id);
      return r ? fromRow(r) : undefined;
    },
    byResumeHash(hash) {
      const r = byHash.get(hash);
      return r ? fromRow(r) : undefined;
    },
    byContact(contactId) {
      const r = byContact.get(contactId);
      return r ? fromRow(r) : undefined;
    },
    end(id, by, at) {
      return end.run(at, by, id).changes === 1;
    },
    rate(id, score, comment, at) {
      rate.run(score, comment ?? null, at, id);
    },
    claimTranscript(id, at) {
      return claimTranscript.run(at, id).changes === 1;
    },
    releaseTranscript(id) {
      releaseTranscript.run(id);
    },
  };
}
