import type { Channel } from '@kcc/contracts/domain';
import { sql, type Generated, type Insertable, type RawBuilder } from 'kysely';
import type { StoreMigration } from '../../store/migration';
import type { Store } from '../../store/store';
import { isUniqueViolation } from '../../store/unique-violation';

export const messagesMigrations: StoreMigration[] = [
  {
    id: 'messages/001_messages_and_attachments',
    sqlite: `
      CREATE TABLE contact_messages (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        channel TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'uit')),
        body TEXT NOT NULL,
        html TEXT,
        from_label TEXT,
        agent_id TEXT,
        at INTEGER NOT NULL,
        -- E-mail Message-ID of an incoming or outgoing message (threading, duplicate deliveries).
        external_id TEXT,
        -- Outgoing e-mail: pending → sent | failed; chat: delivered.
        delivery TEXT,
        delivery_attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        meta TEXT
      );
      CREATE INDEX contact_messages_contact ON contact_messages (contact_id, n);
      CREATE UNIQUE INDEX contact_messages_external ON contact_messages (channel, external_id)
        WHERE external_id IS NOT NULL;
      CREATE INDEX contact_messages_external_any ON contact_messages (external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX contact_messages_pending ON contact_messages (next_attempt_at) WHERE delivery = 'pending';

      CREATE TABLE contact_attachments (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        message_id TEXT NOT NULL REFERENCES contact_messages(id),
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        stored_path TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX contact_attachments_message ON contact_attachments (message_id);
    `,
    // No foreign key to contacts: that table belongs to the contacts module (docs/decisions.md, issue 10 §2).
    postgres: `
      CREATE TABLE contact_messages (
        -- The order of a contact's messages, the same on both stores (SQLite: INTEGER PRIMARY KEY AUTOINCREMENT).
        n BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        contact_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'uit')),
        body TEXT NOT NULL,
        html TEXT,
        from_label TEXT,
        agent_id TEXT,
        at BIGINT NOT NULL,
        external_id TEXT,
        delivery TEXT,
        delivery_attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT,
        meta TEXT
      );
      CREATE INDEX contact_messages_contact ON contact_messages (contact_id, n);
      CREATE UNIQUE INDEX contact_messages_external ON contact_messages (channel, external_id)
        WHERE external_id IS NOT NULL;
      CREATE INDEX contact_messages_external_any ON contact_messages (external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX contact_messages_pending ON contact_messages (next_attempt_at) WHERE delivery = 'pending';

      CREATE TABLE contact_attachments (
        id TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        message_id TEXT NOT NULL REFERENCES contact_messages(id),
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        stored_path TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX contact_attachments_message ON contact_attachments (message_id);
      CREATE INDEX contact_attachments_contact ON contact_attachments (contact_id);
    `,
  },
  {
    id: 'messages/002_delivery_revision',
    sqlite: `
      -- Grows with every delivery change, so a client keeps the newest of two views of one message.
      ALTER TABLE contact_messages ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    `,
    postgres: `
      ALTER TABLE contact_messages ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    `,
  },
];

export type Delivery = 'pending' | 'sent' | 'failed' | 'delivered';

export interface StoredMessage {
  id: string;
  contactId: string;
  channel: Channel;
  direction: 'in' | 'uit';
  body: string;
  html?: string;
  fromLabel?: string;
  agentId?: string;
  at: number;
  externalId?: string;
  delivery?: Delivery;
  deliveryAttempts: number;
  nextAttemptAt?: number;
  revision?: number;
  meta?: Record<string, unknown>;
}

/** Why the last delivery attempt failed (kept in `meta.deliveryFailure` until the message is sent). */
export interface StoredDeliveryFailure {
  reason: string;
  detail: string;
}

export interface StoredAttachment {
  id: string;
  contactId: string;
  messageId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  storedPath: string;
  at: number;
}

export type NewMessage = Omit<StoredMessage, 'deliveryAttempts'> & { deliveryAttempts?: number };

/** A message with this channel's e-mail Message-ID is stored already (two deliveries of one mail at once). */
export class DuplicateExternalId extends Error {
  override name = 'DuplicateExternalId';
}

export interface MessagesRepository {
  /**
   * Store a message with its attachments, in one unit of work (a savepoint inside the caller's). Messages of a
   * contact are listed in the order they were added. Rejects with `DuplicateExternalId` when the channel has a
   * message with this `externalId`.
   */
  add(
    message: NewMessage,
    attachments?: readonly Omit<StoredAttachment, 'contactId' | 'messageId'>[],
  ): Promise<StoredMessage>;
  get(id: string): Promise<StoredMessage | undefined>;
  list(contactId: string): Promise<StoredMessage[]>;
  /** The messages of several contacts (reports), each contact's in the order they were added. */
  listFor(contactIds: readonly string[]): Promise<StoredMessage[]>;
  /** The first stored message (any channel) with one of these e-mail Message-IDs, in the given order (threading). */
  findByExternalIds(externalIds: readonly string[]): Promise<StoredMessage | undefined>;
  /** A new delivery state (revision + 1); `failure` is kept until the message is sent. */
  setDelivery(
    id: string,
    delivery: Delivery,
    attempts: number,
    nextAttemptAt?: number,
    failure?: StoredDeliveryFailure,
  ): Promise<void>;
  /** Outgoing messages whose next delivery attempt is due. */
  dueDeliveries(now: number, limit: number): Promise<StoredMessage[]>;
  /** When the earliest pending delivery is due, if any. */
  nextDueAt(): Promise<number | undefined>;
  /**
   * A medewerker's outgoing messages of this contact that did not go out: `failed`, or `pending` after a failed
   * attempt (automatic receipts are not replies and do not count).
   */
  undelivered(contactId: string): Promise<StoredMessage[]>;
  attachments(contactId: string): Promise<StoredAttachment[]>;
  attachment(contactId: string, id: string): Promise<StoredAttachment | undefined>;
}

interface Row {
  id: string;
  contact_id: string;
  channel: string;
  direction: 'in' | 'uit';
  body: string;
  html: string | null;
  from_label: string | null;
  agent_id: string | null;
  at: number;
  external_id: string | null;
  delivery: Delivery | null;
  delivery_attempts: number;
  next_attempt_at: number | null;
  revision: number;
  meta: string | null;
}

interface AttachmentRow {
  id: string;
  contact_id: string;
  message_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  stored_path: string;
  at: number;
}

/** The tables this module owns on the async store. */
export interface MessagesTables {
  /** `n`: the order of insertion (SQLite AUTOINCREMENT, PostgreSQL identity). */
  contact_messages: Omit<Row, 'revision'> & { n: Generated<number>; revision: Generated<number> };
  contact_attachments: AttachmentRow;
}

const MESSAGE_COLUMNS = [
  'id',
  'contact_id',
  'channel',
  'direction',
  'body',
  'html',
  'from_label',
  'agent_id',
  'at',
  'external_id',
  'delivery',
  'delivery_attempts',
  'next_attempt_at',
  'revision',
  'meta',
] as const;

function fromRow(r: Row): StoredMessage {
  return {
    id: r.id,
    contactId: r.contact_id,
    channel: r.channel as Channel,
    direction: r.direction,
    body: r.body,
    at: r.at,
    deliveryAttempts: r.delivery_attempts,
    revision: r.revision,
    ...(r.html !== null ? { html: r.html } : {}),
    ...(r.from_label !== null ? { fromLabel: r.from_label } : {}),
    ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
    ...(r.external_id !== null ? { externalId: r.external_id } : {}),
    ...(r.delivery !== null ? { delivery: r.delivery } : {}),
    ...(r.next_attempt_at !== null ? { nextAttemptAt: r.next_attempt_at } : {}),
    ...(r.meta !== null ? { meta: JSON.parse(r.meta) as Record<string, unknown> } : {}),
  };
}

const attachmentFromRow = (r: AttachmentRow): StoredAttachment => ({
  id: r.id,
  contactId: r.contact_id,
  messageId: r.message_id,
  filename: r.filename,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  storedPath: r.stored_path,
  at: r.at,
});

/** `meta` (JSON text) without, or with a new, `deliveryFailure`: the only JSON the two stores write differently. */
function metaExpressions(store: Store): {
  withoutFailure: RawBuilder<string>;
  withFailure: (failure: string) => RawBuilder<string>;
} {
  return store.dialect === 'sqlite'
    ? {
        withoutFailure: sql<string>`json_remove(COALESCE(meta, '{}'), '$.deliveryFailure')`,
        withFailure: (failure) =>
          sql<string>`json_set(COALESCE(meta, '{}'), '$.deliveryFailure', json(${failure}))`,
      }
    : {
        withoutFailure: sql<string>`(COALESCE(meta, '{}')::jsonb - 'deliveryFailure')::text`,
        withFailure: (failure) =>
          sql<string>`jsonb_set(COALESCE(meta, '{}')::jsonb, '{deliveryFailure}', CAST(${failure} AS jsonb))::text`,
      };
}

export function createMessagesRepository(store: Store): MessagesRepository {
  const db = store.kysely<MessagesTables>();
  const meta = metaExpressions(store);
  const messages = () => db.selectFrom('contact_messages').select(MESSAGE_COLUMNS);

  /** The message row and its attachments: all stored, or none. */
  const insert = async (
    row: Insertable<MessagesTables['contact_messages']>,
    attachments: readonly Omit<StoredAttachment, 'contactId' | 'messageId'>[],
  ) => {
    if (attachments.length === 0) {
      await db.insertInto('contact_messages').values(row).execute();
      return;
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('contact_messages').values(row).execute();
      await trx
        .insertInto('contact_attachments')
        .values(
          attachments.map((a) => ({
            id: a.id,
            contact_id: row.contact_id,
            message_id: row.id,
            filename: a.filename,
            content_type: a.contentType,
            size: a.size,
            sha256: a.sha256,
            stored_path: a.storedPath,
            at: a.at,
          })),
        )
        .execute();
    });
  };

  return {
    async add(m, attachments = []) {
      const row = {
        id: m.id,
        contact_id: m.contactId,
        channel: m.channel,
        direction: m.direction,
        body: m.body,
        html: m.html ?? null,
        from_label: m.fromLabel ?? null,
        agent_id: m.agentId ?? null,
        at: m.at,
        external_id: m.externalId ?? null,
        delivery: m.delivery ?? null,
        delivery_attempts: m.deliveryAttempts ?? 0,
        next_attempt_at: m.nextAttemptAt ?? null,
        meta: m.meta ? JSON.stringify(m.meta) : null,
      };
      try {
        await insert(row, attachments);
      } catch (err) {
        if (m.externalId !== undefined && isUniqueViolation(err)) throw new DuplicateExternalId(m.externalId);
        throw err;
      }
      return { ...m, deliveryAttempts: m.deliveryAttempts ?? 0 };
    },
    async get(id) {
      const row = await messages().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async list(contactId) {
      const rows = await messages().where('contact_id', '=', contactId).orderBy('n').execute();
      return rows.map(fromRow);
    },
    async listFor(contactIds) {
      if (contactIds.length === 0) return [];
      const rows = await messages()
        .where('contact_id', 'in', [...new Set(contactIds)])
        .orderBy('n')
        .execute();
      return rows.map(fromRow);
    },
    async findByExternalIds(externalIds) {
      if (externalIds.length === 0) return undefined;
      const rows = await messages()
        .where('external_id', 'in', [...externalIds])
        .orderBy('n')
        .execute();
      for (const id of externalIds) {
        const row = rows.find((r) => r.external_id === id);
        if (row) return fromRow(row);
      }
      return undefined;
    },
    async setDelivery(id, delivery, attempts, nextAttemptAt, failure) {
      await db
        .updateTable('contact_messages')
        .set((eb) => ({
          delivery,
          delivery_attempts: attempts,
          next_attempt_at: nextAttemptAt ?? null,
          revision: eb('revision', '+', 1),
          ...(delivery === 'sent'
            ? { meta: meta.withoutFailure }
            : failure
              ? { meta: meta.withFailure(JSON.stringify(failure)) }
              : {}),
        }))
        .where('id', '=', id)
        .execute();
    },
    async dueDeliveries(now, limit) {
      const rows = await messages()
        .where('delivery', '=', 'pending')
        .where(sql<number>`COALESCE(next_attempt_at, 0)`, '<=', now)
        .orderBy('n')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async nextDueAt() {
      const row = await db
        .selectFrom('contact_messages')
        .select(sql<number | null>`MIN(COALESCE(next_attempt_at, 0))`.as('due'))
        .where('delivery', '=', 'pending')
        .executeTakeFirst();
      return row?.due ?? undefined;
    },
    async undelivered(contactId) {
      const rows = await messages()
        .where('contact_id', '=', contactId)
        .where('direction', '=', 'uit')
        .where('agent_id', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('delivery', '=', 'failed'),
            eb.and([eb('delivery', '=', 'pending'), eb('delivery_attempts', '>', 0)]),
          ]),
        )
        .orderBy('n')
        .execute();
      return rows.map(fromRow);
    },
    async attachments(contactId) {
      const rows = await db
        .selectFrom('contact_attachments')
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map(attachmentFromRow);
    },
    async attachment(contactId, id) {
      const row = await db
        .selectFrom('contact_attachments')
        .selectAll()
        .where('contact_id', '=', contactId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? attachmentFromRow(row) : undefined;
    },
  };
}
