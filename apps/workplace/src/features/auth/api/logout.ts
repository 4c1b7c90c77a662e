import { apiPaths, LogoutResponse } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { isDesktop } from '../../../lib/ipc';
import { sessionActions } from '../stores/session-store';
import { stopTokenRefresh } from './token-refresh';

const LOGOUT_WAIT_MS = 2000;
/** 204 for a local session; 200 `{endSessionUrl}` for a session from the identity provider. */
const logoutAnswer = {
  safeParse: (data: unknown) => {
    const parsed = LogoutResponse.safeParse(data ?? {});
    return { success: true as const, data: parsed.success ? parsed.data : {} };
  },
};

/**
 * Ends the session on the server (its tokens stop working, its sockets close), then in this window. The window
 * is logged out even when the server cannot be reached; the session then ends at its own expiry. A session from
 * the identity provider is also ended there: the browser goes to the provider's logout page, the desktop shell
 * opens it in the system browser (where that login lives).
 */
export async function logout(): Promise<void> {
  stopTokenRefresh();
  const answer = await Promise.race([
    apiRequest('POST', apiPaths.logout, logoutAnswer, { auth: true }, false).catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS)),
  ]);
  sessionActions.loggedOut();
  const endSessionUrl = answer?.endSessionUrl;
  if (!endSessionUrl || !/^https?:\/\//.test(endSessionUrl)) return;
  if (isDesktop()) window.open(endSessionUrl, '_blank', 'noopener');
  else window.location.assign(endSessionUrl);
}
