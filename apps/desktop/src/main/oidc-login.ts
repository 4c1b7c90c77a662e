import { createHash, randomBytes } from 'node:crypto';
import type { InvokeOutput } from '@kcc/contracts/ipc';
import type { LoginResponse } from '@kcc/contracts/rest';
import { mayOpenExternally } from './navigation-policy';
import { LoopbackStoppedError, startLoopback, type Loopback } from './oidc-loopback';

export type DesktopLoginResult = InvokeOutput<'kcc:auth:oidc-login'>;

export interface DesktopOidcDeps {
  serverUrl: string;
  /** The system browser (Electron's `shell.openExternal`). */
  openExternal(url: string): Promise<void>;
  fetch?: typeof fetch;
  loopback?: () => Promise<Loopback>;
}

const FAILED = 'Inloggen met uw organisatieaccount is mislukt. Probeer het opnieuw.';

async function post(deps: DesktopOidcDeps, path: string, body: unknown): Promise<Response> {
  return (deps.fetch ?? fetch)(`${deps.serverUrl.replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

async function problemDetail(res: Response): Promise<string> {
  const body = (await res.json().catch(() => undefined)) as { detail?: unknown } | undefined;
  return typeof body?.detail === 'string' ? body.detail : FAILED;
}

/**
 * "Inloggen met uw organisatieaccount" in the desktop shell (RFC 8252): a PKCE verifier that never leaves this
 * process until the code is redeemed, a loopback redirect on 127.0.0.1, the login itself in the system browser
 * (never in a window of the app), and the server's own session as the result.
 */
export async function desktopOidcLogin(deps: DesktopOidcDeps): Promise<DesktopLoginResult> {
  const codeVerifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const loopback = await (deps.loopback ?? startLoopback)();
  try {
    const started = await post(deps, '/api/auth/oidc/desktop/start', {
      redirectUri: loopback.redirectUri,
      codeChallenge,
    });
    if (!started.ok) return { ok: false, message: await problemDetail(started) };
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    if (!mayOpenExternally(authorizationUrl)) return { ok: false, message: FAILED };
    await deps.openExternal(authorizationUrl);
    const query = await loopback.response;
    const finished = await post(deps, '/api/auth/oidc/desktop/finish', {
      callbackQuery: query.toString(),
      codeVerifier,
    });
    if (!finished.ok) return { ok: false, message: await problemDetail(finished) };
    return { ok: true, session: (await finished.json()) as LoginResponse };
  } catch (error) {
    // Network errors say nothing useful to an employee; the loopback's own (Dutch) reasons do.
    return { ok: false, message: error instanceof LoopbackStoppedError ? error.message : FAILED };
  } finally {
    loopback.close();
  }
}
