import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopOidcLogin } from './oidc-login';

const session = {
  token: 'access',
  refreshToken: 'sessie.geheim',
  expiresAt: '2026-12-07T10:15:00.000Z',
  user: { id: 'anna.devries@gemeente.test', name: 'Anna de Vries', roles: ['medewerker'] },
};

/**
 * A stand-in for the KCC server's two desktop endpoints and the identity provider: the real server's side of
 * this flow is tested against a real OpenID provider in apps/server (oidc.test.ts).
 */
async function fakeServer(
  finish: (body: { callbackQuery: string; codeVerifier: string }) => [number, unknown],
) {
  const seen: { start?: { redirectUri: string; codeChallenge: string }; finish?: unknown } = {};
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/auth/oidc/desktop/start') {
        seen.start = body;
        const idp = new URL('https://idp.gemeente.test/authorize');
        idp.searchParams.set('redirect_uri', body.redirectUri);
        idp.searchParams.set('state', 'staat-1');
        res.end(JSON.stringify({ authorizationUrl: idp.toString() }));
      } else {
        seen.finish = body;
        const [status, answer] = finish(body);
        res.statusCode = status;
        res.end(JSON.stringify(answer));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

/** The system browser: the provider logs the user in and redirects to the loopback with a code. */
const systemBrowser = (opened: string[]) => async (url: string) => {
  opened.push(url);
  const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
  redirect.search = new URLSearchParams({ code: 'code-1', state: 'staat-1' }).toString();
  await fetch(redirect);
};

describe('desktop login in the system browser (PKCE + loopback)', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('opens the system browser, receives the code on the loopback and returns the server session', async () => {
    const fake = await fakeServer(({ codeVerifier }) => [200, { ...session, verifier: codeVerifier }]);
    close = () => fake.server.close();
    const opened: string[] = [];
    const result = await desktopOidcLogin({ serverUrl: fake.url, openExternal: systemBrowser(opened) });

    expect(result.ok).toBe(true);
    expect(opened).toHaveLength(1);
    expect(fake.seen.start?.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const finish = fake.seen.finish as { callbackQuery: string; codeVerifier: string };
    expect(finish.callbackQuery).toBe('code=code-1&state=staat-1');
    // The verifier sent at the end belongs to the challenge sent at the start (S256).
    expect(createHash('sha256').update(finish.codeVerifier).digest('base64url')).toBe(
      fake.seen.start?.codeChallenge,
    );
  });

  it('passes the server’s Dutch reason on when the employee has no access', async () => {
    const detail = 'U heeft geen toegang tot de KCC Werkplek.';
    const fake = await fakeServer(() => [403, { title: 'Geen toegang', status: 403, detail }]);
    close = () => fake.server.close();
    const result = await desktopOidcLogin({ serverUrl: fake.url, openExternal: systemBrowser([]) });
    expect(result).toEqual({ ok: false, message: detail });
  });

  it('never opens anything but an http(s) URL', async () => {
    const opened: string[] = [];
    const result = await desktopOidcLogin({
      serverUrl: 'http://127.0.0.1:1',
      openExternal: async (url) => void opened.push(url),
      fetch: async () => new Response(JSON.stringify({ authorizationUrl: 'file:///etc/passwd' })),
    });
    expect(result.ok).toBe(false);
    expect(opened).toEqual([]);
  });
});
