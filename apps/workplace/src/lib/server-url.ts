import { getDesktopServerUrl } from './ipc';

/**
 * Where the sync server lives. In the browser the server serves the workplace itself, so it is this page's
 * origin (the Vite dev server proxies to it). Inside Electron the desktop settings say where it is.
 */
export async function resolveServerUrl(): Promise<string> {
  const desktopUrl = await getDesktopServerUrl();
  const url = desktopUrl ?? window.location.origin;
  return url.replace(/\/+$/, '');
}
