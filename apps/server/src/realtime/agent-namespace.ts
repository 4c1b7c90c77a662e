import type { Namespace, Server } from 'socket.io';
import type { AgentState } from '@kcc/contracts/domain';
import {
  ACK_ERRORS,
  OfferPayload,
  PresenceSetPayload,
  type AgentClientToServerEvents,
  type AgentServerToClientEvents,
  type AgentSocketData,
  type Ack,
} from '@kcc/contracts/realtime';
import type { AuthGuard } from '../http/auth-guard';
import type { ConnectionTracker } from '../modules/presence/connection-tracker';
import type { EventBus } from '../shared/domain-events';
import type { Logger } from '../shared/logger';
import type { RoutingService } from '../modules/routing/routing.service';
import { on } from './on';

export type AgentNamespace = Namespace<
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  Record<string, never>,
  AgentSocketData
>;

export const agentRoom = (userId: string) => `agent:${userId}`;

/** `/agent`: medewerkers only; one room per agent so every window sees the same state. */
export function registerAgentNamespace(
  io: Server,
  deps: {
    guard: AuthGuard;
    routing: RoutingService;
    tracker: ConnectionTracker;
    log: Logger;
    /** More command handlers for each connected agent socket (channels: chat typing / end). */
    extend?: (socket: {
      data: AgentSocketData;
      on(event: string, listener: (...args: unknown[]) => void): unknown;
    }) => void;
  },
): AgentNamespace {
  const nsp = io.of('/agent') as unknown as AgentNamespace;
  const { guard, routing, tracker, log } = deps;

  nsp.use(async (socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    const user = await guard.authenticateSocket(socket, token);
    if (!user) return next(new Error('unauthorized'));
    if (!user.roles.includes('medewerker') || !routing.isAgent(user.id)) return next(new Error('forbidden'));
    socket.data = { userId: user.id, roles: user.roles };
    next();
  });

  nsp.on('connection', (socket) => {
    const { userId } = socket.data;
    void socket.join(agentRoom(userId));
    tracker.connected(userId, socket.id);
    socket.emit('queue:waiting-changed', { items: routing.waitingOnConnect(userId) });
    socket.on('disconnect', () => tracker.disconnected(userId, socket.id));

    on(
      socket,
      'presence:set',
      PresenceSetPayload,
      async ({ status }): Promise<Ack<AgentState>> => ({
        ok: true,
        data: await routing.setPresence(userId, status),
      }),
      log,
    );
    on(
      socket,
      'offer:accept',
      OfferPayload,
      async ({ offerId }) => {
        const result = await routing.accept(offerId, userId);
        return result.ok
          ? { ok: true, data: { contact: result.contact } }
          : { ok: false, error: result.error };
      },
      log,
    );
    on(
      socket,
      'offer:decline',
      OfferPayload,
      async ({ offerId }): Promise<Ack> =>
        (await routing.decline(offerId, userId)) ? { ok: true } : { ok: false, error: ACK_ERRORS.notFound },
      log,
    );
    deps.extend?.(socket as never);
  });
  return nsp;
}

/**
 * The agents' screens hear what committed units of work did: offers, revoked offers, their contacts' new state,
 * their presence, waiting counts, and that the interne taken changed.
 */
export function pushToAgents(nsp: AgentNamespace, events: EventBus): void {
  const to = (agentId: string) => nsp.to(agentRoom(agentId));
  events.subscribe((e) => {
    switch (e.type) {
      case 'contact-offered':
        return void to(e.agentId).emit('contact:offered', e.offer);
      case 'offer-revoked':
        return void to(e.agentId).emit('offer:revoked', e.revoked);
      case 'contact-changed':
        return void to(e.agentId).emit('contact:updated', { contact: e.contact });
      case 'presence-changed':
        return void to(e.agentId).emit('presence:changed', e.state);
      case 'waiting-changed':
        return void nsp.to(e.agentIds.map(agentRoom)).emit('queue:waiting-changed', { items: e.items });
      case 'interne-taken-changed':
        return void nsp.emit('internetaken:changed');
      default:
        return;
    }
  });
}
