import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DesktopOidcFinishRequest,
  DesktopOidcStartRequest,
  OIDC_FAILURE_MESSAGES,
  OidcSessionRequest,
  type AuthConfigResponse,
  type LoginResponse,
} from '@kcc/contracts/rest';
import { HttpProblem, problems } from '../../http/problem';
import { parseOrThrow } from '../../http/validate';
import { memoryRateLimitStore, RateLimiter, retryAfterSeconds, type RateLimitStore } from '../rate-limit';
import { OidcUnavailableError } from './oidc-client';
import { randomSecret, type OidcFlowStore } from './oidc-flows';
import type { OidcLogin, OidcLoginResult } from './oidc-login';
import type { SessionStore } from './sessions';
import type { UsersRepository } from './users.repository';

const COOKIE = 'kcc_oidc';
const COOKIE_PATH = '/api/auth/oidc';
/** Logins started per IP per minute (each one stores a pending flow). */
const STARTS_PER_IP_PER_MINUTE = 30;

function cookieValue(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

/**
 * `GET /api/auth/config` and the OpenID Connect login: `GET /api/auth/oidc/login` → provider →
 * `GET /api/auth/oidc/callback` → `/#oidc=<one-time code>` → `POST /api/auth/oidc/session`, and for the desktop
 * shell `POST /api/auth/oidc/desktop/start` + `/finish`. A successful login ends in this server's own session.
 */
export function registerOidcRoutes(
  app: FastifyInstance,
  deps: {
    /** Undefined: no identity provider configured; only `/api/auth/config` is registered. */
    login: OidcLogin | undefined;
    flows: OidcFlowStore | undefined;
    localLogin: boolean;
    publicBaseUrl: string;
    users: UsersRepository;
    sessions: SessionStore;
    answer: (user: LoginResponse['user'], sessionId: string, refreshToken: string) => Promise<LoginResponse>;
    /** Where the counters live (default: this process's memory; in a cluster: Redis). */
    rateLimitStore?: RateLimitStore;
  },
): void {
  app.get('/api/auth/config', async (): Promise<AuthConfigResponse> => ({
    oidc: deps.login !== undefined,
    localLogin: deps.localLogin,
  }));
  const { login, flows } = deps;
  if (!login || !flows) return;

  const starts = new RateLimiter(
    deps.rateLimitStore ?? memoryRateLimitStore,
    'oidc-start',
    STARTS_PER_IP_PER_MINUTE,
    60_000,
  );
  const limitStart = async (request: FastifyRequest) => {
    const hit = await starts.hit(request.ip);
    if (!hit.ok) throw problems.tooManyRequests(retryAfterSeconds(hit.retryAfterMs));
  };
  const secure = deps.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
  const callbackUri = `${deps.publicBaseUrl}/api/auth/oidc/callback`;
  const backToWorkplace = (reply: FastifyReply, fragment: string) =>
    reply
      .header('set-cookie', `${COOKIE}=; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=0${secure}`)
      .header('cache-control', 'no-store')
      .redirect(`/#${fragment}`, 302);
  const sessionFor = async (result: Extract<OidcLoginResult, { ok: true }>) => {
    const { session, refreshToken } = await deps.sessions.create(result.user.id, result.idToken);
    return deps.answer(result.user, session.id, refreshToken);
  };

  app.get('/api/auth/oidc/login', async (request, reply) => {
    await limitStart(request);
    const binding = randomSecret();
    let url: string;
    try {
      url = await login.startBrowser(callbackUri, binding);
    } catch (err) {
      if (!(err instanceof OidcUnavailableError)) throw err;
      request.log.warn({ err: err.message }, 'OIDC-login kan niet starten');
      return backToWorkplace(reply, 'oidc-fout=niet-beschikbaar');
    }
    return reply
      .header(
        'set-cookie',
        `${COOKIE}=${binding}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=600${secure}`,
      )
      .header('cache-control', 'no-store')
      .redirect(url, 302);
  });

  app.get('/api/auth/oidc/callback', async (request, reply) => {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    const result = await login.finish(query, { kind: 'browser', binding: cookieValue(request) });
    if (!result.ok) return backToWorkplace(reply, `oidc-fout=${result.reason}`);
    return backToWorkplace(reply, `oidc=${await flows.handoff(result.user.id, result.idToken)}`);
  });

  app.post('/api/auth/oidc/session', async (request) => {
    const { code } = parseOrThrow(OidcSessionRequest, request.body, 'body');
    const handoff = await flows.takeHandoff(code);
    const user = handoff ? await deps.users.findActiveById(handoff.userId) : undefined;
    if (!handoff || !user) throw problems.unauthorized(OIDC_FAILURE_MESSAGES.verlopen);
    return sessionFor({ ok: true, user, idToken: handoff.idToken });
  });

  app.post('/api/auth/oidc/desktop/start', async (request) => {
    const body = parseOrThrow(DesktopOidcStartRequest, request.body, 'body');
    await limitStart(request);
    try {
      return { authorizationUrl: await login.startDesktop(body.redirectUri, body.codeChallenge) };
    } catch (err) {
      if (err instanceof OidcUnavailableError)
        throw new HttpProblem(503, 'Niet beschikbaar', OIDC_FAILURE_MESSAGES['niet-beschikbaar']);
      throw err;
    }
  });

  app.post('/api/auth/oidc/desktop/finish', async (request) => {
    const body = parseOrThrow(DesktopOidcFinishRequest, request.body, 'body');
    const result = await login.finish(new URLSearchParams(body.callbackQuery), {
      kind: 'desktop',
      codeVerifier: body.codeVerifier,
    });
    if (!result.ok) {
      const detail = OIDC_FAILURE_MESSAGES[result.reason];
      if (result.reason === 'niet-beschikbaar') throw new HttpProblem(503, 'Niet beschikbaar', detail);
      throw result.reason === 'geen-rol' || result.reason === 'account-bestaat-lokaal'
        ? problems.forbidden(detail)
        : problems.unauthorized(detail);
    }
    return sessionFor(result);
  });
}
