import type { FastifyInstance } from 'fastify';
import { LoginRequest, type LoginResponse } from '@kcc/contracts/rest';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { memoryRateLimitStore, retryAfterSeconds } from '../rate-limit/rate-limiter';
import { LoginLimits } from './login-limits';
import { dummyHash, PasswordCheckBusyError, verifyPassword } from './password';
import type { TokenService } from './tokens';
import type { UsersRepository } from './users.repository';

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { users: UsersRepository; tokens: TokenService; limits?: LoginLimits },
): void {
  const limits = deps.limits ?? new LoginLimits(memoryRateLimitStore);
  app.post('/api/auth/login', async (request, reply) => {
    const body = parseOrThrow(LoginRequest, request.body, 'body');
    const wait = await limits.retryAfterMs(body.username, request.ip);
    if (wait > 0) throw problems.tooManyRequests(retryAfterSeconds(wait));

    const user = deps.users.findByUsername(body.username);
    let ok: boolean;
    try {
      ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    } catch (err) {
      if (err instanceof PasswordCheckBusyError) throw problems.tooManyRequests(1);
      throw err;
    }
    if (!user || !ok) {
      await limits.failed(body.username, request.ip);
      throw problems.unauthorized('Gebruikersnaam of wachtwoord klopt niet.');
    }
    await limits.succeeded(body.username, request.ip);
    const { token } = deps.tokens.issue(user.id, user.roles);
    const response: LoginResponse = { token, user: { id: user.id, name: user.name, roles: user.roles } };
    return reply.code(200).send(response);
  });
}
