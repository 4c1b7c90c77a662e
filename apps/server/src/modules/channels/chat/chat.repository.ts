import type { Store } from '../../../store/store';

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
  rated_at: number | null;
  transcript_sent_at: number | null;
}

/** The chat's table on the async store. */
export interface ChatTables {
  chat_conversations: Row;
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
  insert(c: Conversation, resumeHash: string): Promise<void>;
  get(id: string): Promise<Conversation | undefined>;
  byResumeHash(hash: string): Promise<Conversation | undefined>;
  byContact(contactId: string): Promise<Conversation | undefined>;
  /** Ends the conversation unless it already ended; false when it had. */
  end(id: string, by: 'inwoner' | 'medewerker', at: number): Promise<boolean>;
  rate(id: string, score: number, comment: string | undefined, at: number): Promise<void>;
  /** Marks the transcript as sent unless it already was; false when another request got there first. */
  claimTranscript(id: string, at: number): Promise<boolean>;
  /** Undoes a claim whose mail could not be sent, so the resident can try again. */
  releaseTranscript(id: string): Promise<void>;
}

export function createChatRepository(store: Store): ChatRepository {
  const db = store.kysely<ChatTables>();
  const one = async (column: 'id' | 'resume_hash' | 'contact_id', value: string) => {
    const r = await db
      .selectFrom('chat_conversations')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst();
    return r ? fromRow(r) : undefined;
  };
  return {
    async insert(c, hash) {
      await db
        .insertInto('chat_conversations')
        .values({
          id: c.id,
          contact_id: c.contactId,
          resume_hash: hash,
          name: c.name ?? null,
          email: c.email ?? null,
          page_url: c.pageUrl ?? null,
          created_at: c.createdAt,
          ended_at: null,
          ended_by: null,
          rating: null,
          rating_comment: null,
          rated_at: null,
          transcript_sent_at: null,
        })
        .execute();
    },
    get: (id) => one('id', id),
    byResumeHash: (hash) => one('resume_hash', hash),
    byContact: (contactId) => one('contact_id', contactId),
    async end(id, by, at) {
      const r = await db
        .updateTable('chat_conversations')
        .set({ ended_at: at, ended_by: by })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async rate(id, score, comment, at) {
      await db
        .updateTable('chat_conversations')
        .set({ rating: score, rating_comment: comment ?? null, rated_at: at })
        .where('id', '=', id)
        .execute();
    },
    async claimTranscript(id, at) {
      const r = await db
        .updateTable('chat_conversations')
        .set({ transcript_sent_at: at })
        .where('id', '=', id)
        .where('transcript_sent_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async releaseTranscript(id) {
      await db
        .updateTable('chat_conversations')
        .set({ transcript_sent_at: null })
        .where('id', '=', id)
        .execute();
    },
  };
}
