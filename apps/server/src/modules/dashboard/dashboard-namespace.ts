import type { Namespace, Server } from 'socket.io';
import { z } from 'zod';
import {
  DASHBOARD_NAMESPACE,
  MoveContactPayload,
  SetAgentPresencePayload,
  SetAgentQueuesPayload,
  SetContactPriorityPayload,
  type DashboardClientToServerEvents,
  type DashboardServerToClientEvents,
  type DashboardSocketData,
} from '@kcc/contracts/dashboard';
import { ACK_ERRORS, type Ack } from '@kcc/contracts/realtime';
import type { AuthGuard } from '../../http/auth-guard';
import { on } from '../../realtime/on';
import type { Logger } from '../../shared/logger';
import type { ActionResult, DashboardActions } from './dashboard-actions';
import type { DashboardService } from './dashboard.service';

/** The sockets that received their snapshot. */
const LIVE_ROOM = 'live';

export type DashboardNamespace = Namespace<
  DashboardClientToServerEvents,
  DashboardServerToClientEvents,
  Record<string, never>,
  DashboardSocketData
>;

const ResyncPayload = z.union([z.object({}).strict(), z.undefined()]);

function toAck<T>(result: ActionResult<T>): Ack<T> {
  if (result.ok) return { ok: true, data: result.data } as Ack<T>;
  return {
    ok: false,
    error: result.error,
    issues: [{ path: result.field ? [result.field] : [], message: result.detail, code: result.error }],
  };
}

/**
 * `/dashboard`: team leaders (and beheerders, read-only). A snapshot on every (re)connect, then the service's
 * coalesced deltas to everyone in the namespace; a client that sees a seq gap asks `dashboard:resync`.
 */
export function registerDashboardNamespace(
  io: Server,
  deps: { guard: AuthGuard; dashboard: DashboardService; actions: DashboardActions; log: Logger },
): DashboardNamespace {
  const nsp = io.of(DASHBOARD_NAMESPACE) as unknown as DashboardNamespace;
  const { guard, dashboard, actions, log } = deps;

  nsp.use(async (socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    const user = await guard.authenticateSocket(socket, token);
    if (!user) return next(new Error('unauthorized'));
    if (!user.roles.includes('teamleider') && !user.roles.includes('beheerder')) {
      return next(new Error('forbidden'));
    }
    socket.data = { userId: user.id, roles: user.roles };
    next();
  });

  // Deltas go to the sockets that have their snapshot: it is built asynchronously, and a delta older than it
  // would only make the client resync.
  const unsubscribe = dashboard.onDelta(
    (delta) => nsp.to(LIVE_ROOM).emit('dashboard:delta', delta),
    () => nsp.sockets.size > 0,
  );
  io.engine.once('close', unsubscribe);

  nsp.on('connection', (socket) => {
    const { userId, roles } = socket.data;
    dashboard
      .snapshot()
      .then((snapshot) => {
        socket.emit('dashboard:snapshot', snapshot);
        void socket.join(LIVE_ROOM);
      })
      .catch((err: unknown) => log.error({ err }, 'dashboard: building a snapshot failed'));
    const mayAct = roles.includes('teamleider');
    const act =
      <P, T>(run: (payload: P) => Promise<ActionResult<T>>) =>
      async (payload: P): Promise<Ack<T>> =>
        mayAct ? toAck(await run(payload)) : ({ ok: false, error: ACK_ERRORS.forbidden } as Ack<T>);

    on(
      socket,
      'dashboard:resync',
      ResyncPayload,
      async () => ({ ok: true, data: await dashboard.snapshot() }),
      log,
    );
    on(
      socket,
      'agent:set-queues',
      SetAgentQueuesPayload,
      act((p: SetAgentQueuesPayload) => actions.setAgentQueues(userId, p)),
      log,
    );
    on(
      socket,
      'agent:set-presence',
      SetAgentPresencePayload,
      act((p: SetAgentPresencePayload) => actions.setAgentPresence(userId, p)),
      log,
    );
    on(
      socket,
      'contact:move',
      MoveContactPayload,
      act((p: MoveContactPayload) => actions.moveContact(userId, p)),
      log,
    );
    on(
      socket,
      'contact:set-priority',
      SetContactPriorityPayload,
      act((p: SetContactPriorityPayload) => actions.setContactPriority(userId, p)),
      log,
    );
  });
  return nsp;
}
