import { originOf } from './server-url';

/**
 * Content-Security-Policy for the workplace, sent as a response header by main (Electron checklist #7).
 * `connect-src` names the socket.io origin explicitly (ws: for http, wss: for https) because not every
 * Chromium treats `'self'` as covering the websocket scheme.
 */
export function buildCsp(serverUrl: string): string {
  const origin = originOf(serverUrl);
  const socketOrigin = origin.replace(/^http/, 'ws');
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // React and Tailwind set inline styles; scripts stay strict.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", origin, socketOrigin],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export type ResponseHeaders = Record<string, string[] | string>;

/**
 * Response headers with our CSP added for responses from the workplace origin. Any CSP the server already
 * sent is kept too (the browser enforces every policy), so ours can only tighten, never loosen.
 */
export function withCspHeader(
  url: string,
  headers: ResponseHeaders | undefined,
  serverUrl: string,
  csp = buildCsp(serverUrl),
): ResponseHeaders {
  const result: ResponseHeaders = { ...(headers ?? {}) };
  let sameOrigin: boolean;
  try {
    sameOrigin = originOf(url) === originOf(serverUrl);
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin) return result;
  const existingKey = Object.keys(result).find((key) => key.toLowerCase() === 'content-security-policy');
  const existing = existingKey === undefined ? [] : ([] as string[]).concat(result[existingKey] ?? []);
  if (existingKey !== undefined) delete result[existingKey];
  result['Content-Security-Policy'] = [...existing, csp];
  return result;
}
