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
import type { Db } from '../../store/db';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { InboundService } from '../contacts/inbound.service';
import type { KlantinteractiesPort } from '../klantinteracties/ports';
import { contactFromParams, requireReadable } from '../messages/contact-access';
import { createSqliteMessagesRepository } from '../messages/messages.repository';
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
import { registerOntvangstbevestigingRoutes, type QueueRef } from './email/ontvangstbevestiging.routes';
import { createMailer, type Mailer } from './email/mailer';
import { startSmtpInbound, type SmtpInbound } from './email/smtp-inbound';
import { KanaalswitchDetector } from './kanaalswitch';
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
  checkRegistration(contactId: string, request: RegisteredEvent['request']): void;
  /** Answers promised in ontvangstbevestigingen, due in [from, to) (KPI voorspelbaarheid). */
  beloften(from: number, to: number): Belofte[];
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
    db: Db;
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
    /** A chat started with a valid DigiD token (inside the contact's creating transaction). */
    onAuthenticated?: (contactId: string, at: number) => void;
    /** Where the chat limits count (default: this process's memory; in a cluster: Redis). */
    rateLimitStore?: RateLimitStore;
  },
): ChannelsModule {
  const { config, db, contacts, routing, inbound, guard, log } = deps;
  let agentNsp: Namespace | undefined;
  const push: AgentPush = (agentId, event, payload) => {
    agentNsp?.to(`agent:${agentId}`).emit(event, payload);
  };

  const messagesRepo = createSqliteMessagesRepository(db);
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
    db,
    inbound,
    contacts,
    maxAttempts: config.callbackMaxAttempts,
    retryMinutes: config.callbackRetryMinutes,
    events: deps.events,
  });
  const chatRepo = createChatRepository(db);
  const chat = new ChatService({
    db,
    repo: chatRepo,
    contacts,
    inbound,
    messages,
    routing,
    callbacks,
    mailer,
    push,
    config,
    log,
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
    db,
    contacts,
    port: deps.port,
    recogniseOnArrival: deps.recogniseOnArrival,
    log,
  });
  inbound.onCreated((contact) => {
    kanaalswitch
      .onContactCreated(contact)
      .catch((err: unknown) =>
        deps.log.error({ err, contactId: contact.id }, 'kanaalswitch: herkenning mislukt'),
      );
  });

  const ontvangst = new Ontvangstbevestigingen({
    db,
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
    db,
    integrationKey: deps.integrationKey,
    inbound,
    contacts,
    routing,
    callbacks,
    push,
    config,
  });
  registerWebformRoutes(app, { integrationKey: deps.integrationKey, inbound, messages, ...receipts });
  registerOntvangstbevestigingRoutes(app, { guard, queues: deps.queues ?? (() => []), ontvangst });
  registerCallbackRoutes(app, { guard, contacts, routing, callbacks });
  const extras = (
    contactId: string,
  ): Pick<ContactContextResponse, 'kanaalswitch' | 'chat' | 'terugbelverzoek'> => {
    const ks = kanaalswitch.get(contactId);
    const conv = chat.conversationOf(contactId);
    const cb = callbacks.get(contactId);
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
    repo: createTransferRepository(db),
    push,
    userName: deps.userName,
    extras,
  });

  app.post('/api/contacts/:id/chat/end', { preHandler: guard.require('medewerker') }, async (request) => {
    const user = currentUser(request);
    const contact = contactFromParams(request, contacts);
    const result = chat.endByAgent(user.id, contact.id);
    if (result === 'forbidden') throw problems.forbidden('U behandelt dit contact niet.');
    if (result === 'not_found') throw problems.notFound('Bij dit contact hoort geen chatgesprek.');
    return { ended: true };
  });

  const transcriptOf = db.prepare<[string], { contact_id: string }>(
    'SELECT contact_id FROM klantcontact_transcripts WHERE klantcontact_uuid = ?',
  );
  const linkTranscript = db.prepare(
    'INSERT OR IGNORE INTO klantcontact_transcripts (klantcontact_uuid, contact_id, at) VALUES (?, ?, ?)',
  );
  /** The transcript a klantcontact refers to (chat, e-mail thread, web form). */
  app.get(
    '/api/klantcontacten/:uuid/transcript',
    { preHandler: guard.require('medewerker') },
    async (request) => {
      const { uuid } = parseOrThrow(KlantcontactParams, request.params, 'params');
      const row = transcriptOf.get(uuid);
      const contact = row ? contacts.get(row.contact_id) : undefined;
      if (!contact) throw problems.notFound('Bij dit klantcontact hoort geen verslag.');
      await requireReadable(request, contact, routing, ['berichten'], contacts);
      return {
        klantcontactUuid: uuid,
        contactId: contact.id,
        channel: contact.channel,
        messages: messages.views(contact.id),
      };
    },
  );

  // A chat that got assigned tells the resident who answers; one re-queued or closed tells them too.
  deps.events.on('contact-changed', (e) => chat.onContactUpdated(e.agentId, e.contact));
  deps.events.on('contact-registered', (event) => {
    const contact = contacts.get(event.contactId);
    if (!contact) return;
    if (messagesRepo.list(contact.id).length > 0) {
      linkTranscript.run(event.klantcontactUuid, contact.id, event.at);
      // The same link as a Klantinteracties Bijlage (and, in Open Klant mode, forwarded by the outbox).
      deps
        .port()
        .linkTranscript(event.klantcontactUuid, contact.id)
        .catch((err: unknown) =>
          deps.log.error({ err, contactId: contact.id }, 'klantinteracties: transcript-bijlage mislukt'),
        );
    }
    const partij = event.request.partij?.uuid ?? contact.partijUuid;
    if (partij !== undefined) kanaalswitch.onPartijKnown(contact.id, partij);
    if (contact.channel === 'chat')
      chat.onRegistered(contact.id, event.agentId, event.request.afronden !== false);
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
        ({ contactId }) => {
          const result = chat.endByAgent(userId, contactId);
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
    beloften: (from, to) => ontvangst.beloften(from, to),
    checkRegistration(contactId, request) {
      if (
        request.afronden !== false &&
        request.afrondenOndanksNietVerstuurd !== true &&
        messagesRepo.undelivered(contactId).length > 0
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
