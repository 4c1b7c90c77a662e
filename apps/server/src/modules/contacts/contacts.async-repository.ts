import type { ContactStatus } from '@kcc/contracts/domain';
import type { Generated } from 'kysely';
import type { Store } from '../../store/store';
import {
  fromRow,
  type ContactEventInput,
  type ContactEventRecord,
  type ContactPatch,
  type ContactRecord,
  type ContactRow,
  type NewContact,
} from './contacts.repository';

/** The contacts module's tables as both stores return them (contacts.migrations.ts). */
export interface ContactsTables {
  contacts: ContactRow & { updated_at: number };
  contact_events: {
    seq: Generated<number>;
    contact_id: string;
    type: string;
    at: number;
    agent_id: string | null;
    data: string | null;
  };
  agent_events: { seq: Generated<number>; agent_id: string; type: string; at: number; data: string | null };
}

export interface AgentEventInput {
  agentId: string;
  type: string;
  at: number;
  data?: Record<string, unknown>;
}

/**
 * The contacts and their event logs on the async store. Every method is one statement, so it joins the caller's
 * unit of work when there is one (store/README.md) and is a unit of its own otherwise.
 */
export interface AsyncContactsRepository {
  /**
   * Insert unless channel + externalId exists; returns the stored contact either way. The UNIQUE index decides
   * between concurrent inserts of the same contact (`ON CONFLICT DO NOTHING`: on PostgreSQL the second waits for
   * the first to commit and then reads its row), so each inbound contact is stored once.
   */
  insertIfNew(contact: NewContact): Promise<{ contact: ContactRecord; created: boolean }>;
  get(id: string): Promise<ContactRecord | undefined>;
  update(id: string, patch: ContactPatch, at: number): Promise<void>;
  listByStatus(statuses: readonly ContactStatus[]): Promise<ContactRecord[]>;
  listForAgent(agentId: string, statuses: readonly ContactStatus[]): Promise<ContactRecord[]>;
  /** Append to the contact event log; returns the row's sequence number. */
  appendEvent(event: ContactEventInput): Promise<number>;
  events(contactId: string): Promise<ContactEventRecord[]>;
  appendAgentEvent(event: AgentEventInput): Promise<number>;
}

const COLUMNS = {
  status: 'status',
  queueId: 'queue_id',
  assignedAgentId: 'assigned_agent_id',
  acceptedAt: 'accepted_at',
  closedAt: 'closed_at',
  partijUuid: 'partij_uuid',
  registrations: 'registrations',
  subject: 'subject',
} as const satisfies Record<keyof ContactPatch, keyof ContactsTables['contacts']>;

export function createAsyncContactsRepository(store: Store): AsyncContactsRepository {
  const db = store.kysely<ContactsTables>();
  const byExternal = (channel: string, externalId: string) =>
    db
      .selectFrom('contacts')
      .selectAll()
      .where('channel', '=', channel)
      .where('external_id', '=', externalId)
      .executeTakeFirst();

  return {
    async insertIfNew(c) {
      const inserted = await db
        .insertInto('contacts')
        .values({
          id: c.id,
          channel: c.channel,
          external_id: c.externalId,
          queue_id: c.queueId,
          status: c.status,
          priority: c.priority,
          subject: c.subject ?? null,
          body: c.body ?? null,
          from_json: JSON.stringify(c.from),
          due_at: c.dueAt ?? null,
          created_at: c.createdAt,
          updated_at: c.createdAt,
          assigned_agent_id: null,
          accepted_at: null,
          closed_at: null,
          partij_uuid: null,
          registrations: 0,
        })
        .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
        .executeTakeFirst();
      const row = await byExternal(c.channel, c.externalId);
      if (!row) throw new Error('contact not stored');
      return { contact: fromRow(row), created: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 };
    },
    async get(id) {
      const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async update(id, patch, at) {
      const set: Partial<ContactsTables['contacts']> = {};
      for (const key of Object.keys(patch) as (keyof ContactPatch)[]) {
        const value = patch[key];
        if (value !== undefined) Object.assign(set, { [COLUMNS[key]]: value });
      }
      if (Object.keys(set).length === 0) return;
      await db
        .updateTable('contacts')
        .set({ ...set, updated_at: at })
        .where('id', '=', id)
        .execute();
    },
    async listByStatus(statuses) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('contacts')
        .selectAll()
        .where('status', 'in', statuses)
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
    async listForAgent(agentId, statuses) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('contacts')
        .selectAll()
        .where('assigned_agent_id', '=', agentId)
        .where('status', 'in', statuses)
        .orderBy('accepted_at')
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
    async appendEvent(e) {
      const row = await db
        .insertInto('contact_events')
        .values({
          contact_id: e.contactId,
          type: e.type,
          at: e.at,
          agent_id: e.agentId ?? null,
          data: e.data ? JSON.stringify(e.data) : null,
        })
        .returning('seq')
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    },
    async events(contactId) {
      const rows = await db
        .selectFrom('contact_events')
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        contactId: r.contact_id,
        type: r.type,
        at: r.at,
        ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
        ...(r.data !== null ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}),
      }));
    },
    async appendAgentEvent(e) {
      const row = await db
        .insertInto('agent_events')
        .values({ agent_id: e.agentId, type: e.type, at: e.at, data: e.data ? JSON.stringify(e.data) : null })
        .returning('seq')
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    },
  };
}
