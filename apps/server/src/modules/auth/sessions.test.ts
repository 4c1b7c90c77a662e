import { afterEach, expect, it } from 'vitest';
import type { LoginResponse } from '@kcc/contracts/rest';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { TestClock } from '../../../test-support/test-clock';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { ACCESS_TOKEN_LIFETIME_MS } from './tokens';

/** Issue 11 §9: server-side logout and revocation, short access tokens with refresh, sockets that follow. */
describeEachStore('sessions', (stores) => {
  let server: TestServer | undefined;
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
    server = undefined;
    database = undefined;
  });

  const start = async (clock?: TestClock) => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env, {
      klantinteracties: createFakeKlantinteracties(),
      ...(clock ? { authClock: clock } : {}),
    });
    return server;
  };
  const post = (s: TestServer, path: string, body?: unknown, token?: string) =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: {
        ...(token ? bearer(token) : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const login = async (s: TestServer, username = 'anna') =>
    (await (await post(s, '/api/auth/login', { username, password: 'demo' })).json()) as LoginResponse;
  const me = (s: TestServer, token: string) =>
    fetch(`${s.url}/api/me`, { headers: bearer(token) }).then((r) => r.status);

  it('logout ends the session on the server: its token stops working and its sockets are disconnected', async () => {
    const s = await start();
    const session = await login(s);
    const other = await login(s);
    const socket = await s.connectAgent(session.token);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(await me(s, session.token)).toBe(200);

    expect((await post(s, '/api/auth/logout', undefined, session.token)).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(await me(s, session.token)).toBe(401);
    expect((await post(s, '/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    await expect(s.connectAgent(session.token)).rejects.toThrow('unauthorized');
    // Another login of the same user (another window) is not affected.
    expect(await me(s, other.token)).toBe(200);
  });

  it('a short access token is refreshed with a rotating refresh token; a reused one revokes the session', async () => {
    const clock = new TestClock();
    const s = await start(clock);
    const first = await login(s);
    expect(Date.parse(first.expiresAt!) - clock.now()).toBeLessThanOrEqual(ACCESS_TOKEN_LIFETIME_MS);
    clock.advance(ACCESS_TOKEN_LIFETIME_MS + 1000);
    expect(await me(s, first.token)).toBe(401);

    const refreshed = await post(s, '/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as LoginResponse;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await me(s, second.token)).toBe(200);

    // The old refresh token again: someone has a copy. The whole session ends.
    expect((await post(s, '/api/auth/refresh', { refreshToken: first.refreshToken })).status).toBe(401);
    expect(await me(s, second.token)).toBe(401);
    expect((await post(s, '/api/auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);
    expect((await post(s, '/api/auth/refresh', { refreshToken: 'x'.repeat(40) })).status).toBe(401);
    expect((await post(s, '/api/auth/refresh', {})).status).toBe(400);
  });

  it('disconnects a socket whose token expires unless it is renewed with a token of the same session', async () => {
    const clock = new TestClock();
    const s = await start(clock);
    const session = await login(s);
    const socket = await s.connectAgent(session.token);

    // Renewed shortly before expiry with the refreshed token: stays connected.
    clock.advance(ACCESS_TOKEN_LIFETIME_MS - 60_000);
    const next = (await (
      await post(s, '/api/auth/refresh', { refreshToken: session.refreshToken })
    ).json()) as LoginResponse;
    const raw = socket as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean }> };
    expect(await raw.emitWithAck('auth:renew', { token: next.token })).toEqual({ ok: true });
    const other = await login(s, 'bram');
    expect(await raw.emitWithAck('auth:renew', { token: other.token })).toMatchObject({ ok: false });
    clock.advance(60_000);
    expect(socket.connected).toBe(true);

    // Not renewed again: disconnected when the renewed token expires.
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    clock.advance(ACCESS_TOKEN_LIFETIME_MS);
    expect(await disconnected).toBe('io server disconnect');
  });
});
