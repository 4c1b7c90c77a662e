import type { FastifyInstance } from 'fastify';
import type { RateLimitStore } from '../rate-limit';
import type { Namespace, Server } from 'socket.io';
import { z } from 'zod';
import {
  AgentChatEndPayload,
  AgentChatTypingPayload,
  type ContactContextResponse,
} from '@kcc/contracts/channels';
import { ACK_ERRORS } from '@kcc/contracts/realtime';
import type { AuthGuard } from '../../http/auth-guard';
import { currentUser } from '../../http/auth-guard';
import { HttpProblem, problems } from '../../http/problem';
import { systemClock, type Clock } from '../../shared/clock';
import { parseOrThrow } from '../../http/validate';
import { on } from '../../realtime/on';
import type { Store } from '../../store/store';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { InboundService } from '../contacts/inbound.service';
import type { KlantinteractiesPort } from '../klantinteracties/ports';
import { contactFromParams, requireReadable } from '../messages/contact-access';
import { createMessagesRepository } from '../messages/messages.repository';
import { registerMessagesRoutes } from '../messages/messages.routes';
import { MessagesService, type AgentPush } from '../messages/messages.service';
import type { EventBus, RegisteredEvent, UnitOfWork } from '../../shared/domain-events';
import type { Logger } from '../../shared/logger';
import type { RoutingService } from '../routing/routing.service';
import { createTransferRepository } from '../transfer/transfer.repository';
import { registerTransferRoutes } from '../transfer/transfer.routes';
import type { ChannelsConfig } from './channels.config';
import { createChatRepository } from './chat/chat.repository';
import { ChatService } from './chat/chat.service';
import { createOriginCheck, registerCitizenNamespace } from './chat/citizen-namespace';
import { EmailIngest } from './email/email-ingest';
import { EmailOutbox } from './email/email-outbox';
import { Ontvangstbevestigingen, type Belofte } from './email/ontvangstbevestiging';
import { createOntvangstbevestigingRepository } from './email/ontvangstbevestiging.repository';
import { registerOntvangstbevestigingRoutes, type QueueRef } from './email/ontvangstbevestiging.routes';
import { createMailer, type Mailer } from './email/mailer';
import { startSmtpInbound, type SmtpInbound } from './email/smtp-inbound';
import { KanaalswitchDetector } from './kanaalswitch';
import { createKanaalswitchRepository } from './kanaalswitch.repository';
import { createTranscriptsRepository } from './transcripts.repository';
import { createCtiRepository } from './telefonie/cti.repository';
import { createCallbackRepository } from './terugbelverzoek/callback.repository';
import { registerCtiRoutes } from './telefonie/cti.routes';
import { registerCallbackRoutes } from './terugbelverzoek/callback.routes';
import { CallbackService } from './terugbelverzoek/callback.service';
import { registerWebformRoutes } from './webformulier/webformulier.routes';

export { createChannelsRetention } from './channels-retention';

interface AgentSocketLike {
  data: { userId: string };
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface ChannelsModule {
  /** `/agent` connection hook: the chat commands (`chat:typing`, `chat:end`). */
  onAgentSocket(socket: AgentSocketLike): void;
  /** Late binding: pushes to agents go through the `/agent` namespace. */
  bindAgentNamespace(nsp: Namespace): void;
  /**
   * Before a registration: closing the contact while an e-mail reply did not go out needs the medewerker's
   * explicit choice (throws a 409 problem).
   */
  checkRegistration(contactId: string, request: RegisteredEvent['request']): Promise<void>;
  /** The open chat conversation of a contact (undefined when there is none or it ended), for co-browsing. */
  openConversationOf(contactId: string): Promise<string | undefined>;
  /** Answers promised in ontvangstbevestigingen, due in [from, to) (KPI voorspelbaarheid). */
  beloften(from: number, to: number): Promise<Belofte[]>;
  /** Outbound e-mail through KCC_SMTP_RELAY (also for terugkoppelingen). */
  mailer: Mailer;
  /** Start SMTP in, the e-mail outbox and the chat queue pushes. */
  start(): Promise<{ smtpPort: number | undefined }>;
  close(): Promise<void>;
}

/** Closing a contact whose e-mail reply did not go out needs the medewerker's explicit choice (issue 14 §4). */
function replyNotSent(): HttpProblem {
  const reason = 'Het antwoord is niet verstuurd. Kies of u het contact toch wilt afronden.';
  return new HttpProblem(409, 'Antwoord niet verstuurd', reason, [
    { name: 'afrondenOndanksNietVerstuurd', code: 'reply_not_sent', reason },
  ]);
}

const KlantcontactParams = z.object({ uuid: z.string().min(1).max(100) });

/**
 * All channel adapters (chat, e-mail, CTI, web form, terugbelverzoek), messages and transfer. Every adapter only
 * translates; contacts enter through the one inbound service and are routed like any other.
 */
export function createChannelsModule(
  app: FastifyInstance,
  io: Server,
  deps: {
    config: ChannelsConfig;
    host: string;
    smtpPort: number;
    smtpRelay: string | undefined;
    dataDir: string;
    integrationKey: string | undefined;
    /** The async store: chats, calls, terugbelverzoeken, partij hints, transcript links, receipts, messages, transfer. */
    store: Store;
    contacts: ContactsRepository;
    routing: RoutingService;
    inbound: InboundService;
    guard: AuthGuard;
    userName: (id: string) => string | undefined;
    port: () => KlantinteractiesPort;
    /** False when Open Klant is the klantregister (see KanaalswitchDetector). */
    recogniseOnArrival: boolean;
    ownOrigins: readonly string[];
    log: Logger;
    /** Signed CSAT link for a contact, added to e-mail replies. */
    ratingLinkFor?: (contactId: string) => string;
    /** Domain timers (the chat resident's grace); default the system clock. */
    clock?: Clock;
    /** Checks DigiD tokens passed to the chat widget (configured issuer, or the demo's test issuer). */
    digid?: { verify(token: string): Promise<{ bsn: string }> } | undefined;
    /** The queues, for the beheerder's receipt texts per queue. */
    queues?: () => readonly QueueRef[];
    /** Units of work; chats follow `contact-changed`, transcripts and kanaalswitch `contact-registered`. */
    events: UnitOfWork & EventBus;
    /** A chat started with a valid DigiD token (in the contact's creating unit of work). */
    onAuthenticated?: (contactId: string, at: number) => Promise<void>;
    /** Where the chat limits count (default: this process's memory; in a cluster: Redis). */
    rateLimitStore?: RateLimitStore;
  },
): ChannelsModule {
  const { config, contacts, routing, inbound, guard, log } = deps;
  const clock = deps.clock ?? systemClock;
  let agentNsp: Namespace | undefined;
  const push: AgentPush = (agentId, event, payload) => {
    agentNsp?.to(`agent:${agentId}`).emit(event, payload);
  };

  const messagesRepo = createMessagesRepository(deps.store);
  const messages = new MessagesService(messagesRepo, contacts, { push, log, userName: deps.userName });
  const mailer = createMailer(deps.smtpRelay, log);
  const outbox = new EmailOutbox({
    repo: messagesRepo,
    contacts,
    messages: () => messages,
    mailer,
    config,
    log,
    clock: deps.clock ?? systemClock,
    ...(deps.ratingLinkFor ? { ratingLinkFor: deps.ratingLinkFor } : {}),
  });
  messages.registerOutbound(['email', 'webformulier'], outbox);

  const callbacks = new CallbackService({
    repo: createCallbackRepository(deps.store),
    inbound,
    contacts,
    maxAttempts: config.callbackMaxAttempts,
    retryMinutes: config.callbackRetryMinutes,
    clock,
    events: deps.events,
  });
  const chat = new ChatService({
    repo: createChatRepository(deps.store),
    contacts,
    inbound,
    messages,
    routing,
    callbacks,
    mailer,
    push,
    config,
    log,
    clock,
    userName: deps.userName,
    ...(deps.onAuthenticated ? { onAuthenticated: deps.onAuthenticated } : {}),
    ...(deps.rateLimitStore ? { rateLimitStore: deps.rateLimitStore } : {}),
  });
  messages.registerOutbound(['chat'], chat);
  registerCitizenNamespace(io, {
    chat,
    config,
    originAllowed: createOriginCheck(config, deps.ownOrigins),
    log,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.rateLimitStore ? { rateLimitStore: deps.rateLimitStore } : {}),
    digid: deps.digid,
  });

  const kanaalswitch = new KanaalswitchDetector({
    repo: createKanaalswitchRepository(deps.store),
    contacts,
    port: deps.port,
    recogniseOnArrival: deps.recogniseOnArrival,
    log,
    clock,
  });
  // In the contact's unit of work (a savepoint of its own; a failure is logged there and loses no contact).
  inbound.onCreated((contact) => kanaalswitch.onContactCreated(contact));

  const ontvangst = new Ontvangstbevestigingen({
    store: createOntvangstbevestigingRepository(deps.store),
    repo: messagesRepo,
    mailFrom: config.mailFrom,
    signature: config.reply.signature,
    calendar: config.calendar,
    now: () => deps.clock?.now() ?? Date.now(),
  });
  const receipts = config.ontvangstbevestiging
    ? { ontvangstbevestiging: ontvangst, onOntvangstbevestiging: () => outbox.deliver() }
    : {};
  const ingest = new EmailIngest({
    dataDir: deps.dataDir,
    attachmentMaxBytes: config.attachmentMaxBytes,
    inbound,
    contacts,
    messages,
    repo: messagesRepo,
    routing,
    log,
    ...receipts,
  });

  // ---------------------------------------------------------------- HTTP
  registerMessagesRoutes(app, { guard, contacts, routing, messages, repo: messagesRepo });
  registerCtiRoutes(app, {
    repo: createCtiRepository(deps.store),
    integrationKey: deps.integrationKey,
    inbound,
    contacts,
    routing,
    callbacks,
    push,
    config,
    clock,
  });
  registerWebformRoutes(app, { integrationKey: deps.integrationKey, inbound, messages, ...receipts });
  registerOntvangstbevestigingRoutes(app, { guard, queues: deps.queues ?? (() => []), ontvangst });
  registerCallbackRoutes(app, { guard, contacts, routing, callbacks });
  const extras = async (
    contactId: string,
  ): Promise<Pick<ContactContextResponse, 'kanaalswitch' | 'chat' | 'terugbelverzoek'>> => {
    const ks = await kanaalswitch.get(contactId);
    const conv = await chat.conversationOf(contactId);
    const cb = await callbacks.get(contactId);
    return {
      ...(ks
        ? {
            kanaalswitch: {
              fromChannel: ks.fromChannel,
              fromContactId: ks.fromContactId,
              partijUuid: ks.partijUuid,
              at: new Date(ks.at).toISOString(),
            },
          }
        : {}),
      ...(conv
        ? {
            chat: {
              conversationId: conv.id,
              ended: conv.endedAt !== undefined,
              ...(conv.endedBy !== undefined ? { endedBy: conv.endedBy } : {}),
              ...(conv.rating !== undefined ? { rating: conv.rating } : {}),
            },
          }
        : {}),
      ...(cb ? { terugbelverzoek: cb } : {}),
    };
  };
  registerTransferRoutes(app, {
    guard,
    contacts,
    routing,
    messages,
    repo: createTransferRepository(deps.store),
    push,
    userName: deps.userName,
    extras,
  });

  app.post('/api/contacts/:id/chat/end', { preHandler: guard.require('medewerker') }, async (request) => {
    const user = currentUser(request);
    const contact = await contactFromParams(request, contacts);
    const result = await chat.endByAgent(user.id, contact.id);
    if (result === 'forbidden') throw problems.forbidden('U behandelt dit contact niet.');
    if (result === 'not_found') throw problems.notFound('Bij dit contact hoort geen chatgesprek.');
    return { ended: true };
  });

  const transcripts = createTranscriptsRepository(deps.store);
  /** The transcript a klantcontact refers to (chat, e-mail thread, web form). */
  app.get(
    '/api/klantcontacten/:uuid/transcript',
    { preHandler: guard.require('medewerker') },
    async (request) => {
      const { uuid } = parseOrThrow(KlantcontactParams, request.params, 'params');
      const contactId = await transcripts.contactOf(uuid);
      const contact = contactId !== undefined ? await contacts.get(contactId) : undefined;
      if (!contact) throw problems.notFound('Bij dit klantcontact hoort geen verslag.');
      await requireReadable(request, contact, routing, ['berichten'], contacts);
      return {
        klantcontactUuid: uuid,
        contactId: contact.id,
        channel: contact.channel,
        messages: await messages.views(contact.id),
      };
    },
  );

  // A chat that got assigned tells the resident who answers; one re-queued or closed tells them too.
  deps.events.on('contact-changed', (e) => {
    chat.onContactUpdated(e.agentId, e.contact).catch((err: unknown) => {
      log.warn({ err, contactId: e.contact.id }, 'chat: contact change not passed on');
    });
  });
  const onRegistered = async (event: RegisteredEvent) => {
    const contact = await contacts.get(event.contactId);
    if (!contact) return;
    if ((await messagesRepo.list(contact.id)).length > 0) {
      // The link as a Klantinteracties Bijlage first, at once after the commit: in Open Klant mode the outbox then
      // forwards it with the registration instead of in a second round.
      await deps.port().linkTranscript(event.klantcontactUuid, contact.id);
      await transcripts.link(event.klantcontactUuid, contact.id, event.at);
    }
    const partij = event.request.partij?.uuid ?? contact.partijUuid;
    if (partij !== undefined) await kanaalswitch.onPartijKnown(contact.id, partij);
    if (contact.channel === 'chat')
      await chat.onRegistered(contact.id, event.agentId, event.request.afronden !== false);
  };
  deps.events.on('contact-registered', (event) => {
    onRegistered(event).catch((err: unknown) => {
      log.error({ err, contactId: event.contactId }, 'channels: registration follow-up failed');
    });
  });

  let smtp: SmtpInbound | undefined;

  return {
    mailer,
    onAgentSocket(socket) {
      const userId = socket.data.userId;
      on(
        socket,
        'chat:typing',
        AgentChatTypingPayload,
        ({ contactId, typing }) => chat.typingFromAgent(userId, contactId, typing),
        log,
      );
      on(
        socket,
        'chat:end',
        AgentChatEndPayload,
        async ({ contactId }) => {
          const result = await chat.endByAgent(userId, contactId);
          return result === 'ok'
            ? { ok: true }
            : { ok: false, error: result === 'forbidden' ? ACK_ERRORS.forbidden : ACK_ERRORS.notFound };
        },
        log,
      );
    },
    bindAgentNamespace(nsp) {
      agentNsp = nsp;
    },
    async openConversationOf(contactId) {
      const conv = await chat.conversationOf(contactId);
      return conv && conv.endedAt === undefined ? conv.id : undefined;
    },
    beloften: (from, to) => ontvangst.beloften(from, to),
    async checkRegistration(contactId, request) {
      if (
        request.afronden !== false &&
        request.afrondenOndanksNietVerstuurd !== true &&
        (await messagesRepo.undelivered(contactId)).length > 0
      )
        throw replyNotSent();
    },
    async start() {
      try {
        smtp = await startSmtpInbound({
          host: deps.host,
          port: deps.smtpPort,
          maxBytes: config.mailMaxBytes,
          log,
          onMessage: (raw, envelope) => ingest.ingest(raw, envelope),
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || config.smtpPortExplicit) throw err;
        log.warn(
          { port: deps.smtpPort },
          'SMTP-poort is bezet: inkomende e-mail staat uit (stel KCC_SMTP_PORT in)',
        );
      }
      outbox.start();
      chat.startTicker();
      return { smtpPort: smtp?.port };
    },
    async close() {
      chat.stop();
      outbox.stop();
      await smtp?.close();
      mailer.close();
    },
  };
}
