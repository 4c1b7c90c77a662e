import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long the system browser may take for the login before the shell stops waiting. */
export const LOOPBACK_TIMEOUT_MS = 5 * 60 * 1000;

export interface Loopback {
  /** `http://127.0.0.1:<port>/callback`: the redirect URI of this one login. */
  redirectUri: string;
  /** The authorization response's query; rejects on timeout or `close()`. */
  response: Promise<URLSearchParams>;
  /** Stop listening (idempotent); a pending `response` rejects. */
  close(): void;
}

/** The loopback stopped waiting (timeout or close); its message is Dutch, for the login screen. */
export class LoopbackStoppedError extends Error {
  override name = 'LoopbackStoppedError';
}

export type SetTimer = (ms: number, fn: () => void) => () => void;
const realTimer: SetTimer = (ms, fn) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

const PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>KCC Werkplek</title></head>
<body style="font-family: sans-serif; margin: 3rem"><h1>U bent terug bij de KCC Werkplek</h1>
<p>U kunt dit venster sluiten en verder werken in de KCC Werkplek.</p></body></html>`;

/**
 * RFC 8252 loopback redirect for one login: listen on 127.0.0.1 on a port the OS picks, take the first request to
 * `/callback`, answer it with a short page, and close the listener. Anything else gets 404 and is ignored.
 */
export async function startLoopback(
  options: { timeoutMs?: number; setTimer?: SetTimer } = {},
): Promise<Loopback> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}/callback`;

  let settle: { resolve(q: URLSearchParams): void; reject(e: Error): void } | undefined;
  const response = new Promise<URLSearchParams>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Closing before anyone awaits the response (the server refused to start the login) is not an error.
  response.catch(() => undefined);
  let closed = false;
  let cancelTimer: () => void = () => undefined;
  const close = (error?: LoopbackStoppedError) => {
    if (closed) return;
    closed = true;
    cancelTimer();
    server.close();
    server.closeAllConnections();
    settle?.reject(error ?? new LoopbackStoppedError('Inloggen is gestopt.'));
  };

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    if (req.method !== 'GET' || url.pathname !== '/callback' || closed) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Niet gevonden');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      connection: 'close',
    });
    res.end(PAGE, () => {
      settle?.resolve(url.searchParams);
      close();
    });
  });
  cancelTimer = (options.setTimer ?? realTimer)(options.timeoutMs ?? LOOPBACK_TIMEOUT_MS, () =>
    close(new LoopbackStoppedError('Inloggen duurde te lang. Probeer het opnieuw.')),
  );
  return { redirectUri, response, close: () => close() };
}
