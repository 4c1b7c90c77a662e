import type { FastifyInstance } from 'fastify';
import { LoginRequest, RefreshRequest } from '@kcc/contracts/rest';
import { currentSessionId, type AuthGuard } from '../../http/auth-guard';
import { problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { memoryRateLimitStore, retryAfterSeconds, type RateLimitStore } from '../rate-limit';
import { LoginLimits } from './login-limits';
import { loginResponse } from './login-response';
import { dummyHash, PasswordCheckBusyError, verifyPassword } from './password';
import type { SessionStore } from './sessions';
import type { TokenService } from './tokens';
import type { UsersRepository } from './users.repository';

/** `POST /api/auth/login`, `/refresh` and `/logout` (issue 11 §6, §9). */
export function registerAuthRoutes(
  app: FastifyInstance,
  deps: {
    users: UsersRepository;
    tokens: TokenService;
    sessions: SessionStore;
    guard: AuthGuard;
    limits?: LoginLimits;
    /** Where the counters live (default: this process's memory; in a cluster: Redis). */
    rateLimitStore?: RateLimitStore;
    /** False when the identity provider is the only way in (OIDC without demo mode or KCC_LOCAL_LOGIN=1). */
    localLogin?: boolean;
    /** The identity provider's logout URL for a session that started there (its end_session_endpoint). */
    endSessionUrl?: (sessionId: string) => Promise<string | undefined>;
  },
): void {
  const limits = deps.limits ?? new LoginLimits(deps.rateLimitStore ?? memoryRateLimitStore);
  const answer = (user: Parameters<typeof loginResponse>[1], sessionId: string, refreshToken: string) =>
    loginResponse(deps.tokens, user, sessionId, refreshToken);

  app.post('/api/auth/login', async (request, reply) => {
    if (deps.localLogin === false)
      throw problems.forbidden(
        'Inloggen met gebruikersnaam en wachtwoord staat uit. Log in met uw organisatieaccount.',
      );
    const body = parseOrThrow(LoginRequest, request.body, 'body');
    const wait = await limits.retryAfterMs(body.username, request.ip);
    if (wait > 0) throw problems.tooManyRequests(retryAfterSeconds(wait));

    const user = await deps.users.findByUsername(body.username);
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
    const { session, refreshToken } = await deps.sessions.create(user.id);
    return reply.code(200).send(await answer(user, session.id, refreshToken));
  });

  app.post('/api/auth/refresh', async (request) => {
    const { refreshToken } = parseOrThrow(RefreshRequest, request.body, 'body');
    const refreshed = await deps.sessions.refresh(refreshToken);
    const user = refreshed ? await deps.users.findActiveById(refreshed.session.userId) : undefined;
    if (!refreshed || !user) throw problems.unauthorized('Uw sessie is verlopen. Log opnieuw in.');
    return answer(user, refreshed.session.id, refreshed.refreshToken);
  });

  app.post('/api/auth/logout', { preHandler: deps.guard.require() }, async (request, reply) => {
    const sessionId = currentSessionId(request);
    const endSessionUrl = await deps.endSessionUrl?.(sessionId).catch((err: unknown) => {
      request.log.warn({ err: String(err) }, 'uitloggen bij de identity provider niet mogelijk');
      return undefined;
    });
    await deps.guard.endSession(sessionId);
    // A session from the identity provider: the workplace also ends the provider's session there.
    if (endSessionUrl) return reply.code(200).send({ endSessionUrl });
    return reply.code(204).send();
  });
}
