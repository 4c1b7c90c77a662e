import { randomUUID } from 'node:crypto';
import type { Channel } from '@kcc/contracts/domain';
import {
  DeliveryFailureReason,
  type AgentChannelServerToClientEvents,
  type AttachmentView,
  type MessageView,
} from '@kcc/contracts/channels';
import type { ContactRecord, ContactsRepository } from '../contacts/contacts.repository';
import type { Logger } from '../../shared/logger';
import type { MessagesRepository, NewMessage, StoredAttachment, StoredMessage } from './messages.repository';

/** Push one event to every window of one agent (`/agent`, room `agent:<id>`). */
export type AgentPush = <E extends keyof AgentChannelServerToClientEvents>(
  agentId: string,
  event: E,
  payload: Parameters<AgentChannelServerToClientEvents[E]>[0],
) => void;

export interface SendingAgent {
  id: string;
  name: string;
}

/** A message cannot go out in this contact's channel right now (409 problem). */
export class MessageRefused extends Error {
  override name = 'MessageRefused';
}

/** No such message in this contact (404 problem). */
export class MessageNotFound extends Error {
  override name = 'MessageNotFound';
}

/** How a channel sends an agent's message; registered by the channel adapter. */
export interface OutboundChannel {
  /** Before the message is stored: refuse (throw MessageRefused) or add delivery fields. */
  prepare(
    contact: ContactRecord,
    body: string,
    agent: SendingAgent,
  ): Partial<NewMessage> | Promise<Partial<NewMessage>>;
  /** After the message is stored: deliver it (or hand it to an outbox). Must not throw. */
  deliver(contact: ContactRecord, message: StoredMessage, agent: SendingAgent): void | Promise<void>;
  /** Try an outgoing message that did not go out again (channels with an outbox). */
  retry?(message: StoredMessage): void | Promise<void>;
}

export interface InboundMessageInput {
  body: string;
  html?: string;
  fromLabel?: string;
  externalId?: string;
  meta?: Record<string, unknown>;
  at?: number;
}

const HOLDING: ReadonlySet<string> = new Set(['assigned', 'nawerk']);

/** Messages of a contact: stored before anything is acknowledged, pushed to the agent who holds the contact. */
export class MessagesService {
  private readonly outbound = new Map<Channel, OutboundChannel>();

  constructor(
    private readonly repo: MessagesRepository,
    private readonly contacts: ContactsRepository,
    private readonly deps: { push: AgentPush; log: Logger; userName: (id: string) => string | undefined },
  ) {}

  registerOutbound(channels: readonly Channel[], handler: OutboundChannel): void {
    for (const c of channels) this.outbound.set(c, handler);
  }

  /**
   * Store an incoming message with its attachments. Awaits only the store, so it may run inside the unit of work
   * that creates the contact (its first message); the agent hears of it after that has committed.
   */
  async addInbound(
    contact: ContactRecord,
    input: InboundMessageInput,
    attachments: Omit<StoredAttachment, 'contactId' | 'messageId'>[] = [],
  ): Promise<StoredMessage> {
    const message = await this.repo.add(
      {
        id: randomUUID(),
        contactId: contact.id,
        channel: contact.channel,
        direction: 'in',
        body: input.body,
        at: input.at ?? Date.now(),
        ...(input.html !== undefined ? { html: input.html } : {}),
        ...(input.fromLabel !== undefined ? { fromLabel: input.fromLabel } : {}),
        ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
        ...(input.meta !== undefined ? { meta: input.meta } : {}),
      },
      attachments,
    );
    const stored = attachments.map((a) => ({ ...a, contactId: contact.id, messageId: message.id }));
    // After the (possibly outer) unit of work has committed.
    setImmediate(() => void this.announce(contact.id, message, stored));
    return message;
  }

  /** An agent's message: stored, then sent in the contact's own channel. */
  async send(contact: ContactRecord, agent: SendingAgent, body: string): Promise<StoredMessage> {
    const handler = this.outbound.get(contact.channel);
    if (!handler) throw new MessageRefused(`Via kanaal ${contact.channel} kunt u geen bericht sturen.`);
    const extra = await handler.prepare(contact, body, agent);
    const message = await this.repo.add({
      id: randomUUID(),
      contactId: contact.id,
      channel: contact.channel,
      direction: 'uit',
      body,
      at: Date.now(),
      agentId: agent.id,
      fromLabel: agent.name,
      ...extra,
    });
    try {
      await handler.deliver(contact, message, agent);
    } catch (err) {
      this.deps.log.error({ err, contactId: contact.id }, 'delivering a message failed');
    }
    const current = (await this.repo.get(message.id)) ?? message;
    await this.announce(contact.id, current, []);
    return current;
  }

  /**
   * The holder tries an outgoing message that did not go out again: `failed`, or `pending` after a failed attempt
   * (not waiting for the next automatic one). A sent or in-flight message is refused.
   */
  async retry(contact: ContactRecord, messageId: string): Promise<StoredMessage> {
    const message = await this.repo.get(messageId);
    if (!message || message.contactId !== contact.id || message.direction !== 'uit')
      throw new MessageNotFound('Dit bericht bestaat niet.');
    const handler = this.outbound.get(message.channel);
    const undelivered =
      message.delivery === 'failed' || (message.delivery === 'pending' && message.deliveryAttempts > 0);
    if (!handler?.retry || !undelivered)
      throw new MessageRefused('Dit bericht hoeft niet opnieuw verstuurd te worden.');
    await handler.retry(message);
    return (await this.repo.get(message.id)) ?? message;
  }

  /** The messages of a contact, in the order they were stored. */
  list(contactId: string): Promise<StoredMessage[]> {
    return this.repo.list(contactId);
  }

  async views(contactId: string): Promise<MessageView[]> {
    const byMessage = new Map<string, StoredAttachment[]>();
    for (const a of await this.repo.attachments(contactId)) {
      const list = byMessage.get(a.messageId) ?? [];
      list.push(a);
      byMessage.set(a.messageId, list);
    }
    return (await this.repo.list(contactId)).map((m) => this.view(m, byMessage.get(m.id) ?? []));
  }

  /** One message as the workplace shows it, with the attachments stored with it. */
  async viewOf(m: StoredMessage): Promise<MessageView> {
    const attachments = (await this.repo.attachments(m.contactId)).filter((a) => a.messageId === m.id);
    return this.view(m, attachments);
  }

  view(m: StoredMessage, attachments: readonly StoredAttachment[]): MessageView {
    const agentName = m.agentId !== undefined ? (this.deps.userName(m.agentId) ?? m.fromLabel) : undefined;
    return {
      id: m.id,
      direction: m.direction,
      body: m.body,
      at: new Date(m.at).toISOString(),
      ...(m.fromLabel !== undefined ? { from: m.fromLabel } : {}),
      ...(m.html !== undefined ? { html: m.html } : {}),
      ...(attachments.length > 0 ? { attachments: attachments.map((a) => attachmentView(a)) } : {}),
      ...(m.delivery !== undefined ? { delivery: m.delivery } : {}),
      ...deliveryFailureView(m),
      ...(m.revision !== undefined ? { revision: m.revision } : {}),
      ...(agentName !== undefined ? { agentName } : {}),
    };
  }

  /** Tell the agent holding the contact (all windows). Never throws. */
  async announce(
    contactId: string,
    message: StoredMessage,
    attachments: readonly StoredAttachment[],
  ): Promise<void> {
    try {
      const contact = await this.contacts.get(contactId);
      if (!contact?.assignedAgentId || !HOLDING.has(contact.status)) return;
      this.deps.push(contact.assignedAgentId, 'contact:message-added', {
        contactId,
        message: this.view(message, attachments),
      });
    } catch (err) {
      this.deps.log.warn({ err, contactId }, 'message push failed');
    }
  }
}

/** The last failure of a message that has not gone out: `failed`, or `pending` with a retry planned. */
function deliveryFailureView(m: StoredMessage): Pick<MessageView, 'deliveryFailure'> {
  const stored = m.meta?.deliveryFailure as { reason?: unknown; detail?: unknown } | undefined;
  const reason = DeliveryFailureReason.safeParse(stored?.reason);
  const undelivered = m.delivery === 'failed' || (m.delivery === 'pending' && m.deliveryAttempts > 0);
  if (!undelivered || !reason.success) return {};
  return {
    deliveryFailure: {
      reason: reason.data,
      attempts: m.deliveryAttempts,
      ...(typeof stored?.detail === 'string' ? { detail: stored.detail } : {}),
      ...(m.delivery === 'pending' && m.nextAttemptAt !== undefined
        ? { nextAttemptAt: new Date(m.nextAttemptAt).toISOString() }
        : {}),
    },
  };
}

export function attachmentView(a: StoredAttachment): AttachmentView {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    url: `/api/contacts/${encodeURIComponent(a.contactId)}/attachments/${encodeURIComponent(a.id)}`,
  };
}
