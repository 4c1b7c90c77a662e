import { apiPaths, LoginResponse } from '@kcc/contracts/rest';
import { apiRequest, ApiError } from '../../../lib/api-client';
import { currentCredentials, sessionActions } from '../stores/session-store';

/** Refresh this long before the access token expires (clock drift, a slow network). */
const REFRESH_BEFORE_MS = 60_000;

type Listener = (token: string) => void;
const listeners = new Set<Listener>();
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | undefined;

/** Called with every new access token: open sockets send it to the server (`auth:renew`). */
export function onAccessTokenRenewed(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A socket that keeps its session: it re-authenticates with the newest token on reconnect and on renewal. */
export function renewSocketAuth(socket: { emit(event: string, ...args: unknown[]): unknown }): () => void {
  return onAccessTokenRenewed((token) => socket.emit('auth:renew', { token }));
}

/**
 * Exchange the refresh token for a new access token (rotation). `false` when the session has ended (logout
 * elsewhere, revoked, 12 hours): the session is then closed with "Uw sessie is verlopen".
 */
export function refreshAccessToken(): Promise<boolean> {
  inFlight ??= (async () => {
    const refreshToken = currentCredentials()?.refreshToken;
    if (!refreshToken) return false;
    try {
      const next = await apiRequest('POST', apiPaths.refresh, LoginResponse, {
        body: { refreshToken },
        auth: false,
      });
      sessionActions.tokenRefreshed(next);
      for (const listener of listeners) listener(next.token);
      scheduleTokenRefresh();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) sessionActions.sessionExpired();
      else scheduleTokenRefresh(REFRESH_BEFORE_MS / 2);
      return false;
    }
  })().finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

/** Plan the next refresh from the current token's expiry (or retry after `retryMs`). */
export function scheduleTokenRefresh(retryMs?: number): void {
  clearTimeout(timer);
  const expiresAt = currentCredentials()?.expiresAt;
  if (!expiresAt && retryMs === undefined) return;
  const wait = retryMs ?? Math.max(0, Date.parse(expiresAt!) - Date.now() - REFRESH_BEFORE_MS);
  timer = setTimeout(() => void refreshAccessToken(), wait);
}

export function stopTokenRefresh(): void {
  clearTimeout(timer);
  timer = undefined;
}
