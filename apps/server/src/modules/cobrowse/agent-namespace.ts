import type { Namespace, Server } from 'socket.io';
import {
  COBROWSE_AGENT_NAMESPACE,
  COBROWSE_ERRORS,
  CobrowseContactPayload,
  CobrowseInputPayload,
  CobrowsePointerPayload,
  CobrowseRedeemPayload,
  CobrowseSessionPayload,
  type CobrowseAgentClientToServerEvents,
  type CobrowseAgentServerToClientEvents,
  type CobrowseInputAction,
  type CobrowsePointerPayload as Pointer,
} from '@kcc/contracts/cobrowse';
import type { Ack } from '@kcc/contracts/realtime';
import type { AuthGuard } from '../../http/auth-guard';
import { on } from '../../realtime/on';
import { SlidingWindowLimiter } from '../channels/chat/rate-limit';
import type { Logger } from '../../shared/logger';
import type { CobrowseService } from './cobrowse.service';

interface AgentSocketData {
  userId: string;
}
export type CobrowseAgentNamespace = Namespace<
  CobrowseAgentClientToServerEvents,
  CobrowseAgentServerToClientEvents,
  Record<string, never>,
  AgentSocketData
>;

export const agentSessionRoom = (sessionId: string) => `cobrowse:agent:${sessionId}`;

/** Pointer moves and commands per socket per minute (the pane sends the pointer at most 20 times a second). */
const EVENTS_PER_MINUTE = 1800;

/** `/cobrowse-agent`: medewerkers with a token, as `/agent`. Every command checks that the agent holds the contact. */
export function registerCobrowseAgentNamespace(
  io: Server,
  deps: {
    service: CobrowseService;
    guard: AuthGuard;
    isAgent: (userId: string) => boolean;
    toResident: {
      pointer(sessionId: string, pointer: Omit<Pointer, 'sessionId'>): void;
      input(sessionId: string, action: CobrowseInputAction): void;
      resync(sessionId: string): void;
    };
    log: Logger;
  },
): CobrowseAgentNamespace {
  const { service, log } = deps;
  const nsp = io.of(COBROWSE_AGENT_NAMESPACE) as unknown as CobrowseAgentNamespace;

  nsp.use(async (socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    const user = await deps.guard.authenticateSocket(socket, token);
    if (!user) return next(new Error('unauthorized'));
    if (!user.roles.includes('medewerker') || !deps.isAgent(user.id)) return next(new Error('forbidden'));
    socket.data = { userId: user.id };
    next();
  });

  nsp.on('connection', (socket) => {
    const { userId } = socket.data;
    const limiter = new SlidingWindowLimiter(EVENTS_PER_MINUTE, 60_000);
    socket.use((packet, next) => {
      if (limiter.hit('all').ok) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        (ack as (res: Ack) => void)({ ok: false, error: COBROWSE_ERRORS.rateLimited });
    });
    const joinSession = <T extends { sessionId: string } | null>(res: Ack<T>): Ack<T> => {
      if (res.ok && res.data) void socket.join(agentSessionRoom(res.data.sessionId));
      return res;
    };

    on(
      socket,
      'cobrowse:watch',
      CobrowseContactPayload,
      async ({ contactId }) => joinSession(await service.watch(userId, contactId)),
      log,
    );
    on(
      socket,
      'cobrowse:request',
      CobrowseContactPayload,
      async ({ contactId }) => joinSession(await service.requestFromChat(userId, contactId)),
      log,
    );
    on(
      socket,
      'cobrowse:redeem',
      CobrowseRedeemPayload,
      async ({ contactId, code }) => joinSession(await service.redeemCode(userId, contactId, code)),
      log,
    );
    on(
      socket,
      'cobrowse:control-request',
      CobrowseSessionPayload,
      ({ sessionId }) => service.requestControl(userId, sessionId),
      log,
    );
    on(
      socket,
      'cobrowse:input',
      CobrowseInputPayload,
      async ({ sessionId, action }) => {
        const allowed = await service.mayControl(userId, sessionId);
        if (allowed.ok) deps.toResident.input(sessionId, action);
        return allowed;
      },
      log,
    );
    on(
      socket,
      'cobrowse:resync',
      CobrowseSessionPayload,
      async ({ sessionId }) => {
        if (!(await service.mayPoint(userId, sessionId)))
          return { ok: false, error: COBROWSE_ERRORS.notActive };
        deps.toResident.resync(sessionId);
        return { ok: true };
      },
      log,
    );
    on(
      socket,
      'cobrowse:end',
      CobrowseSessionPayload,
      ({ sessionId }) => service.endByAgent(userId, sessionId),
      log,
    );
    // Pointer moves are fire-and-forget; a stale or foreign session is dropped silently.
    socket.on('cobrowse:pointer', (payload: unknown) => {
      const parsed = CobrowsePointerPayload.safeParse(payload);
      if (!parsed.success) return;
      const { sessionId, ...pointer } = parsed.data;
      service.mayPoint(userId, sessionId).then(
        (may) => {
          if (may) deps.toResident.pointer(sessionId, pointer);
        },
        (err: unknown) => log.warn({ err }, 'cobrowse pointer'),
      );
    });
  });
  return nsp;
}
