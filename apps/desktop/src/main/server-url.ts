import { invokeContract } from '@kcc/contracts/ipc';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4700';

/** The contract's http(s) URL schema, so settings, CLI and IPC accept exactly the same addresses. */
const HttpUrl = invokeContract['kcc:config:set-server-url'].input.shape.url;

export function isHttpUrl(value: unknown): value is string {
  return HttpUrl.safeParse(value).success;
}

/**
 * Canonical form of a server URL: origin plus path without a trailing slash (`http://host:4700`,
 * `https://kcc.gemeente.nl/werkplek`). Query and hash are dropped: the workplace is always loaded from its root.
 */
export function normalizeServerUrl(value: string): string {
  if (!isHttpUrl(value)) throw new Error(`Geen geldig http- of https-adres: ${JSON.stringify(value)}`);
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
