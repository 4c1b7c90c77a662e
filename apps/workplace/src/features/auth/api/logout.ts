import { apiPaths } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { sessionActions } from '../stores/session-store';
import { stopTokenRefresh } from './token-refresh';

const LOGOUT_WAIT_MS = 2000;
const noContent = { safeParse: (data: unknown) => ({ success: true as const, data }) };

/**
 * Ends the session on the server (its tokens stop working, its sockets close), then in this window. The window
 * is logged out even when the server cannot be reached; the session then ends at its own expiry.
 */
export async function logout(): Promise<void> {
  stopTokenRefresh();
  await Promise.race([
    apiRequest('POST', apiPaths.logout, noContent, { auth: true }, false).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS)),
  ]);
  sessionActions.loggedOut();
}
