import type { Channel, Contact, ContactFrom, ContactStatus } from '@kcc/contracts/domain';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../store/db';

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

/** Port for the universal-queue items and their append-only event log. */
export interface ContactsRepository {
  /** Insert unless channel + externalId exists; returns the stored contact either way. */
  insertIfNew(contact: NewContact): { contact: ContactRecord; created: boolean };
  get(id: string): ContactRecord | undefined;
  update(id: string, patch: ContactPatch, at: number): void;
  listByStatus(statuses: readonly ContactStatus[]): ContactRecord[];
  listForAgent(agentId: string, statuses: readonly ContactStatus[]): ContactRecord[];
  appendEvent(event: ContactEventInput): void;
  events(contactId: string): ContactEventRecord[];
  appendAgentEvent(event: {
    agentId: string;
    type: string;
    at: number;
    data?: Record<string, unknown>;
  }): void;
  /** Run `fn` in one store transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  // Narrow reads for the channels module (it runs no SQL on this module's table).
  /** Wait (ms) of the last `limit` answered chats of a queue accepted since `since`, newest first. */
  chatAnswerWaits(queueId: string, since: number, limit: number): number[];
  /** The latest contact linked to this partij, created in [from, to], other than `exceptId` (kanaalswitch). */
  latestOfPartij(
    partijUuid: string,
    range: { from: number; to: number; exceptId: string },
  ): { id: string; channel: string; at: number } | undefined;
}

/** The store's own repository: appends return the row's sequence number (the unit of work dispatches it). */
export interface StoredContactsRepository extends ContactsRepository {
  appendEvent(event: ContactEventInput): number;
  appendAgentEvent(event: {
    agentId: string;
    type: string;
    at: number;
    data?: Record<string, unknown>;
  }): number;
}

interface Row {
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

function fromRow(r: Row): ContactRecord {
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

const COLUMNS: Record<keyof ContactPatch, string> = {
  status: 'status',
  queueId: 'queue_id',
  assignedAgentId: 'assigned_agent_id',
  acceptedAt: 'accepted_at',
  closedAt: 'closed_at',
  partijUuid: 'partij_uuid',
  registrations: 'registrations',
  subject: 'subject',
};

export function createSqliteContactsRepository(db: Db): StoredContactsRepository {
  const answerWaits = db.prepare<[string, number, number], { w: number }>(
    `SELECT accepted_at - created_at AS w FROM contacts
     WHERE channel = 'chat' AND queue_id = ? AND accepted_at IS NOT NULL AND accepted_at >= ?
     ORDER BY accepted_at DESC LIMIT ?`,
  );
  const latestOfPartij = db.prepare<
    [string, number, number, string],
    { id: string; channel: string; at: number }
  >(
    `SELECT id, channel, created_at AS at FROM contacts
     WHERE partij_uuid = ? AND created_at >= ? AND created_at <= ? AND id != ?
     ORDER BY created_at DESC LIMIT 1`,
  );
  const insert = db.prepare(
    `INSERT INTO contacts (id, channel, external_id, queue_id, status, priority, subject, body, from_json, due_at, created_at, updated_at)
     VALUES (@id, @channel, @externalId, @queueId, @status, @priority, @subject, @body, @from, @dueAt, @createdAt, @createdAt)
     ON CONFLICT (channel, external_id) DO NOTHING`,
  );
  const byExternal = db.prepare<[string, string], Row>(
    'SELECT * FROM contacts WHERE channel = ? AND external_id = ?',
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM contacts WHERE id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO contact_events (contact_id, type, at, agent_id, data) VALUES (?, ?, ?, ?, ?)',
  );
  const selectEvents = db.prepare<
    [string],
    {
      seq: number;
      contact_id: string;
      type: string;
      at: number;
      agent_id: string | null;
      data: string | null;
    }
  >('SELECT * FROM contact_events WHERE contact_id = ? ORDER BY seq');
  const insertAgentEvent = db.prepare(
    'INSERT INTO agent_events (agent_id, type, at, data) VALUES (?, ?, ?, ?)',
  );
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  const lists = new Map<string, Statement<unknown[], Row>>();
  /** One prepared statement per SQL text (the status lists are few and fixed). */
  const cachedList = (sql: string) => {
    let stmt = lists.get(sql);
    if (!stmt) {
      stmt = db.prepare<unknown[], Row>(sql);
      lists.set(sql, stmt);
    }
    return stmt;
  };
  // One wrapper for every transaction (better-sqlite3 turns nested calls into savepoints).
  const inTransaction = db.transaction((fn: () => unknown) => fn());

  const inList = (values: readonly string[]) => values.map(() => '?').join(', ');

  return {
    insertIfNew(c) {
      const info = insert.run({
        id: c.id,
        channel: c.channel,
        externalId: c.externalId,
        queueId: c.queueId,
        status: c.status,
        priority: c.priority,
        subject: c.subject ?? null,
        body: c.body ?? null,
        from: JSON.stringify(c.from),
        dueAt: c.dueAt ?? null,
        createdAt: c.createdAt,
      });
      const row = byExternal.get(c.channel, c.externalId);
      if (!row) throw new Error('contact not stored');
      return { contact: fromRow(row), created: info.changes === 1 };
    },
    get(id) {
      const row = byId.get(id);
      return row ? fromRow(row) : undefined;
    },
    update(id, patch, at) {
      const keys = (Object.keys(patch) as (keyof ContactPatch)[]).filter((k) => patch[k] !== undefined);
      if (keys.length === 0) return;
      const sqlKey = keys.join(',');
      let stmt = updates.get(sqlKey);
      if (!stmt) {
        const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ');
        stmt = db.prepare(`UPDATE contacts SET ${sets}, updated_at = @updatedAt WHERE id = @id`);
        updates.set(sqlKey, stmt);
      }
      stmt.run({ ...Object.fromEntries(keys.map((k) => [k, patch[k]])), id, updatedAt: at });
    },
    listByStatus(statuses) {
      return cachedList(`SELECT * FROM contacts WHERE status IN (${inList(statuses)}) ORDER BY created_at`)
        .all(...statuses)
        .map(fromRow);
    },
    listForAgent(agentId, statuses) {
      return cachedList(
        `SELECT * FROM contacts WHERE assigned_agent_id = ? AND status IN (${inList(statuses)}) ORDER BY accepted_at, created_at`,
      )
        .all(agentId, ...statuses)
        .map(fromRow);
    },
    appendEvent(e) {
      return Number(
        insertEvent.run(e.contactId, e.type, e.at, e.agentId ?? null, e.data ? JSON.stringify(e.data) : null)
          .lastInsertRowid,
      );
    },
    events(contactId) {
      return selectEvents.all(contactId).map((r) => ({
        seq: r.seq,
        contactId: r.contact_id,
        type: r.type,
        at: r.at,
        ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
        ...(r.data !== null ? { data: JSON.parse(r.data) as Record<string, unknown> } : {}),
      }));
    },
    appendAgentEvent(e) {
      return Number(
        insertAgentEvent.run(e.agentId, e.type, e.at, e.data ? JSON.stringify(e.data) : null).lastInsertRowid,
      );
    },
    transaction<T>(fn: () => T): T {
      return inTransaction(fn) as T;
    },
    chatAnswerWaits(queueId, since, limit) {
      return answerWaits.all(queueId, since, limit).map((r) => r.w);
    },
    latestOfPartij(partijUuid, { from, to, exceptId }) {
      return latestOfPartij.get(partijUuid, from, to, exceptId);
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
