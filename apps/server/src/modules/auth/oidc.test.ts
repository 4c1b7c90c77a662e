import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthConfigResponse, LoginResponse } from '@kcc/contracts/rest';
import { loginAtProvider } from '../../../test-support/oidc-test-browser';
import {
  startTestProvider,
  TEST_ACCOUNTS,
  TEST_ROLE_MAP,
  type TestAccount,
  type TestProvider,
} from '../../../test-support/oidc-test-provider';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { TestClock } from '../../../test-support/test-clock';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { storeRows } from '../../../test-support/store-rows';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import type { AuthStoreTables } from './auth.store-migrations';
import { FLOW_LIFETIME_MS } from './oidc-flows';

/** Issue 11, OIDC: login through a real OpenID provider (oidc-provider) started in this process. */
describeEachStore('login with the identity provider (OpenID Connect)', (stores) => {
  let server: TestServer | undefined;
  let provider: TestProvider | undefined;
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    await provider?.close();
    await database?.drop();
    server = undefined;
    provider = undefined;
    database = undefined;
  });
  const sessionCount = async (s: TestServer) =>
    (
      await s.store
        .kysely<AuthStoreTables>()
        .selectFrom('auth_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  const start = async (
    options: { accounts?: TestAccount[]; clientSecret?: string; env?: Record<string, string> } = {},
  ) => {
    const clock = new TestClock();
    provider = await startTestProvider({
      ...(options.accounts ? { accounts: options.accounts } : {}),
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    });
    database = await stores.freshDatabase();
    server = await startTestServer(
      {
        ...database.env,
        KCC_DEMO: '0',
        KCC_OIDC_ISSUER: provider.issuer,
        KCC_OIDC_CLIENT_ID: provider.clientId,
        KCC_OIDC_ROLE_MAP: TEST_ROLE_MAP,
        ...(options.clientSecret ? { KCC_OIDC_CLIENT_SECRET: options.clientSecret } : {}),
        ...options.env,
      },
      { klantinteracties: createFakeKlantinteracties(), authClock: clock },
    );
    return { s: server, p: provider, clock };
  };

  /** The browser flow up to the redirect back into the workplace: `/#oidc=…` or `/#oidc-fout=…`. */
  const browserLogin = async (s: TestServer, login: string, tamper?: () => void) => {
    const startRes = await fetch(`${s.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(startRes.status).toBe(302);
    const cookie = startRes.headers.get('set-cookie')!.split(';')[0]!;
    tamper?.();
    const callback = await loginAtProvider(startRes.headers.get('location')!, login);
    expect(callback.pathname).toBe('/api/auth/oidc/callback');
    const back = await fetch(`${s.url}${callback.pathname}${callback.search}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(back.status).toBe(302);
    const fragment = new URLSearchParams(back.headers.get('location')!.replace(/^\/#/, ''));
    return { code: fragment.get('oidc'), failure: fragment.get('oidc-fout'), callback, cookie };
  };
  const exchange = (s: TestServer, code: string) =>
    fetch(`${s.url}/api/auth/oidc/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  const loginAs = async (s: TestServer, login: string) => {
    const { code, failure } = await browserLogin(s, login);
    expect(failure).toBeNull();
    const res = await exchange(s, code!);
    expect(res.status).toBe(200);
    return (await res.json()) as LoginResponse;
  };

  it('tells the login screen that OIDC is on and local login off (demo mode off)', async () => {
    const { s } = await start();
    const config = (await (await fetch(`${s.url}/api/auth/config`)).json()) as AuthConfigResponse;
    expect(config).toEqual({ oidc: true, localLogin: false });
    const local = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'anna', password: 'demo' }),
    });
    expect(local.status).toBe(403);
  });

  it('logs an employee in and issues the server’s own session for the mapped role', async () => {
    const { s } = await start();
    const session = await loginAs(s, 'anna');
    expect(session.user).toEqual({
      id: 'anna.devries@gemeente.test',
      name: 'Anna de Vries',
      roles: ['medewerker'],
    });
    expect(session.refreshToken).toBeTruthy();
    const me = await fetch(`${s.url}/api/me`, { headers: bearer(session.token) });
    expect(me.status).toBe(200);
    // A medewerker is an agent from the first login: the /agent socket admits them.
    const socket = await s.connectAgent(session.token);
    expect(socket.connected).toBe(true);
    // The same session refreshes like a local one.
    const refreshed = await fetch(`${s.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
  });

  it('maps IdP roles to workplace roles; unmapped IdP roles give nothing', async () => {
    const { s } = await start();
    const session = await loginAs(s, 'tess');
    expect(session.user.roles).toEqual(['teamleider']);
  });

  it('denies by default: no mapped role, no account and no session', async () => {
    const { s } = await start();
    const { code, failure } = await browserLogin(s, 'piet');
    expect(code).toBeNull();
    expect(failure).toBe('geen-rol');
    expect(await storeRows(s.store, sql`SELECT id FROM users`)).toEqual([]);
    expect(await sessionCount(s)).toBe(0);
  });

  it('refuses a login without the employee claim', async () => {
    const { s } = await start();
    expect((await browserLogin(s, 'zonder')).failure).toBe('geen-medewerker-id');
  });

  it.each([
    ['wrong-signature', 'signed with a key the provider did not publish'],
    ['wrong-audience', 'for another client'],
    ['expired', 'expired'],
    ['hs256', 'HS256 (algorithm not allowed)'],
  ] as const)('refuses an ID token that is %s (%s)', async (tamper, _what) => {
    const { s, p } = await start();
    const { code, failure } = await browserLogin(s, 'anna', () => p.setTamper(tamper));
    expect(code).toBeNull();
    expect(failure).toBe('mislukt');
    expect(await sessionCount(s)).toBe(0);
  });

  it('uses state, the hand-off code and the browser binding once, and only in the browser that started', async () => {
    const { s } = await start();
    const first = await browserLogin(s, 'anna');
    // The callback again (a replayed authorization response): its state is used up.
    const replay = await fetch(`${s.url}${first.callback.pathname}${first.callback.search}`, {
      redirect: 'manual',
      headers: { cookie: first.cookie },
    });
    expect(replay.headers.get('location')).toBe('/#oidc-fout=verlopen');
    expect((await exchange(s, first.code!)).status).toBe(200);
    expect((await exchange(s, first.code!)).status).toBe(401);

    // Finished without the cookie of the browser that started it (login CSRF): refused.
    const startRes = await fetch(`${s.url}/api/auth/oidc/login`, { redirect: 'manual' });
    const callback = await loginAtProvider(startRes.headers.get('location')!, 'anna');
    const foreign = await fetch(`${s.url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
    expect(foreign.headers.get('location')).toBe('/#oidc-fout=verlopen');
  });

  it('lets a pending login expire on the auth clock', async () => {
    const { s, clock } = await start();
    const startRes = await fetch(`${s.url}/api/auth/oidc/login`, { redirect: 'manual' });
    const cookie = startRes.headers.get('set-cookie')!.split(';')[0]!;
    const callback = await loginAtProvider(startRes.headers.get('location')!, 'anna');
    clock.advance(FLOW_LIFETIME_MS + 1);
    const back = await fetch(`${s.url}${callback.pathname}${callback.search}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(back.headers.get('location')).toBe('/#oidc-fout=verlopen');
  });

  it('fetches the provider’s JWKS once for many logins', async () => {
    const { s, p } = await start();
    await loginAs(s, 'anna');
    await loginAs(s, 'tess');
    await loginAs(s, 'anna');
    expect(p.jwksRequests()).toBe(1);
  });

  it('logout ends the server session and gives the provider’s end_session URL', async () => {
    const { s, p } = await start();
    const session = await loginAs(s, 'anna');
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: bearer(session.token) });
    expect(res.status).toBe(200);
    const { endSessionUrl } = (await res.json()) as { endSessionUrl: string };
    const url = new URL(endSessionUrl);
    expect(url.origin).toBe(p.issuer);
    expect(url.searchParams.get('id_token_hint')).toBeTruthy();
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${s.url}/`);
    // The provider accepts it: it asks to confirm the logout (no error page).
    const confirm = await fetch(endSessionUrl, { redirect: 'manual' });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('logout');

    expect((await fetch(`${s.url}/api/me`, { headers: bearer(session.token) })).status).toBe(401);
    const refreshed = await fetch(`${s.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(refreshed.status).toBe(401);
  });

  it('never takes over a local account with the same name', async () => {
    const { s } = await start({
      accounts: [{ sub: 'kaper', email: 'bea', name: 'Niet Bea', roles: ['kcc-agents'] }],
      env: { KCC_DEMO: '1' },
    });
    expect((await browserLogin(s, 'kaper')).failure).toBe('account-bestaat-lokaal');
    expect(await storeRows(s.store, sql`SELECT roles FROM users WHERE username = 'bea'`)).toEqual([
      { roles: '["beheerder"]' },
    ]);
  });

  it('works with a confidential client (client secret) too', async () => {
    const { s } = await start({ clientSecret: 'een-geheim-van-de-test' });
    expect((await loginAs(s, 'anna')).user.roles).toEqual(['medewerker']);
  });

  describe('desktop shell (loopback redirect, RFC 8252)', () => {
    const pkce = () => {
      const verifier = randomBytes(32).toString('base64url');
      return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
    };
    const post = (s: TestServer, path: string, body: unknown) =>
      fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('logs in with the shell’s own PKCE verifier and loopback redirect', async () => {
      const { s } = await start();
      const { verifier, challenge } = pkce();
      const redirectUri = 'http://127.0.0.1:49152/callback';
      const started = await post(s, '/api/auth/oidc/desktop/start', {
        redirectUri,
        codeChallenge: challenge,
      });
      expect(started.status).toBe(200);
      const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
      expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(redirectUri);
      const callback = await loginAtProvider(authorizationUrl, 'anna');
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);

      const wrong = pkce();
      const stolen = await post(s, '/api/auth/oidc/desktop/finish', {
        callbackQuery: callback.search.slice(1),
        codeVerifier: wrong.verifier,
      });
      expect(stolen.status).toBe(401);

      // The state is used up by the failed attempt: start again with the right verifier.
      const again = await post(s, '/api/auth/oidc/desktop/start', { redirectUri, codeChallenge: challenge });
      const url2 = ((await again.json()) as { authorizationUrl: string }).authorizationUrl;
      const callback2 = await loginAtProvider(url2, 'anna');
      const finished = await post(s, '/api/auth/oidc/desktop/finish', {
        callbackQuery: callback2.search.slice(1),
        codeVerifier: verifier,
      });
      expect(finished.status).toBe(200);
      expect(((await finished.json()) as LoginResponse).user.id).toBe('anna.devries@gemeente.test');
    });

    it('refuses a redirect URI other than the loopback and says why a user without role is refused', async () => {
      const { s } = await start();
      const { verifier, challenge } = pkce();
      const evil = await post(s, '/api/auth/oidc/desktop/start', {
        redirectUri: 'http://evil.example/callback',
        codeChallenge: challenge,
      });
      expect(evil.status).toBe(400);
      const started = await post(s, '/api/auth/oidc/desktop/start', {
        redirectUri: 'http://127.0.0.1:49153/callback',
        codeChallenge: challenge,
      });
      const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
      const callback = await loginAtProvider(authorizationUrl, 'piet');
      const finished = await post(s, '/api/auth/oidc/desktop/finish', {
        callbackQuery: callback.search.slice(1),
        codeVerifier: verifier,
      });
      expect(finished.status).toBe(403);
      expect(((await finished.json()) as { detail: string }).detail).toMatch(/geen toegang/);
    });
  });

  it('answers bad input with 400 or a refusal, never 500, and limits login starts per IP', async () => {
    const { s } = await start();
    const post = (path: string, body: unknown) =>
      fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const body of [{}, { code: 'kort' }, { code: 'x'.repeat(500) }, { code: 1 }, [], null]) {
      expect((await post('/api/auth/oidc/session', body)).status).toBe(400);
    }
    expect((await post('/api/auth/oidc/session', { code: 'x'.repeat(43) })).status).toBe(401);
    for (const body of [{}, { callbackQuery: 'code=1&state=2', codeVerifier: 'kort' }]) {
      expect((await post('/api/auth/oidc/desktop/finish', body)).status).toBe(400);
    }
    for (const query of ['', '?state=', '?code=a&state=b', '?error=access_denied', '?state=%ZZ&code[]=1']) {
      const res = await fetch(`${s.url}/api/auth/oidc/callback${query}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/#oidc-fout=verlopen');
    }
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await fetch(`${s.url}/api/auth/oidc/login`, { redirect: 'manual' })).status);
    }
    expect(statuses.slice(0, 30).every((st) => st === 302)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('the verwerkingenlog names the employee identifier', async () => {
    const { s } = await start({ env: { KCC_DEMO: '1' } });
    const session = await loginAs(s, 'anna');
    const res = await fetch(`${s.url}/api/klantbeeld/persoon/999993653?doel=klantvraag_zonder_contact`, {
      headers: bearer(session.token),
    });
    expect(res.status).toBe(200);
    const rows = await storeRows(
      s.store,
      sql`SELECT DISTINCT gebruiker_id, gebruiker_naam FROM audit_verwerkingsacties`,
    );
    expect(rows).toEqual([{ gebruiker_id: 'anna.devries@gemeente.test', gebruiker_naam: 'Anna de Vries' }]);
  });

  it('keeps the test accounts in line with the role map', () => {
    expect(TEST_ACCOUNTS.map((a) => a.sub)).toEqual(['anna', 'tess', 'piet', 'zonder']);
  });
});
