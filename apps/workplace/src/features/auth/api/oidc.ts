import { useEffect, useState } from 'react';
import {
  apiPaths,
  AuthConfigResponse,
  LoginResponse,
  OIDC_FAILURE_MESSAGES,
  OidcLoginFailure,
} from '@kcc/contracts/rest';
import { apiRequest, getApiBaseUrl } from '../../../lib/api-client';
import { desktopOidcLogin, isDesktop } from '../../../lib/ipc';

/** Without an answer (an older server, no network) the login screen shows the username + password form. */
const LOCAL_ONLY: AuthConfigResponse = { oidc: false, localLogin: true };

/**
 * How the login screen offers login; undefined while asking. Not a react-query query: the app clears the query
 * cache whenever nobody is logged in, which is exactly when the login screen asks.
 */
export function useAuthConfig(): AuthConfigResponse | undefined {
  const [config, setConfig] = useState<AuthConfigResponse>();
  useEffect(() => {
    let live = true;
    void apiRequest('GET', apiPaths.authConfig, AuthConfigResponse, { auth: false })
      .catch(() => LOCAL_ONLY)
      .then((answer) => {
        if (live) setConfig(answer);
      });
    return () => {
      live = false;
    };
  }, []);
  return config;
}

export type OidcOutcome = { ok: true; session: LoginResponse } | { ok: false; message: string };

/**
 * "Inloggen met uw organisatieaccount". In the browser the page goes to the server, which sends it on to the
 * identity provider and back to `/#oidc=<code>` (resolves never: the page is left). In the desktop shell main
 * runs the login in the system browser and answers with the session.
 */
export async function startOidcLogin(): Promise<OidcOutcome> {
  if (isDesktop()) {
    const result = await desktopOidcLogin();
    return result ?? { ok: false, message: OIDC_FAILURE_MESSAGES.mislukt };
  }
  window.location.assign(`${getApiBaseUrl()}${apiPaths.oidcLogin}`);
  return new Promise(() => undefined);
}

/**
 * The redirect back from the server: `#oidc=<one-time code>` is exchanged for the session, `#oidc-fout=<reden>`
 * becomes a Dutch message. The fragment is removed at once (history), so a reload does not try again.
 */
export async function completeOidcReturn(): Promise<OidcOutcome | undefined> {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash.startsWith('oidc')) return undefined;
  const params = new URLSearchParams(hash);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const failure = params.get('oidc-fout');
  if (failure !== null) {
    const reason = OidcLoginFailure.safeParse(failure);
    return { ok: false, message: OIDC_FAILURE_MESSAGES[reason.success ? reason.data : 'mislukt'] };
  }
  const code = params.get('oidc');
  if (!code) return undefined;
  try {
    const session = await apiRequest('POST', apiPaths.oidcSession, LoginResponse, {
      body: { code },
      auth: false,
    });
    return { ok: true, session };
  } catch {
    return { ok: false, message: OIDC_FAILURE_MESSAGES.verlopen };
  }
}

let returnOnce: Promise<OidcOutcome | undefined> | undefined;
/** The redirect back is handled once per page load (React may mount the login screen twice). */
export function oidcReturnOnce(): Promise<OidcOutcome | undefined> {
  returnOnce ??= completeOidcReturn();
  return returnOnce;
}
/** True while this page load came back from the identity provider and is still exchanging its code. */
export function oidcReturnPending(): boolean {
  return returnOnce === undefined && /^#oidc/.test(window.location.hash);
}
/** Tests only: handle the next page's fragment again. */
export const resetOidcReturnForTests = () => {
  returnOnce = undefined;
};
