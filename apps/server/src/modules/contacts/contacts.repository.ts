import type { Channel, Contact, ContactFrom, ContactStatus } from '@kcc/contracts/domain';
import type { Generated, Selectable } from 'kysely';
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
  // Narrow reads of the event logs for the dashboard and the reports (they run no SQL on these tables).
  /** The highest sequence number of each log (0 when empty). */
  eventLogMaxSeqs(): Promise<{ contact: number; agent: number }>;
  /** The first sequence number of each log with `at >= at`, if any. */
  eventLogFirstSeqsAt(at: number): Promise<{ contact?: number; agent?: number }>;
  /**
   * Contact events in log order, `fromSeq <= seq <= toSeq` and, when given, `atFrom <= at < atTo`, a page at a
   * time (paged by seq; the event loop runs between pages). Outside a unit of work only.
   */
  contactEventPages(range: EventLogRange): AsyncGenerator<ContactEventRecord[]>;
  /** Agent events in log order, as `contactEventPages`. */
  agentEventPages(range: EventLogRange): AsyncGenerator<AgentEventRecord[]>;
  /**
   * The events before `beforeSeq`, in log order, of the contacts that have events in [beforeSeq, toSeq] or are
   * open now (paged as `contactEventPages`).
   */
  carriedOverEventPages(beforeSeq: number, toSeq: number): AsyncGenerator<ContactEventRecord[]>;
  /** Each agent's last `presence-changed` before `beforeSeq`, in log order. */
  presenceBefore(beforeSeq: number): Promise<AgentEventRecord[]>;
  /** The events with `at < before` of these contacts, in log order. */
  eventsBefore(contactIds: readonly string[], before: number): Promise<ContactEventRecord[]>;
  /** Queue and channel of these contacts, by id (unknown ids are left out). */
  placements(contactIds: readonly string[]): Promise<Map<string, { queueId: string; channel: Channel }>>;
  /** The first `limit` contacts waiting (new, queued, offered) in a queue: highest priority, then oldest first. */
  waitingInQueue(queueId: string, limit: number): Promise<WaitingContactRecord[]>;
}

export interface EventLogRange {
  fromSeq: number;
  toSeq: number;
  atFrom?: number;
  atTo?: number;
}

export interface AgentEventRecord extends AgentEventInput {
  seq: number;
}

export interface WaitingContactRecord {
  id: string;
  channel: Channel;
  createdAt: number;
  priority: number;
  status: ContactStatus;
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

const OPEN_STATUSES = ['new', 'queued', 'offered', 'assigned', 'nawerk'] as const;
/** Rows per page of an event-log read; ids per `IN (...)` list. */
const EVENT_PAGE = 2000;
const ID_CHUNK = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type ContactEventRow = Selectable<ContactsTables['contact_events']>;
type AgentEventRow = Selectable<ContactsTables['agent_events']>;
const parseData = (data: string | null) =>
  data !== null ? { data: JSON.parse(data) as Record<string, unknown> } : {};

function toContactEventRecord(r: ContactEventRow): ContactEventRecord {
  return {
    seq: Number(r.seq),
    contactId: r.contact_id,
    type: r.type,
    at: Number(r.at),
    ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
    ...parseData(r.data),
  };
}

function toAgentEventRecord(r: AgentEventRow): AgentEventRecord {
  return { seq: Number(r.seq), agentId: r.agent_id, type: r.type, at: Number(r.at), ...parseData(r.data) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Pages of `read(afterSeq)` (each at most EVENT_PAGE rows, in seq order) until one comes back short. */
async function* pagesBySeq<R extends { seq: number }>(
  firstSeq: number,
  read: (fromSeq: number) => Promise<R[]>,
): AsyncGenerator<R[]> {
  let from = firstSeq;
  for (;;) {
    const page = await read(from);
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (page.length < EVENT_PAGE || last === undefined) return;
    from = last.seq + 1;
    await nextTurn();
  }
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
      return rows.map(toContactEventRecord);
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
    async eventLogMaxSeqs() {
      const [c, a] = await Promise.all([
        db
          .selectFrom('contact_events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirst(),
        db
          .selectFrom('agent_events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirst(),
      ]);
      return { contact: Number(c?.m ?? 0), agent: Number(a?.m ?? 0) };
    },
    async eventLogFirstSeqsAt(at) {
      const [c, a] = await Promise.all([
        db
          .selectFrom('contact_events')
          .select((eb) => eb.fn.min('seq').as('m'))
          .where('at', '>=', at)
          .executeTakeFirst(),
        db
          .selectFrom('agent_events')
          .select((eb) => eb.fn.min('seq').as('m'))
          .where('at', '>=', at)
          .executeTakeFirst(),
      ]);
      return {
        ...(c?.m != null ? { contact: Number(c.m) } : {}),
        ...(a?.m != null ? { agent: Number(a.m) } : {}),
      };
    },
    async *contactEventPages({ fromSeq, toSeq, atFrom, atTo }) {
      for await (const rows of pagesBySeq(fromSeq, (from) => {
        let q = db
          .selectFrom('contact_events')
          .selectAll()
          .where('seq', '>=', from)
          .where('seq', '<=', toSeq);
        if (atFrom !== undefined) q = q.where('at', '>=', atFrom);
        if (atTo !== undefined) q = q.where('at', '<', atTo);
        return q.orderBy('seq').limit(EVENT_PAGE).execute();
      })) {
        yield rows.map(toContactEventRecord);
      }
    },
    async *agentEventPages({ fromSeq, toSeq, atFrom, atTo }) {
      for await (const rows of pagesBySeq(fromSeq, (from) => {
        let q = db.selectFrom('agent_events').selectAll().where('seq', '>=', from).where('seq', '<=', toSeq);
        if (atFrom !== undefined) q = q.where('at', '>=', atFrom);
        if (atTo !== undefined) q = q.where('at', '<', atTo);
        return q.orderBy('seq').limit(EVENT_PAGE).execute();
      })) {
        yield rows.map(toAgentEventRecord);
      }
    },
    async *carriedOverEventPages(beforeSeq, toSeq) {
      for await (const rows of pagesBySeq(0, (from) =>
        db
          .selectFrom('contact_events')
          .selectAll()
          .where('seq', '>=', from)
          .where('seq', '<', beforeSeq)
          .where('contact_id', 'in', (eb) =>
            eb
              .selectFrom('contact_events as later')
              .select('later.contact_id')
              .where('later.seq', '>=', beforeSeq)
              .where('later.seq', '<=', toSeq)
              .union(
                eb
                  .selectFrom('contacts')
                  .select('contacts.id as contact_id')
                  .where('status', 'in', OPEN_STATUSES),
              ),
          )
          .orderBy('seq')
          .limit(EVENT_PAGE)
          .execute(),
      )) {
        yield rows.map(toContactEventRecord);
      }
    },
    async presenceBefore(beforeSeq) {
      const rows = await db
        .selectFrom('agent_events')
        .selectAll()
        .where('seq', 'in', (eb) =>
          eb
            .selectFrom('agent_events as earlier')
            .select((e) => e.fn.max('earlier.seq').as('seq'))
            .where('earlier.type', '=', 'presence-changed')
            .where('earlier.seq', '<', beforeSeq)
            .groupBy('earlier.agent_id'),
        )
        .orderBy('seq')
        .execute();
      return rows.map(toAgentEventRecord);
    },
    async eventsBefore(contactIds, before) {
      const out: ContactEventRecord[] = [];
      for (const ids of chunks(contactIds, ID_CHUNK)) {
        const rows = await db
          .selectFrom('contact_events')
          .selectAll()
          .where('contact_id', 'in', ids)
          .where('at', '<', before)
          .orderBy('seq')
          .execute();
        out.push(...rows.map(toContactEventRecord));
      }
      // Chunks each come in log order; together too.
      return contactIds.length > ID_CHUNK ? out.sort((x, y) => x.seq - y.seq) : out;
    },
    async placements(contactIds) {
      const out = new Map<string, { queueId: string; channel: Channel }>();
      for (const ids of chunks(contactIds, ID_CHUNK)) {
        const rows = await db
          .selectFrom('contacts')
          .select(['id', 'queue_id', 'channel'])
          .where('id', 'in', ids)
          .execute();
        for (const r of rows) out.set(r.id, { queueId: r.queue_id, channel: r.channel as Channel });
      }
      return out;
    },
    async waitingInQueue(queueId, limit) {
      const rows = await db
        .selectFrom('contacts')
        .select(['id', 'channel', 'created_at', 'priority', 'status'])
        .where('queue_id', '=', queueId)
        .where('status', 'in', ['new', 'queued', 'offered'])
        .orderBy('priority', 'desc')
        .orderBy('created_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        channel: r.channel as Channel,
        createdAt: Number(r.created_at),
        priority: r.priority,
        status: r.status as ContactStatus,
      }));
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
