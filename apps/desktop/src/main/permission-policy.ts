import { originOf } from './server-url';

/**
 * `setPermissionRequestHandler` / `setPermissionCheckHandler` (Electron checklist #5): deny everything except
 * notifications (offer alerts) and media (the softphone microphone), and those only for the workplace origin.
 */
const GRANTED = new Set(['notifications', 'media']);

export function mayGrantPermission(permission: string, requestingUrl: string, serverUrl: string): boolean {
  if (!GRANTED.has(permission)) return false;
  try {
    return originOf(requestingUrl) === originOf(serverUrl);
  } catch {
    return false;
  }
}
