import type { Channel } from '@kcc/contracts/domain';
import type { Db } from '../../store/db';
import type { Migration } from '../../store/migration';

export const messagesMigrations: Migration[] = [
  {
    id: 'messages/001_messages_and_attachments',
    sql: `
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
  },
  {
    id: 'messages/002_delivery_revision',
    sql: `
      -- Grows with every delivery change, so a client keeps the newest of two views of one message.
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

export interface MessagesRepository {
  add(message: NewMessage): StoredMessage;
  get(id: string): StoredMessage | undefined;
  list(contactId: string): StoredMessage[];
  /** The first stored message (any channel) with one of these e-mail Message-IDs, in the given order (threading). */
  findByExternalIds(externalIds: readonly string[]): StoredMessage | undefined;
  /** A new delivery state (revision + 1); `failure` is kept until the message is sent. */
  setDelivery(
    id: string,
    delivery: Delivery,
    attempts: number,
    nextAttemptAt?: number,
    failure?: StoredDeliveryFailure,
  ): void;
  /** Outgoing messages whose next delivery attempt is due. */
  dueDeliveries(now: number, limit: number): StoredMessage[];
  /** When the earliest pending delivery is due, if any. */
  nextDueAt(): number | undefined;
  /**
   * A medewerker's outgoing messages of this contact that did not go out: `failed`, or `pending` after a failed
   * attempt (automatic receipts are not replies and do not count).
   */
  undelivered(contactId: string): StoredMessage[];
  addAttachment(a: StoredAttachment): void;
  attachments(contactId: string): StoredAttachment[];
  attachment(contactId: string, id: string): StoredAttachment | undefined;
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

export function createSqliteMessagesRepository(db: Db): MessagesRepository {
  const insert = db.prepare(
    `INSERT INTO contact_messages (id, contact_id, channel, direction, body, html, from_label, agent_id, at, external_id,
       delivery, delivery_attempts, next_attempt_at, meta)
     VALUES (@id, @contactId, @channel, @direction, @body, @html, @fromLabel, @agentId, @at, @externalId,
       @delivery, @deliveryAttempts, @nextAttemptAt, @meta)`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM contact_messages WHERE id = ?');
  const byContact = db.prepare<[string], Row>(
    'SELECT * FROM contact_messages WHERE contact_id = ? ORDER BY n',
  );
  const byExternal = db.prepare<[string], Row>(
    'SELECT * FROM contact_messages WHERE external_id = ? ORDER BY n LIMIT 1',
  );
  const updateDelivery = db.prepare(
    `UPDATE contact_messages SET delivery = @delivery, delivery_attempts = @attempts,
       next_attempt_at = @nextAttemptAt, revision = revision + 1,
       meta = CASE
         WHEN @delivery = 'sent' THEN json_remove(COALESCE(meta, '{}'), '$.deliveryFailure')
         WHEN @failure IS NULL THEN meta
         ELSE json_set(COALESCE(meta, '{}'), '$.deliveryFailure', json(@failure)) END
     WHERE id = @id`,
  );
  const earliestDue = db.prepare<[], { due: number | null }>(
    `SELECT MIN(COALESCE(next_attempt_at, 0)) AS due FROM contact_messages WHERE delivery = 'pending'`,
  );
  const undeliveredOf = db.prepare<[string], Row>(
    `SELECT * FROM contact_messages WHERE contact_id = ? AND direction = 'uit' AND agent_id IS NOT NULL
       AND (delivery = 'failed' OR (delivery = 'pending' AND delivery_attempts > 0)) ORDER BY n`,
  );
  const due = db.prepare<[number, number], Row>(
    `SELECT * FROM contact_messages WHERE delivery = 'pending' AND COALESCE(next_attempt_at, 0) <= ?
     ORDER BY n LIMIT ?`,
  );
  const insertAttachment = db.prepare(
    `INSERT INTO contact_attachments (id, contact_id, message_id, filename, content_type, size, sha256, stored_path, at)
     VALUES (@id, @contactId, @messageId, @filename, @contentType, @size, @sha256, @storedPath, @at)`,
  );
  const attachmentsOf = db.prepare<[string], AttachmentRow>(
    'SELECT * FROM contact_attachments WHERE contact_id = ? ORDER BY at, id',
  );
  const attachmentById = db.prepare<[string, string], AttachmentRow>(
    'SELECT * FROM contact_attachments WHERE contact_id = ? AND id = ?',
  );

  return {
    add(m) {
      insert.run({
        id: m.id,
        contactId: m.contactId,
        channel: m.channel,
        direction: m.direction,
        body: m.body,
        html: m.html ?? null,
        fromLabel: m.fromLabel ?? null,
        agentId: m.agentId ?? null,
        at: m.at,
        externalId: m.externalId ?? null,
        delivery: m.delivery ?? null,
        deliveryAttempts: m.deliveryAttempts ?? 0,
        nextAttemptAt: m.nextAttemptAt ?? null,
        meta: m.meta ? JSON.stringify(m.meta) : null,
      });
      return { ...m, deliveryAttempts: m.deliveryAttempts ?? 0 };
    },
    get(id) {
      const row = byId.get(id);
      return row ? fromRow(row) : undefined;
    },
    list(contactId) {
      return byContact.all(contactId).map(fromRow);
    },
    findByExternalIds(externalIds) {
      for (const id of externalIds) {
        const row = byExternal.get(id);
        if (row) return fromRow(row);
      }
      return undefined;
    },
    setDelivery(id, delivery, attempts, nextAttemptAt, failure) {
      updateDelivery.run({
        id,
        delivery,
        attempts,
        nextAttemptAt: nextAttemptAt ?? null,
        failure: failure ? JSON.stringify(failure) : null,
      });
    },
    dueDeliveries(now, limit) {
      return due.all(now, limit).map(fromRow);
    },
    nextDueAt() {
      return earliestDue.get()?.due ?? undefined;
    },
    undelivered(contactId) {
      return undeliveredOf.all(contactId).map(fromRow);
    },
    addAttachment(a) {
      insertAttachment.run(a);
    },
    attachments(contactId) {
      return attachmentsOf.all(contactId).map(attachmentFromRow);
    },
    attachment(contactId, id) {
      const row = attachmentById.get(contactId, id);
      return row ? attachmentFromRow(row) : undefined;
    },
  };
}
