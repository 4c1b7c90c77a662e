import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Socket } from 'socket.io';
import type { Role, User } from '@kcc/contracts/domain';
import type { SessionStore } from '../modules/auth/sessions';
import type { TokenService } from '../modules/auth/tokens';
import type { UsersRepository } from '../modules/auth/users.repository';
import { systemClock, type CancelTimer, type Clock } from '../shared/clock';
import { problems } from './problem';

const authenticated = new WeakMap<FastifyRequest, { user: User; sessionId: string }>();

export interface Authenticated {
  user: User;
  sessionId: string;
  /** When the access token expires (ms). */
  expiresAt: number;
}

export interface AuthGuard {
  /** preHandler: a valid Bearer token of an active session and an existing user, optionally with one of `roles`. */
  require(...roles: Role[]): preHandlerAsyncHookHandler;
  /** Resolve a token to its user and session; undefined when invalid, expired or its session ended. */
  authenticate(token: unknown): Promise<Authenticated | undefined>;
  /**
   * A socket's handshake token: the user, and the socket is disconnected when that token expires without an
   * `auth:renew {token}` of the same session, or when its session ends.
   */
  authenticateSocket(socket: Socket, token: unknown): Promise<User | undefined>;
  /** Logout or revocation: the session's tokens stop working and its sockets are disconnected now. */
  endSession(sessionId: string): Promise<void>;
}

export function createAuthGuard(
  tokens: TokenService,
  users: UsersRepository,
  sessions: SessionStore,
  clock: Clock = systemClock,
): AuthGuard {
  const socketsBySession = new Map<string, Set<Socket>>();

  const authenticate = async (token: unknown): Promise<Authenticated | undefined> => {
    const claims = await tokens.verify(token);
    if (!claims) return undefined;
    // One query: the session still active and the account as it is now (a change on another instance counts).
    const user = await users.findActiveInSession(claims.sub, claims.sid, clock.now());
    return user ? { user, sessionId: claims.sid, expiresAt: claims.exp * 1000 } : undefined;
  };

  const track = (socket: Socket, auth: Authenticated) => {
    let cancel: CancelTimer = () => undefined;
    const expireAt = (at: number) => {
      cancel();
      cancel = clock.setTimer(Math.max(0, at - clock.now()), () => socket.disconnect(true));
    };
    expireAt(auth.expiresAt);
    const set = socketsBySession.get(auth.sessionId) ?? new Set<Socket>();
    set.add(socket);
    socketsBySession.set(auth.sessionId, set);
    const on = socket.on.bind(socket) as (event: string, fn: (...args: unknown[]) => void) => void;
    on('auth:renew', (payload: unknown, ack: unknown) => {
      const token =
        typeof payload === 'object' && payload !== null ? (payload as { token?: unknown }).token : undefined;
      const reply = typeof ack === 'function' ? (ack as (res: unknown) => void) : () => undefined;
      void authenticate(token).then((renewed) => {
        if (!renewed || renewed.sessionId !== auth.sessionId || renewed.user.id !== auth.user.id) {
          reply({ ok: false, error: 'unauthorized' });
          return;
        }
        expireAt(renewed.expiresAt);
        reply({ ok: true });
      });
    });
    socket.once('disconnect', () => {
      cancel();
      set.delete(socket);
      if (set.size === 0) socketsBySession.delete(auth.sessionId);
    });
  };

  return {
    authenticate,
    async authenticateSocket(socket, token) {
      const auth = await authenticate(token);
      if (!auth) return undefined;
      track(socket, auth);
      return auth.user;
    },
    async endSession(sessionId) {
      await sessions.revoke(sessionId);
      for (const socket of socketsBySession.get(sessionId) ?? []) socket.disconnect(true);
      socketsBySession.delete(sessionId);
    },
    require(...roles) {
      return async (request) => {
        const header = request.headers.authorization;
        const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        if (!match) throw problems.unauthorized('Stuur een geldig Bearer-token mee.');
        const auth = await authenticate(match[1]);
        if (!auth) throw problems.unauthorized('Het token is ongeldig of verlopen. Log opnieuw in.');
        if (roles.length > 0 && !roles.some((r) => auth.user.roles.includes(r))) throw problems.forbidden();
        authenticated.set(request, { user: auth.user, sessionId: auth.sessionId });
      };
    },
  };
}

/** The user a guard authenticated for this request. */
export function currentUser(request: FastifyRequest): User {
  const entry = authenticated.get(request);
  if (!entry) throw problems.unauthorized();
  return entry.user;
}

/** The session of the request's token (logout). */
export function currentSessionId(request: FastifyRequest): string {
  const entry = authenticated.get(request);
  if (!entry) throw problems.unauthorized();
  return entry.sessionId;
}
