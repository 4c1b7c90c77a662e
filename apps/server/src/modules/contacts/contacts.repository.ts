import type { Channel, Contact, ContactFrom, ContactStatus } from '@kcc/contracts/domain';
import type { Generated } from 'kysely';
import type { Store } from '../../store/store';

export interface ContactRecord {
  id: string;
  channel: Channel;
  externalId: string;
  queueId: string;
  status: ContactStatus;
  priority: number;
  subject?: string;
  body?: string;
  from: ContactFrom;
  dueAt?: number;
  createdAt: number;
  assignedAgentId?: string;
  acceptedAt?: number;
  closedAt?: number;
  partijUuid?: string;
  registrations: number;
}

export type NewContact = Omit<
  ContactRecord,
  'assignedAgentId' | 'acceptedAt' | 'closedAt' | 'partijUuid' | 'registrations'
>;

export type ContactPatch = Partial<{
  status: ContactStatus;
  queueId: string;
  assignedAgentId: string | null;
  acceptedAt: number | null;
  closedAt: number | null;
  partijUuid: string | null;
  registrations: number;
  /** Only set by a registration when the contact had no subject of its own. */
  subject: string;
  /** A team leader's extra priority for a waiting contact. */
  priority: number;
}>;

export interface ContactEventInput {
  contactId: string;
  type: string;
  at: number;
  agentId?: string;
  data?: Record<string, unknown>;
}

export interface ContactEventRecord extends ContactEventInput {
  seq: number;
}

/** The contacts as the other modules use them: appends and transactions are the unit of work's (contacts-unit-of-work.ts). */
export interface ContactsRepository {
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
  /** Append to the contact event log in the caller's unit of work. */
  appendEvent(event: ContactEventInput): Promise<void>;
  events(contactId: string): Promise<ContactEventRecord[]>;
  appendAgentEvent(event: AgentEventInput): Promise<void>;
  /** Run `fn` as one unit of work (`UnitOfWork.run`; nested calls join the outer one). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  // Narrow reads for the channels module (it runs no SQL on this module's table).
  /** Wait (ms) of the last `limit` answered chats of a queue accepted since `since`, newest first. */
  chatAnswerWaits(queueId: string, since: number, limit: number): Promise<number[]>;
  /** The latest contact linked to this partij, created in [from, to], other than `exceptId` (kanaalswitch). */
  latestOfPartij(
    partijUuid: string,
    range: { from: number; to: number; exceptId: string },
  ): Promise<{ id: string; channel: string; at: number } | undefined>;
}

export interface AgentEventInput {
  agentId: string;
  type: string;
  at: number;
  data?: Record<string, unknown>;
}

/**
 * The store's own repository: every method is one statement, so it joins the caller's unit of work when there is
 * one (store/README.md); appends return the row's sequence number (the unit of work dispatches it).
 */
export interface StoredContactsRepository extends Omit<
  ContactsRepository,
  'appendEvent' | 'appendAgentEvent' | 'transaction'
> {
  appendEvent(event: ContactEventInput): Promise<number>;
  appendAgentEvent(event: AgentEventInput): Promise<number>;
}

/** A `contacts` row as both stores return it. */
export interface ContactRow {
  id: string;
  channel: string;
  external_id: string;
  queue_id: string;
  status: string;
  priority: number;
  subject: string | null;
  body: string | null;
  from_json: string;
  due_at: number | null;
  created_at: number;
  assigned_agent_id: string | null;
  accepted_at: number | null;
  closed_at: number | null;
  partij_uuid: string | null;
  registrations: number;
}

export function fromRow(r: ContactRow): ContactRecord {
  const c: ContactRecord = {
    id: r.id,
    channel: r.channel as Channel,
    externalId: r.external_id,
    queueId: r.queue_id,
    status: r.status as ContactStatus,
    priority: r.priority,
    from: JSON.parse(r.from_json) as ContactFrom,
    createdAt: r.created_at,
    registrations: r.registrations,
  };
  if (r.subject !== null) c.subject = r.subject;
  if (r.body !== null) c.body = r.body;
  if (r.due_at !== null) c.dueAt = r.due_at;
  if (r.assigned_agent_id !== null) c.assignedAgentId = r.assigned_agent_id;
  if (r.accepted_at !== null) c.acceptedAt = r.accepted_at;
  if (r.closed_at !== null) c.closedAt = r.closed_at;
  if (r.partij_uuid !== null) c.partijUuid = r.partij_uuid;
  return c;
}

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

const COLUMNS = {
  status: 'status',
  queueId: 'queue_id',
  assignedAgentId: 'assigned_agent_id',
  acceptedAt: 'accepted_at',
  closedAt: 'closed_at',
  partijUuid: 'partij_uuid',
  registrations: 'registrations',
  subject: 'subject',
  priority: 'priority',
} as const satisfies Record<keyof ContactPatch, keyof ContactsTables['contacts']>;

export function createContactsRepository(store: Store): StoredContactsRepository {
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
    async chatAnswerWaits(queueId, since, limit) {
      const rows = await db
        .selectFrom('contacts')
        .select(['accepted_at', 'created_at'])
        .where('channel', '=', 'chat')
        .where('queue_id', '=', queueId)
        .where('accepted_at', 'is not', null)
        .where('accepted_at', '>=', since)
        .orderBy('accepted_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.accepted_at) - r.created_at);
    },
    async latestOfPartij(partijUuid, { from, to, exceptId }) {
      const row = await db
        .selectFrom('contacts')
        .select(['id', 'channel', 'created_at'])
        .where('partij_uuid', '=', partijUuid)
        .where('created_at', '>=', from)
        .where('created_at', '<=', to)
        .where('id', '!=', exceptId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? { id: row.id, channel: row.channel, at: row.created_at } : undefined;
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The contact as the workplace sees it (contracts `Contact`). */
export function toContactDto(c: ContactRecord): Contact {
  return {
    id: c.id,
    channel: c.channel,
    queue: c.queueId,
    ...(c.subject !== undefined ? { subject: c.subject } : {}),
    from: c.from,
    createdAt: iso(c.createdAt),
    externalId: c.externalId,
    status: c.status,
    priority: c.priority,
    ...(c.body !== undefined ? { body: c.body } : {}),
    ...(c.dueAt !== undefined ? { dueAt: iso(c.dueAt) } : {}),
    ...(c.assignedAgentId !== undefined ? { assignedAgentId: c.assignedAgentId } : {}),
    ...(c.acceptedAt !== undefined ? { acceptedAt: iso(c.acceptedAt) } : {}),
    ...(c.closedAt !== undefined ? { closedAt: iso(c.closedAt) } : {}),
    ...(c.partijUuid !== undefined ? { partijUuid: c.partijUuid } : {}),
    registrations: c.registrations,
  };
}

export function toContactSummary(
  c: ContactRecord,
): Pick<Contact, 'id' | 'channel' | 'queue' | 'subject' | 'from' | 'createdAt'> {
  return {
    id: c.id,
    channel: c.channel,
    queue: c.queueId,
    ...(c.subject !== undefined ? { subject: c.subject } : {}),
    from: c.from,
    createdAt: iso(c.createdAt),
  };
}
