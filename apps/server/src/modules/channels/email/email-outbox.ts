import { randomUUID } from 'node:crypto';
import type { ContactRecord, ContactsRepository } from '../../contacts/contacts.repository';
import type { MessagesRepository, NewMessage, StoredMessage } from '../../messages/messages.repository';
import {
  MessageRefused,
  type MessagesService,
  type OutboundChannel,
  type SendingAgent,
} from '../../messages/messages.service';
import type { CancelTimer, Clock } from '../../../shared/clock';
import type { Logger } from '../../../shared/logger';
import type { ChannelsConfig } from '../channels.config';
import { classifyDeliveryFailure } from './delivery-failure';
import type { Mailer } from './mailer';
import { composeReply, replySubject } from './reply-template';

/** Automatic attempts for a transient failure (relay away, 4xx): 30 s, 1, 2, 4 and 8 min apart, then `failed`. */
export const MAX_ATTEMPTS = 6;
export const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3600_000;

interface OutgoingMeta {
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  /** `auto-replied` for automatic receipts (RFC 3834); agent replies are `no`. */
  autoSubmitted?: 'auto-replied';
}

/** `Gemeente <kcc@gemeente.nl>` → `gemeente.nl` (for our own Message-IDs). */
export function mailDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'kcc.invalid';
}

/**
 * Agent replies to e-mail (and web form, and "laat een bericht achter") contacts: stored as `pending` with our own
 * Message-ID (so the resident's answer threads back), then handed to KCC_SMTP_RELAY. A transient failure (relay
 * unreachable, 4xx) is retried on the injected clock; a final one (5xx, no relay) is `failed` at once. Every change
 * is pushed to the holder with its classified reason; the medewerker can try a failed message again (`retry`).
 */
export class EmailOutbox implements OutboundChannel {
  private running = false;
  private again = false;
  private stopped = false;
  private cancelTimer: CancelTimer | undefined;
  private readonly domain: string;

  constructor(
    private readonly deps: {
      repo: MessagesRepository;
      contacts: ContactsRepository;
      messages: () => MessagesService;
      mailer: Mailer;
      config: ChannelsConfig;
      log: Logger;
      clock: Clock;
      ratingLinkFor?: (contactId: string) => string;
    },
  ) {
    this.domain = mailDomain(deps.config.mailFrom);
  }

  async prepare(contact: ContactRecord, body: string, agent: SendingAgent): Promise<Partial<NewMessage>> {
    const history = await this.deps.repo.list(contact.id);
    const lastIn = [...history].reverse().find((m) => m.direction === 'in');
    const meta = lastIn?.meta ?? {};
    const replyTo = typeof meta.replyTo === 'string' ? meta.replyTo : undefined;
    const to = replyTo ?? contact.from.email;
    if (to === undefined) throw new MessageRefused('Dit contact heeft geen e-mailadres om op te antwoorden.');
    const earlier = Array.isArray(meta.references)
      ? meta.references.filter((r): r is string => typeof r === 'string')
      : [];
    const references = [...earlier, ...(lastIn?.externalId !== undefined ? [lastIn.externalId] : [])].slice(
      -20,
    );
    const outgoing: OutgoingMeta = {
      to,
      subject: replySubject(typeof meta.subject === 'string' ? meta.subject : contact.subject),
      text: composeReply({
        template: this.deps.config.reply,
        ...(contact.from.name !== undefined ? { residentName: contact.from.name } : {}),
        body,
        agentName: agent.name,
        ...(this.deps.ratingLinkFor ? { ratingLink: this.deps.ratingLinkFor(contact.id) } : {}),
        ...(lastIn
          ? {
              original: {
                text: lastIn.body,
                at: lastIn.at,
                ...(lastIn.fromLabel !== undefined ? { from: lastIn.fromLabel } : {}),
              },
            }
          : {}),
      }),
      ...(lastIn?.externalId !== undefined ? { inReplyTo: lastIn.externalId } : {}),
      ...(references.length > 0 ? { references } : {}),
    };
    return {
      delivery: 'pending',
      externalId: `<${randomUUID()}@${this.domain}>`,
      meta: outgoing as unknown as Record<string, unknown>,
    };
  }

  deliver(): void {
    this.kick();
  }

  /** The medewerker tries a message that did not go out again: a new round of attempts, starting now. */
  async retry(message: StoredMessage): Promise<void> {
    await this.deps.repo.setDelivery(message.id, 'pending', 0, this.deps.clock.now());
    await this.announce(message.id);
    this.kick();
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  /** Process due deliveries now (coalesced). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.process()
      .catch((err: unknown) => this.deps.log.error({ err }, 'e-mail outbox run failed'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async process(): Promise<void> {
    for (;;) {
      const due = await this.deps.repo.dueDeliveries(this.deps.clock.now(), 20);
      if (due.length === 0) break;
      for (const message of due) await this.sendOne(message);
    }
    await this.scheduleNext();
  }

  /** One timer on the clock for the earliest planned retry. */
  private async scheduleNext(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const next = await this.deps.repo.nextDueAt();
    if (next === undefined || this.stopped) return;
    this.cancelTimer = this.deps.clock.setTimer(Math.max(0, next - this.deps.clock.now()), () => this.kick());
  }

  private async sendOne(message: StoredMessage): Promise<void> {
    const meta = message.meta as unknown as OutgoingMeta | undefined;
    const attempts = message.deliveryAttempts + 1;
    if (!meta || message.externalId === undefined) {
      await this.deps.repo.setDelivery(message.id, 'failed', attempts, undefined, {
        reason: 'unknown',
        detail: 'onvolledig bericht',
      });
      return await this.announce(message.id);
    }
    try {
      await this.deps.mailer.send({
        from: this.deps.config.mailFrom,
        to: meta.to,
        subject: meta.subject,
        text: meta.text,
        messageId: message.externalId,
        ...(meta.inReplyTo !== undefined ? { inReplyTo: meta.inReplyTo } : {}),
        ...(meta.references !== undefined ? { references: meta.references } : {}),
        headers: { 'Auto-Submitted': meta.autoSubmitted ?? 'no' },
      });
      await this.deps.repo.setDelivery(message.id, 'sent', attempts);
    } catch (err) {
      const failure = classifyDeliveryFailure(err, this.deps.mailer.available);
      const stored = { reason: failure.reason, detail: failure.detail };
      if (!failure.transient || attempts >= MAX_ATTEMPTS) {
        await this.deps.repo.setDelivery(message.id, 'failed', attempts, undefined, stored);
        this.deps.log.error({ messageId: message.id, ...stored, attempts }, 'e-mail reply not delivered');
      } else {
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
        await this.deps.repo.setDelivery(
          message.id,
          'pending',
          attempts,
          this.deps.clock.now() + delay,
          stored,
        );
        this.deps.log.warn(
          { messageId: message.id, ...stored, attempts },
          'e-mail reply not delivered yet; will retry',
        );
      }
    }
    await this.announce(message.id);
  }

  /** The holder sees the new delivery state (`contact:message-added` again, same id: upsert). */
  private async announce(messageId: string): Promise<void> {
    const stored = await this.deps.repo.get(messageId);
    if (stored) await this.deps.messages().announce(stored.contactId, stored, []);
  }
}
