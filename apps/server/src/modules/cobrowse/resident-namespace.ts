import type { Namespace, Server, Socket } from 'socket.io';
import {
  COBROWSE_ERRORS,
  COBROWSE_RESIDENT_NAMESPACE,
  CobrowseConsentPayload,
  CobrowseEmptyPayload,
  CobrowseEventsPayload,
  CobrowseJoinPayload,
  type CobrowseResidentClientToServerEvents,
  type CobrowseResidentServerToClientEvents,
} from '@kcc/contracts/cobrowse';
import { CITIZEN_CONNECT_ERRORS } from '@kcc/contracts/channels';
import type { Ack } from '@kcc/contracts/realtime';
import { on } from '../../realtime/on';
import { SlidingWindowLimiter } from '../channels/chat/rate-limit';
import { memoryRateLimitStore, RateLimiter, type RateLimitStore } from '../rate-limit';
import type { Logger } from '../../shared/logger';
import type { CobrowseService } from './cobrowse.service';
import { connectionsPerIp } from '../../realtime/connections-per-ip';

interface ResidentSocketData {
  ip: string;
  sessionId?: string;
}
type ResidentSocket = Socket<
  CobrowseResidentClientToServerEvents,
  CobrowseResidentServerToClientEvents,
  Record<string, never>,
  ResidentSocketData
>;
export type ResidentNamespace = Namespace<
  CobrowseResidentClientToServerEvents,
  CobrowseResidentServerToClientEvents,
  Record<string, never>,
  ResidentSocketData
>;

export const residentRoom = (sessionId: string) => `cobrowse:resident:${sessionId}`;
export const codeRoom = (socketId: string) => `cobrowse:code:${socketId}`;

/** Codes per IP per hour: enough for a resident who asks again, not for a script. */
const CODES_PER_HOUR = 10;
/** Commands and stream parts per socket per minute (a batch per task of the page, split in parts). */
const EVENTS_PER_MINUTE = 6000;

/**
 * `/cobrowse`: the resident's widget. Same guards as `/citizen` (origin, connections per IP, events per socket);
 * the stream only passes while the service says the resident consented, and only to the session's agent room.
 */
export function registerResidentNamespace(
  io: Server,
  deps: {
    service: CobrowseService;
    originAllowed: (origin: string | undefined) => boolean;
    maxConnectionsPerIp: number;
    /** The agent room of a session (the relay target). */
    toAgents: (sessionId: string, payload: CobrowseEventsPayload & { sessionId: string }) => void;
    /** Where the codes per IP count (default: this process's memory). */
    rateLimitStore?: RateLimitStore;
    log: Logger;
  },
): ResidentNamespace {
  const { service, log } = deps;
  const nsp = io.of(COBROWSE_RESIDENT_NAMESPACE) as unknown as ResidentNamespace;
  const perIp = connectionsPerIp();
  const codeLimiter = new RateLimiter(
    deps.rateLimitStore ?? memoryRateLimitStore,
    'cobrowse-code',
    CODES_PER_HOUR,
    3600_000,
  );

  nsp.use((socket, next) => {
    if (!deps.originAllowed(socket.handshake.headers.origin))
      return next(new Error(CITIZEN_CONNECT_ERRORS.origin));
    const ip = socket.handshake.address;
    if (!perIp.admit(socket, ip, deps.maxConnectionsPerIp))
      return next(new Error(CITIZEN_CONNECT_ERRORS.tooManyConnections));
    socket.data = { ip };
    next();
  });

  nsp.on('connection', (socket: ResidentSocket) => {
    const limiter = new SlidingWindowLimiter(EVENTS_PER_MINUTE, 60_000);
    socket.use((packet, next) => {
      if (limiter.hit('all').ok) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        (ack as (res: Ack) => void)({ ok: false, error: COBROWSE_ERRORS.rateLimited });
    });
    socket.on('error', (err) => log.warn({ err }, 'cobrowse resident socket error'));
    const noSession = { ok: false as const, error: COBROWSE_ERRORS.notActive };
    const withSession = (fn: (sessionId: string) => Promise<Ack>) => async (): Promise<Ack> => {
      const id = socket.data.sessionId;
      return id === undefined ? noSession : fn(id);
    };

    on(
      socket,
      'cobrowse:code',
      CobrowseEmptyPayload,
      async () => {
        if (!(await codeLimiter.hit(socket.data.ip)).ok)
          return { ok: false, error: COBROWSE_ERRORS.rateLimited };
        const room = codeRoom(socket.id);
        void socket.join(room);
        const { code, expiresAt } = await service.issueCode(room);
        return { ok: true, data: { code, expiresAt: new Date(expiresAt).toISOString() } };
      },
      log,
    );
    on(
      socket,
      'cobrowse:join',
      CobrowseJoinPayload,
      async ({ sessionId, token }) => {
        const res = await service.join(sessionId, token);
        if (!res.ok) return res;
        const previous = socket.data.sessionId;
        if (previous !== undefined && previous !== sessionId) void socket.leave(residentRoom(previous));
        socket.data.sessionId = sessionId;
        void socket.join(residentRoom(sessionId));
        await service.forgetCodes(codeRoom(socket.id));
        return res;
      },
      log,
    );
    on(
      socket,
      'cobrowse:consent',
      CobrowseConsentPayload,
      ({ allow }) => withSession((id) => service.consent(id, allow))(),
      log,
    );
    on(
      socket,
      'cobrowse:control-consent',
      CobrowseConsentPayload,
      ({ allow }) => withSession((id) => service.controlConsent(id, allow))(),
      log,
    );
    on(
      socket,
      'cobrowse:end',
      CobrowseEmptyPayload,
      withSession((id) => service.endByResident(id)),
      log,
    );
    on(
      socket,
      'cobrowse:events',
      CobrowseEventsPayload,
      (payload) =>
        withSession(async (id) => {
          // Nothing of the page passes before "Toestaan", nor after the end.
          if (!(await service.mayRelay(id))) return noSession;
          deps.toAgents(id, { ...payload, sessionId: id });
          return { ok: true };
        })(),
      log,
    );

    socket.on('disconnect', () => {
      const failed = (err: unknown) => log.warn({ err }, 'cobrowse resident disconnect');
      service.forgetCodes(codeRoom(socket.id)).catch(failed);
      const id = socket.data.sessionId;
      if (id === undefined) return;
      // Through the adapter: another page of the same resident may already have joined (on any instance).
      void nsp
        .in(residentRoom(id))
        .fetchSockets()
        .then(async (left) => {
          if (left.length === 0) await service.residentAway(id);
        })
        .catch(failed);
    });
  });
  return nsp;
}
