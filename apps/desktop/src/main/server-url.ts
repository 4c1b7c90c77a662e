import { invokeContract } from '@kcc/contracts/ipc';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4700';

/** The contract's http(s) URL schema (the server URL the renderer is told). */
const HttpUrl = invokeContract['kcc:config:get'].output.shape.serverUrl;
/** Plain http is only for a server on this machine; anywhere else the token would cross the network in the clear. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/** Any http(s) URL (a link for the system browser). */
export function isHttpUrl(value: unknown): value is string {
  return HttpUrl.safeParse(value).success;
}

/** A server the window may load: https anywhere, plain http only on localhost or 127.0.0.1. */
export function isServerUrl(value: unknown): value is string {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Canonical form of a server URL: origin plus path without a trailing slash (`http://host:4700`,
 * `https://kcc.gemeente.nl/werkplek`). Query and hash are dropped: the workplace is always loaded from its root.
 */
export function normalizeServerUrl(value: string): string {
  if (!isServerUrl(value)) {
    throw new Error(
      `Geen geldig serveradres: ${JSON.stringify(value)} (https, of http alleen op localhost of 127.0.0.1)`,
    );
  }
  const url = new URL(value);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** The origin every IPC sender, navigation and permission request is compared with. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** The URL the window loads: the server serves the built workplace at its root. */
export function workplaceUrl(serverUrl: string): string {
  return `${normalizeServerUrl(serverUrl)}/`;
}
