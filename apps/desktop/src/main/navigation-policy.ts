import { isHttpUrl, originOf } from './server-url';

function sameOrigin(url: string, serverUrl: string): boolean {
  try {
    return originOf(url) === originOf(serverUrl);
  } catch {
    return false;
  }
}

/**
 * `will-navigate` / `will-redirect`: the window may only move within the workplace origin
 * (Electron checklist #13). Everything else — other sites, file:, data:, javascript:, custom schemes — is refused.
 */
export function mayNavigate(url: string, serverUrl: string): boolean {
  return sameOrigin(url, serverUrl);
}

export type WindowOpenDecision =
  /** Never a new Electron window (checklist #14); a web link goes to the system browser instead. */
  { action: 'deny'; openExternally: string | undefined };

/**
 * `setWindowOpenHandler`: always deny. An http(s) link (e.g. a kennisbank article opened with target=_blank) is
 * handed to the system browser after the same http(s) check; any other scheme is dropped (checklist #15).
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: mayOpenExternally(url) ? url : undefined };
}

/** Only plain http(s) URLs (validated by the contract's schema) may reach `shell.openExternal`. */
export function mayOpenExternally(url: string): boolean {
  return isHttpUrl(url);
}
