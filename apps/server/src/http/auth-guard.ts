import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role, User } from '@kcc/contracts/domain';
import type { TokenService } from '../modules/auth/tokens';
import type { UsersRepository } from '../modules/auth/users.repository';
import { problems } from './problem';

const authenticated = new WeakMap<FastifyRequest, User>();

export interface AuthGuard {
  /** preHandler: a valid Bearer token of an existing user, optionally with one of `roles`. */
  require(...roles: Role[]): preHandlerAsyncHookHandler;
  /** Resolve a token to its user (also used by the socket namespace). */
  userFromToken(token: unknown): User | undefined;
}

export function createAuthGuard(tokens: TokenService, users: UsersRepository): AuthGuard {
  const userFromToken = (token: unknown): User | undefined => {
    const claims = tokens.verify(token);
    return claims ? users.findActiveById(claims.sub) : undefined;
  };
  return {
    userFromToken,
    require(...roles) {
      return async (request) => {
        const header = request.headers.authorization;
        const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        if (!match) throw problems.unauthorized('Stuur een geldig Bearer-token mee.');
        const user = userFromToken(match[1]);
        if (!user) throw problems.unauthorized('Het token is ongeldig of verlopen. Log opnieuw in.');
        if (roles.length > 0 && !roles.some((r) => user.roles.includes(r))) throw problems.forbidden();
        authenticated.set(request, user);
      };
    },
  };
}

/** The user a guard authenticated for this request. */
export function currentUser(request: FastifyRequest): User {
  const user = authenticated.get(request);
  if (!user) throw problems.unauthorized();
  return user;
}
