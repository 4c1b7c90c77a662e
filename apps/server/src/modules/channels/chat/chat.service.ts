import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Contact } from '@kcc/contracts/domain';
import {
  CITIZEN_ERRORS,
  type ChatAvailability,
  type ChatLeaveMessagePayload,
  type ChatLeftMessage,
  type ChatResumed,
  type ChatStartPayload,
  type ChatStarted,
  type ChatTranscriptLine,
  type CitizenServerToClientEvents,
} from '@kcc/contracts/channels';
import { ACK_ERRORS, type Ack } from '@kcc/contracts/realtime';
import type { ContactRecord, ContactsRepository } from '../../contacts/contacts.repository';
import { InboundError, type InboundService } from '../../contacts/inbound.service';
import type { AgentPush, MessagesService, OutboundChannel } from '../../messages/messages.service';
import { MessageRefused } from '../../messages/messages.service';
import type { Clock } from '../../../shared/clock';
import type { Logger } from '../../../shared/logger';
import type { RoutingService } from '../../routing/routing.service';
import { isOpenAt, openingHoursLabel, type ChannelsConfig } from '../channels.config';
import type { Mailer } from '../email/mailer';
import type { CallbackService } from '../terugbelverzoek/callback.service';
import type { ChatRepository, Conversation } from './chat.repository';
import { memoryRateLimitStore, RateLimiter, type RateLimitStore } from '../../rate-limit';
import { transcriptMail } from './transcript-mail';

/** Sends to every socket of one conversation (room `chat:<conversationId>` on `/citizen`). */
export interface CitizenEmitter {
  emit<E extends keyof CitizenServerToClientEvents>(
    conversationId: string,
    event: E,
    payload: Parameters<CitizenServerToClientEvents[E]>[0],
  ): void;
}

/** When no answer history exists yet: assume a chat is picked up in a minute. */
const DEFAULT_ANSWER_SECONDS = 60;
const ANSWER_HISTORY = 50;
const REMEMBERED_CONVERSATIONS = 5_000;
const WAITING: ReadonlySet<string> = new Set(['new', 'queued', 'offered']);

export const conversationRoom = (conversationId: string) => `chat:${conversationId}`;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Residents see the medewerker's first name only. */
export function displayName(fullName: string | undefined): string {
  const first = (fullName ?? '').trim().split(/\s+/)[0];
  return first !== undefined && first !== '' ? first : 'Medewerker';
}

/**
 * The citizen chat: translates widget events into contacts and messages, and agent messages back into the chat.
 * No routing logic here: a chat is an inbound contact like any other.
 */
export class ChatService implements OutboundChannel {
  private emitter: CitizenEmitter = { emit: () => undefined };
  private readonly conversationByContact = new Map<string, string>();
  private readonly lastQueuePush = new Map<string, string>();
  /**
   * The conversation of each chat contact this instance loaded (null: the contact has none). `prepare` reads it:
   * the messages service asks synchronously, before it stores an agent's message.
   */
  private readonly conversations = new Map<string, Conversation | null>();
  /** Conversations being stored by `start`, per contact: a lookup meanwhile (the offer went out) waits for it. */
  private readonly starting = new Map<string, Promise<void>>();
  private readonly messageLimiter: RateLimiter;
  private ticker: NodeJS.Timeout | undefined;
  private readonly stopHooks: (() => void)[] = [];

  constructor(
    private readonly deps: {
      repo: ChatRepository;
      contacts: ContactsRepository;
      inbound: InboundService;
      messages: MessagesService;
      routing: RoutingService;
      callbacks: CallbackService;
      mailer: Mailer;
      push: AgentPush;
      config: ChannelsConfig;
      log: Logger;
      /** The time of the chat's records (start, end, rating, answer history). */
      clock: Clock;
      userName: (id: string) => string | undefined;
      /** A chat started with a valid DigiD token: written in the contact's creating unit of work. */
      onAuthenticated?: (contactId: string, at: number) => Promise<void>;
      /** Where the counters live (default: this process's memory; in a cluster: Redis). */
      rateLimitStore?: RateLimitStore;
    },
  ) {
    this.messageLimiter = new RateLimiter(
      deps.rateLimitStore ?? memoryRateLimitStore,
      'chat-message',
      deps.config.chatMessagesPerMinute,
      60_000,
    );
  }

  bindEmitter(emitter: CitizenEmitter): void {
    this.emitter = emitter;
  }

  startTicker(): void {
    this.ticker = setInterval(() => {
      this.pushQueuePositions().catch((err: unknown) => {
        this.deps.log.error({ err }, 'chat queue push failed');
      });
    }, this.deps.config.chatQueuePushMs);
    this.ticker.unref();
  }

  stop(): void {
    clearInterval(this.ticker);
    for (const hook of this.stopHooks.splice(0)) hook();
  }

  /** Run `hook` when the service stops (timers of the citizen namespace). */
  onStop(hook: () => void): void {
    this.stopHooks.push(hook);
  }

  // ------------------------------------------------------------------ resident side

  availability(queue?: string, now = this.deps.clock.now()): ChatAvailability {
    const { config, routing } = this.deps;
    const open = isOpenAt(config.chatHours, now, config.calendar);
    const queueId = queue ?? routing.defaultQueueFor('chat');
    const onDuty =
      queueId !== undefined && routing.queueServes(queueId, 'chat')
        ? routing.agentsOnDuty(queueId, 'chat')
        : 0;
    const available = open && onDuty > 0;
    return {
      available,
      open,
      ...(!open
        ? { reason: 'gesloten' as const }
        : !available
          ? { reason: 'geen-medewerkers' as const }
          : {}),
      openingHours: openingHoursLabel(config.chatHours),
    };
  }

  /** `digid`: the BSN of a DigiD token the caller verified. */
  async start(payload: ChatStartPayload, digid?: { bsn: string }): Promise<Ack<ChatStarted>> {
    const availability = this.availability(payload.queue);
    if (!availability.available) return { ok: false, error: CITIZEN_ERRORS.unavailable };
    const conversationId = randomUUID();
    const resumeToken = randomBytes(32).toString('base64url');
    // The conversation (and a DigiD login's identificatie) are written in the contact's unit of work: a chat
    // contact never exists without them. The callback's promise is awaited there once the contacts store is async;
    // until then right after it.
    let written: Promise<void> | undefined;
    try {
      const { contact } = await this.deps.inbound.receive(
        {
          channel: 'chat',
          externalId: conversationId,
          from: {
            ...(payload.name !== undefined ? { name: payload.name } : {}),
            ...(payload.email !== undefined ? { email: payload.email } : {}),
            ...(digid ? { bsn: digid.bsn } : {}),
          },
          ...(payload.subject !== undefined ? { subject: payload.subject } : {}),
          ...(payload.queue !== undefined ? { queue: payload.queue } : {}),
          ...(payload.pageUrl !== undefined ? { body: `Gestart op ${payload.pageUrl}` } : {}),
        },
        (created) => {
          written = this.recordStart(
            {
              id: conversationId,
              contactId: created.id,
              createdAt: created.createdAt,
              ...(payload.name !== undefined ? { name: payload.name } : {}),
              ...(payload.email !== undefined ? { email: payload.email } : {}),
              ...(payload.pageUrl !== undefined ? { pageUrl: payload.pageUrl } : {}),
            },
            hashToken(resumeToken),
            digid !== undefined,
          );
          // Awaited below; a rolled-back contact must not leave an unhandled rejection behind.
          written.catch(() => undefined);
          this.starting.set(created.id, written);
          return written;
        },
      );
      try {
        await written;
      } finally {
        this.starting.delete(contact.id);
      }
      this.conversationByContact.set(contact.id, conversationId);
    } catch (err) {
      if (err instanceof InboundError)
        return {
          ok: false,
          error: ACK_ERRORS.invalidPayload,
          issues: [{ path: ['queue'], message: err.reason, code: err.code }],
        };
      throw err;
    }
    // The position push happens after the ack reached the widget.
    this.later(() => this.pushQueuePositions(new Set([conversationId])));
    return { ok: true, data: { conversationId, resumeToken } };
  }

  private async recordStart(conv: Conversation, resumeHash: string, authenticated: boolean): Promise<void> {
    await this.deps.repo.insert(conv, resumeHash);
    this.remember(conv.contactId, conv);
    if (authenticated) await this.deps.onAuthenticated?.(conv.contactId, conv.createdAt);
  }

  async resume(resumeToken: string): Promise<Ack<ChatResumed>> {
    const conv = await this.deps.repo.byResumeHash(hashToken(resumeToken));
    if (!conv) return { ok: false, error: CITIZEN_ERRORS.notFound };
    this.remember(conv.contactId, conv);
    this.conversationByContact.set(conv.contactId, conv.id);
    const contact = await this.deps.contacts.get(conv.contactId);
    const status: ChatResumed['status'] =
      conv.endedAt !== undefined ||
      !contact ||
      (!WAITING.has(contact.status) && contact.status !== 'assigned')
        ? 'beeindigd'
        : contact.status === 'assigned'
          ? 'verbonden'
          : 'wachten';
    const agentName =
      status === 'verbonden' && contact?.assignedAgentId !== undefined
        ? displayName(this.deps.userName(contact.assignedAgentId))
        : undefined;
    this.lastQueuePush.delete(conv.id);
    if (status === 'wachten') this.later(() => this.pushQueuePositions(new Set([conv.id])));
    return {
      ok: true,
      data: {
        conversationId: conv.id,
        status,
        ...(agentName !== undefined ? { agentName } : {}),
        messages: await this.transcript(conv),
      },
    };
  }

  async message(conversationId: string, text: string): Promise<Ack> {
    const conv = await this.deps.repo.get(conversationId);
    if (!conv) return { ok: false, error: CITIZEN_ERRORS.noConversation };
    if (conv.endedAt !== undefined) return { ok: false, error: CITIZEN_ERRORS.ended };
    const limited = await this.messageLimiter.hit(conversationId);
    if (!limited.ok) {
      const seconds = Math.ceil(limited.retryAfterMs / 1000);
      return {
        ok: false,
        error: CITIZEN_ERRORS.rateLimited,
        issues: [
          {
            path: [],
            message: `Te veel berichten. Probeer het over ${seconds} seconden opnieuw.`,
            code: 'rate_limited',
          },
        ],
      };
    }
    const contact = await this.deps.contacts.get(conv.contactId);
    if (!contact) return { ok: false, error: CITIZEN_ERRORS.noConversation };
    await this.deps.messages.addInbound(contact, { body: text, fromLabel: conv.name ?? 'Inwoner' });
    return { ok: true };
  }

  async typingFromResident(conversationId: string, typing: boolean): Promise<void> {
    const conv = await this.deps.repo.get(conversationId);
    if (!conv || conv.endedAt !== undefined) return;
    const contact = await this.deps.contacts.get(conv.contactId);
    if (contact?.status === 'assigned' && contact.assignedAgentId !== undefined) {
      this.deps.push(contact.assignedAgentId, 'chat:typing', { contactId: contact.id, typing });
    }
  }

  async endByResident(conversationId: string): Promise<Ack> {
    const conv = await this.deps.repo.get(conversationId);
    if (!conv) return { ok: false, error: CITIZEN_ERRORS.noConversation };
    const endedAt = this.deps.clock.now();
    if (!(await this.deps.repo.end(conv.id, 'inwoner', endedAt))) return { ok: true };
    this.remember(conv.contactId, { ...conv, endedAt, endedBy: 'inwoner' });
    const contact = await this.deps.contacts.get(conv.contactId);
    await this.deps.contacts.appendEvent({
      contactId: conv.contactId,
      type: 'chat-ended',
      at: this.deps.clock.now(),
      data: { by: 'inwoner' },
    });
    if (contact && WAITING.has(contact.status)) {
      await this.deps.routing.abandon(contact.id, 'resident-left-chat');
    } else if (contact?.assignedAgentId !== undefined && contact.status === 'assigned') {
      this.deps.push(contact.assignedAgentId, 'chat:ended', { contactId: contact.id, by: 'inwoner' });
    }
    this.emitter.emit(conv.id, 'chat:ended', { by: 'inwoner' });
    this.forget(conv);
    return { ok: true };
  }

  /**
   * The resident left a chat that is still waiting and did not come back within the grace: end it as if they
   * ended it, so no agent is offered an empty chat. Chats an agent already holds stay (the agent sees the state).
   */
  async dropIfWaiting(conversationId: string): Promise<boolean> {
    const conv = await this.deps.repo.get(conversationId);
    if (!conv || conv.endedAt !== undefined) return false;
    const contact = await this.deps.contacts.get(conv.contactId);
    if (!contact || !WAITING.has(contact.status)) return false;
    await this.endByResident(conversationId);
    return true;
  }

  async rate(conversationId: string, score: number, comment?: string): Promise<Ack> {
    const conv = await this.deps.repo.get(conversationId);
    if (!conv) return { ok: false, error: CITIZEN_ERRORS.noConversation };
    if (conv.endedAt === undefined) return { ok: false, error: CITIZEN_ERRORS.notEnded };
    const now = this.deps.clock.now();
    // The rating and its csat event (statistics) in one unit of work.
    await this.deps.contacts.transaction(async () => {
      await this.deps.repo.rate(conv.id, score, comment, now);
      await this.deps.contacts.appendEvent({
        contactId: conv.contactId,
        type: 'csat',
        at: now,
        data: { score, channel: 'chat', ...(comment !== undefined ? { comment } : {}) },
      });
    });
    return { ok: true };
  }

  /**
   * Mails the transcript to the address the resident gave at chat start, at most once per conversation. The
   * resident cannot choose another address: the municipality's mail server must not relay their text to anyone.
   */
  async sendTranscript(conversationId: string): Promise<Ack> {
    const conv = await this.deps.repo.get(conversationId);
    if (!conv) return { ok: false, error: CITIZEN_ERRORS.noConversation };
    if (conv.endedAt === undefined) return { ok: false, error: CITIZEN_ERRORS.notEnded };
    if (conv.email === undefined) return { ok: false, error: CITIZEN_ERRORS.noEmail };
    if (!this.deps.mailer.available) return { ok: false, error: CITIZEN_ERRORS.unavailable };
    const now = this.deps.clock.now();
    // claimed before sending, so concurrent requests send one mail between them
    if (!(await this.deps.repo.claimTranscript(conv.id, now)))
      return { ok: false, error: CITIZEN_ERRORS.alreadySent };
    const mail = transcriptMail(
      await this.transcript(conv),
      conv.createdAt,
      this.deps.config.reply.signature,
    );
    try {
      await this.deps.mailer.send({ from: this.deps.config.mailFrom, to: conv.email, ...mail });
    } catch (err) {
      await this.deps.repo.releaseTranscript(conv.id);
      this.deps.log.warn({ err }, 'sending a chat transcript failed');
      return { ok: false, error: CITIZEN_ERRORS.unavailable };
    }
    await this.deps.contacts.appendEvent({
      contactId: conv.contactId,
      type: 'chat-transcript-sent',
      at: now,
    });
    return { ok: true };
  }

  async leaveMessage(payload: ChatLeaveMessagePayload): Promise<Ack<ChatLeftMessage>> {
    if (payload.terugbellen) {
      const { contact } = await this.deps.callbacks.create({
        telefoonnummer: payload.terugbellen.telefoonnummer,
        ...(payload.terugbellen.voorkeurVan !== undefined
          ? { voorkeurVan: Date.parse(payload.terugbellen.voorkeurVan) }
          : {}),
        ...(payload.terugbellen.voorkeurTot !== undefined
          ? { voorkeurTot: Date.parse(payload.terugbellen.voorkeurTot) }
          : {}),
        notitie: payload.text,
        ...(payload.name !== undefined ? { name: payload.name } : {}),
        createdBy: 'widget',
      });
      return { ok: true, data: { contactId: contact.id, kind: 'terugbelverzoek' } };
    }
    const { contact } = await this.deps.inbound.receive(
      {
        channel: 'email',
        externalId: `chat-bericht:${randomUUID()}`,
        from: {
          ...(payload.email !== undefined ? { email: payload.email } : {}),
          ...(payload.name !== undefined ? { name: payload.name } : {}),
        },
        subject: 'Bericht via de chat',
        body: payload.text,
      },
      async (created) => {
        await this.deps.messages.addInbound(created, {
          body: payload.text,
          fromLabel: payload.name ?? payload.email ?? 'Inwoner',
        });
      },
    );
    return { ok: true, data: { contactId: contact.id, kind: 'email' } };
  }

  // ------------------------------------------------------------------ agent side

  /** Outbound (MessagesService): the agent's message goes to the resident's chat. */
  prepare(contact: ContactRecord): { delivery: 'delivered' } {
    // The messages service asks synchronously: answered from the conversations loaded here (the agent's
    // workplace loads the contact's chat before they type). Unknown here, the delivery finds out.
    const conv = this.conversations.get(contact.id);
    if (conv === null) throw new MessageRefused('Bij dit contact hoort geen chatgesprek.');
    if (conv === undefined) return { delivery: 'delivered' };
    if (conv.endedAt !== undefined)
      throw new MessageRefused('De chat is beëindigd; de inwoner ontvangt geen berichten meer.');
    return { delivery: 'delivered' };
  }

  deliver(contact: ContactRecord, message: { body: string; at: number }, agent: { name: string }): void {
    this.conversationOf(contact.id)
      .then((conv) => {
        if (!conv || conv.endedAt !== undefined) return;
        this.emitter.emit(conv.id, 'chat:message', {
          from: 'medewerker',
          name: displayName(agent.name),
          text: message.body,
          at: new Date(message.at).toISOString(),
        });
      })
      .catch((err: unknown) => this.deps.log.warn({ err, contactId: contact.id }, 'chat delivery failed'));
  }

  async typingFromAgent(agentId: string, contactId: string, typing: boolean): Promise<Ack> {
    const contact = await this.deps.contacts.get(contactId);
    if (!contact || contact.assignedAgentId !== agentId || contact.status !== 'assigned')
      return { ok: false, error: ACK_ERRORS.forbidden };
    const conv = await this.conversationOf(contactId);
    if (!conv) return { ok: false, error: ACK_ERRORS.notFound };
    if (conv.endedAt === undefined) this.emitter.emit(conv.id, 'chat:typing', { typing });
    return { ok: true };
  }

  /** The agent ends the chat; the contact stays with them for registration. */
  async endByAgent(agentId: string, contactId: string): Promise<'ok' | 'not_found' | 'forbidden'> {
    const contact = await this.deps.contacts.get(contactId);
    if (!contact) return 'not_found';
    if (contact.assignedAgentId !== agentId) return 'forbidden';
    const conv = await this.conversationOf(contactId);
    if (!conv) return 'not_found';
    await this.endAsMedewerker(conv, agentId);
    return 'ok';
  }

  /** Registration closed the contact: a chat that is still open ends. */
  async onRegistered(contactId: string, agentId: string, afronden: boolean): Promise<void> {
    if (!afronden) return;
    const conv = await this.conversationOf(contactId);
    if (conv && conv.endedAt === undefined) this.later(() => this.endAsMedewerker(conv, agentId));
  }

  private async endAsMedewerker(conv: Conversation, agentId: string): Promise<void> {
    const now = this.deps.clock.now();
    if (await this.deps.repo.end(conv.id, 'medewerker', now)) {
      this.remember(conv.contactId, { ...conv, endedAt: now, endedBy: 'medewerker' });
      await this.deps.contacts.appendEvent({
        contactId: conv.contactId,
        type: 'chat-ended',
        at: now,
        agentId,
        data: { by: 'medewerker' },
      });
      this.emitter.emit(conv.id, 'chat:ended', { by: 'medewerker' });
    }
    this.deps.push(agentId, 'chat:ended', { contactId: conv.contactId, by: 'medewerker' });
    this.forget(conv);
  }

  /** Routing told an agent their contact changed: a chat that got assigned tells the resident who answers. */
  async onContactUpdated(agentId: string, contact: Contact): Promise<void> {
    if (contact.channel !== 'chat') return;
    const conv = await this.conversationOf(contact.id);
    if (!conv || conv.endedAt !== undefined) return;
    if (contact.status === 'assigned' && contact.assignedAgentId === agentId) {
      this.lastQueuePush.delete(conv.id);
      this.emitter.emit(conv.id, 'chat:accepted', { name: displayName(this.deps.userName(agentId)) });
    } else if (WAITING.has(contact.status)) {
      this.lastQueuePush.delete(conv.id);
      this.later(() => this.pushQueuePositions(new Set([conv.id])));
    }
  }

  async conversationOf(contactId: string): Promise<Conversation | undefined> {
    await this.starting.get(contactId)?.catch(() => undefined);
    const conv = await this.deps.repo.byContact(contactId);
    this.remember(contactId, conv ?? null);
    return conv;
  }

  // ------------------------------------------------------------------ queue position

  /**
   * Position in line per chat queue (routing order: priority, then arrival) and an expected wait:
   * the average answer time of the last answered chats of that queue × position / medewerkers on duty.
   */
  async pushQueuePositions(only?: ReadonlySet<string>): Promise<void> {
    const waiting = (await this.deps.contacts.listByStatus(['new', 'queued', 'offered'])).filter(
      (c) => c.channel === 'chat',
    );
    const byQueue = new Map<string, ContactRecord[]>();
    for (const c of waiting) {
      const list = byQueue.get(c.queueId) ?? [];
      list.push(c);
      byQueue.set(c.queueId, list);
    }
    const since = this.deps.clock.now() - 7 * 24 * 3600 * 1000;
    for (const [queueId, list] of byQueue) {
      list.sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt);
      const answers = await this.deps.contacts.chatAnswerWaits(queueId, since, ANSWER_HISTORY);
      const avgSeconds =
        answers.length > 0
          ? answers.reduce((s, w) => s + w, 0) / answers.length / 1000
          : DEFAULT_ANSWER_SECONDS;
      const onDuty = Math.max(1, this.deps.routing.agentsOnDuty(queueId, 'chat'));
      for (const [i, c] of list.entries()) {
        let conversationId = this.conversationByContact.get(c.id);
        if (conversationId === undefined) {
          conversationId = (await this.deps.repo.byContact(c.id))?.id;
          if (conversationId === undefined) continue;
          this.conversationByContact.set(c.id, conversationId);
        }
        if (only && !only.has(conversationId)) continue;
        const position = i + 1;
        const expectedWaitSeconds = Math.max(0, Math.round((avgSeconds * position) / onDuty));
        const key = `${position}:${expectedWaitSeconds}`;
        if (this.lastQueuePush.get(conversationId) === key) continue;
        this.lastQueuePush.set(conversationId, key);
        this.emitter.emit(conversationId, 'chat:queue', { position, expectedWaitSeconds });
      }
    }
  }

  /** Run after the current ack/commit; a failure (e.g. during shutdown) is logged, never thrown. */
  private later(fn: () => Promise<void>): void {
    setImmediate(() => {
      fn().catch((err: unknown) => {
        this.deps.log.warn({ err }, 'deferred chat work failed');
      });
    });
  }

  private remember(contactId: string, conv: Conversation | null): void {
    this.conversations.delete(contactId);
    this.conversations.set(contactId, conv);
    // Oldest first out: an agent's chat is loaded again when their workplace opens it.
    if (this.conversations.size > REMEMBERED_CONVERSATIONS) {
      this.conversations.delete(this.conversations.keys().next().value!);
    }
  }

  private forget(conv: Conversation): void {
    this.conversationByContact.delete(conv.contactId);
    this.lastQueuePush.delete(conv.id);
    void this.messageLimiter.forget(conv.id);
  }

  private async transcript(conv: Conversation): Promise<ChatTranscriptLine[]> {
    return (await this.deps.messages.list(conv.contactId)).map((m) =>
      m.direction === 'in'
        ? {
            from: 'inwoner' as const,
            ...(conv.name !== undefined ? { name: conv.name } : {}),
            text: m.body,
            at: new Date(m.at).toISOString(),
          }
        : {
            from: 'medewerker' as const,
            name: displayName(
              m.agentId !== undefined ? (this.deps.userName(m.agentId) ?? m.fromLabel) : m.fromLabel,
            ),
            text: m.body,
            at: new Date(m.at).toISOString(),
          },
    );
  }
}
