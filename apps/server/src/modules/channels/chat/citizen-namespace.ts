import type { Namespace, Server, Socket } from 'socket.io';
import {
  CITIZEN_CONNECT_ERRORS,
  CITIZEN_ERRORS,
  ChatLeaveMessagePayload,
  ChatMessagePayload,
  ChatRatingPayload,
  ChatResumePayload,
  ChatStartPayload,
  ChatTranscriptPayload,
  ChatTypingPayload,
  EmptyPayload,
  type CitizenClientToServerEvents,
  type CitizenServerToClientEvents,
} from '@kcc/contracts/channels';
import type { Ack } from '@kcc/contracts/realtime';
import { on } from '../../../realtime/on';
import { systemClock, type Clock } from '../../../shared/clock';
import { memoryRateLimitStore, RateLimiter, retryAfterSeconds, type RateLimitStore } from '../../rate-limit';
import type { Logger } from '../../../shared/logger';
import type { ChannelsConfig } from '../channels.config';
import { ChatFloodLimiter, ResidentPresence } from './chat-flood';
import { conversationRoom, type ChatService } from './chat.service';
import { SlidingWindowLimiter } from './rate-limit';
import { connectionsPerIp } from '../../../realtime/connections-per-ip';

interface CitizenSocketData {
  ip: string;
  conversationId?: string;
}

type CitizenSocket = Socket<
  CitizenClientToServerEvents,
  CitizenServerToClientEvents,
  Record<string, never>,
  CitizenSocketData
>;
export type CitizenNamespace = Namespace<
  CitizenClientToServerEvents,
  CitizenServerToClientEvents,
  Record<string, never>,
  CitizenSocketData
>;

/** Left messages per IP per hour (abuse of the offline form). */
const LEAVE_MESSAGES_PER_HOUR = 10;

/** Which origins may open `/citizen` (and do socket.io long-polling from the browser). */
export function createOriginCheck(
  config: ChannelsConfig,
  ownOrigins: readonly string[],
): (origin: string | undefined) => boolean {
  const allowed = config.widgetOrigins;
  if (allowed === '*') return (origin) => origin !== undefined && origin !== '';
  const list = new Set((allowed ?? ownOrigins).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return (origin) => origin !== undefined && list.has(origin.replace(/\/+$/, '').toLowerCase());
}

/**
 * `/citizen`: the website widget. Refuses other origins and too many connections per IP at connect
 * (`connect_error`), floods per socket and per conversation with `{ok:false, error:'rate_limited'}`.
 */
export function registerCitizenNamespace(
  io: Server,
  deps: {
    chat: ChatService;
    config: ChannelsConfig;
    originAllowed: (origin: string | undefined) => boolean;
    log: Logger;
    /** Times the grace of a resident who left a waiting chat (default: the system clock). */
    clock?: Clock;
    /** Where the flood counters live (default: this process's memory). */
    rateLimitStore?: RateLimitStore;
    /** Checks a DigiD token from `chat:start`; without it a token is refused (DigiD not configured). */
    digid?: { verify(token: string): Promise<{ bsn: string }> } | undefined;
  },
): CitizenNamespace {
  const { chat, config, log } = deps;
  const nsp = io.of('/citizen') as unknown as CitizenNamespace;
  const perIp = connectionsPerIp();
  const leaveLimiter = new RateLimiter(
    deps.rateLimitStore ?? memoryRateLimitStore,
    'chat-leave-message',
    LEAVE_MESSAGES_PER_HOUR,
    3600_000,
  );
  // Every event counts (typing included): generous, but a script hammering the socket gets cut off.
  const eventsPerMinute = config.chatMessagesPerMinute * 4 + 60;
  const flood = new ChatFloodLimiter(deps.rateLimitStore ?? memoryRateLimitStore, config.chatFlood);
  const presence = new ResidentPresence({
    clock: deps.clock ?? systemClock,
    graceMs: config.chatFlood.residentGraceMs,
    gone: (conversationId) => {
      if (chat.dropIfWaiting(conversationId))
        log.info({ conversationId }, 'waiting chat dropped: resident gone');
    },
  });
  chat.onStop(() => presence.stop());

  chat.bindEmitter({
    emit: (conversationId, event, payload) => {
      const room = nsp.to(conversationRoom(conversationId)) as unknown as {
        emit(e: string, p: unknown): boolean;
      };
      room.emit(event, payload);
    },
  });

  nsp.use(async (socket, next) => {
    if (!deps.originAllowed(socket.handshake.headers.origin))
      return next(new Error(CITIZEN_CONNECT_ERRORS.origin));
    const ip = socket.handshake.address;
    if (!(await flood.connection(ip)).ok) return next(new Error(CITIZEN_CONNECT_ERRORS.tooManyConnections));
    if (!perIp.admit(socket, ip, config.chatMaxConnectionsPerIp))
      return next(new Error(CITIZEN_CONNECT_ERRORS.tooManyConnections));
    socket.data = { ip };
    next();
  });

  nsp.on('connection', (socket: CitizenSocket) => {
    const limiter = new SlidingWindowLimiter(eventsPerMinute, 60_000);
    let strikes = 0;
    socket.use((packet, next) => {
      if (limiter.hit('all').ok) return next();
      strikes++;
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        (ack as (res: Ack) => void)({ ok: false, error: CITIZEN_ERRORS.rateLimited });
      if (strikes > eventsPerMinute) socket.disconnect(true);
    });
    socket.on('error', (err) => log.warn({ err }, 'citizen socket error'));

    const conversationId = () => socket.data.conversationId;
    const join = (id: string) => {
      const previous = socket.data.conversationId;
      if (previous !== undefined && previous !== id) {
        void socket.leave(conversationRoom(previous));
        presence.left(previous, socket.id);
      }
      socket.data.conversationId = id;
      void socket.join(conversationRoom(id));
      presence.joined(id, socket.id);
    };
    socket.once('disconnect', () => {
      const id = socket.data.conversationId;
      if (id !== undefined) presence.left(id, socket.id);
    });
    const noConversation = { ok: false as const, error: CITIZEN_ERRORS.noConversation };

    on(socket, 'chat:availability', EmptyPayload, () => ({ ok: true, data: chat.availability() }), log);
    on(
      socket,
      'chat:start',
      ChatStartPayload,
      async (payload) => {
        if (socket.data.conversationId !== undefined)
          return { ok: false, error: CITIZEN_ERRORS.alreadyStarted };
        let digid: { bsn: string } | undefined;
        if (payload.digidToken !== undefined) {
          try {
            if (!deps.digid) throw new Error('DigiD is niet ingesteld');
            digid = await deps.digid.verify(payload.digidToken);
          } catch (err) {
            log.info({ reason: err instanceof Error ? err.message : String(err) }, 'DigiD token refused');
            return {
              ok: false,
              error: CITIZEN_ERRORS.digidInvalid,
              issues: [
                {
                  path: ['digidToken'],
                  message: 'Uw DigiD-inlog is verlopen of niet geldig. Log opnieuw in, of chat zonder DigiD.',
                  code: 'digid_invalid',
                },
              ],
            };
          }
          // Checked again: the socket may have started a chat while the token was checked.
          if (socket.data.conversationId !== undefined)
            return { ok: false, error: CITIZEN_ERRORS.alreadyStarted };
        }
        const allowed = await flood.start(socket.data.ip);
        if (!allowed.ok) {
          const seconds = retryAfterSeconds(allowed.retryAfterMs);
          return {
            ok: false,
            error: CITIZEN_ERRORS.rateLimited,
            issues: [
              {
                path: [],
                message: `Er worden nu te veel chats gestart. Probeer het over ${seconds} seconden opnieuw.`,
                code: 'rate_limited',
              },
            ],
          };
        }
        if (socket.data.conversationId !== undefined)
          return { ok: false, error: CITIZEN_ERRORS.alreadyStarted };
        const res = chat.start(payload, digid);
        if (res.ok) join(res.data.conversationId);
        return res;
      },
      log,
    );
    on(
      socket,
      'chat:resume',
      ChatResumePayload,
      async ({ resumeToken }) => {
        const res = await chat.resume(resumeToken);
        if (res.ok) join(res.data.conversationId);
        return res;
      },
      log,
    );
    on(
      socket,
      'chat:message',
      ChatMessagePayload,
      ({ text }) => {
        const id = conversationId();
        return id === undefined ? noConversation : chat.message(id, text);
      },
      log,
    );
    on(
      socket,
      'chat:typing',
      ChatTypingPayload,
      ({ typing }) => {
        const id = conversationId();
        if (id === undefined) return noConversation;
        chat.typingFromResident(id, typing);
        return { ok: true };
      },
      log,
    );
    on(
      socket,
      'chat:end',
      EmptyPayload,
      () => {
        const id = conversationId();
        return id === undefined ? noConversation : chat.endByResident(id);
      },
      log,
    );
    on(
      socket,
      'chat:rating',
      ChatRatingPayload,
      ({ score, comment }) => {
        const id = conversationId();
        return id === undefined ? noConversation : chat.rate(id, score, comment);
      },
      log,
    );
    on(
      socket,
      'chat:transcript',
      ChatTranscriptPayload,
      () => {
        const id = conversationId();
        return id === undefined ? noConversation : chat.sendTranscript(id);
      },
      log,
    );
    on(
      socket,
      'chat:leave-message',
      ChatLeaveMessagePayload,
      async (payload) => {
        if (!(await leaveLimiter.hit(socket.data.ip)).ok)
          return { ok: false, error: CITIZEN_ERRORS.rateLimited };
        return chat.leaveMessage(payload);
      },
      log,
    );
  });
  return nsp;
}
