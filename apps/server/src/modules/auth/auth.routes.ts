import type { FastifyInstance } from 'fastify';
import { LoginRequest, type LoginResponse } from '@kcc/contracts/rest';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { LoginRateLimiter } from './login-rate-limiter';
import { dummyHash, verifyPassword } from './password';
import type { TokenService } from './tokens';
import type { UsersRepository } from './users.repository';

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { users: UsersRepository; tokens: TokenService; limiter?: LoginRateLimiter },
): void {
  const limiter = deps.limiter ?? new LoginRateLimiter();
  app.post('/api/auth/login', async (request, reply) => {
    const body = parseOrThrow(LoginRequest, request.body, 'body');
    const key = `${body.username.toLowerCase()}|${request.ip}`;
    const now = Date.now();
    const wait = limiter.retryAfterSeconds(key, now);
    if (wait > 0) throw problems.tooManyRequests(wait);

    const user = deps.users.findByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) {
      limiter.recordFailure(key, now);
      throw problems.unauthorized('Gebruikersnaam of wachtwoord klopt niet.');
    }
    limiter.reset(key);
    const { token } = deps.tokens.issue(user.id, user.roles);
    const response: LoginResponse = { token, user: { id: user.id, name: user.name, roles: user.roles } };
    return reply.code(200).send(response);
  });
}
