import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { hashPassword, verifyPassword } from './password';
import { TokenService } from './tokens';

describe('passwords and tokens', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const a = await hashPassword('geheim');
    const b = await hashPassword('geheim');
    expect(a).not.toBe(b);
    expect(await verifyPassword('geheim', a)).toBe(true);
    expect(await verifyPassword('Geheim', a)).toBe(false);
    expect(await verifyPassword('geheim', 'garbage')).toBe(false);
  });

  it('refuses tampered, foreign, wrongly signed, unsigned and expired tokens (jose)', async () => {
    let now = 1_000_000_000_000;
    const tokens = new TokenService('x'.repeat(40), () => now);
    const { token, expiresAt } = await tokens.issue('u1', ['medewerker'], 's1');
    expect(expiresAt - now).toBe(15 * 60 * 1000);
    expect((await tokens.verify(token))?.sub).toBe('u1');
    expect((await tokens.verify(token))?.sid).toBe('s1');
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['beheerder'] })).toString('base64url');
    expect(await tokens.verify(`${h}.${forged}.${s}`)).toBeUndefined();
    expect(await new TokenService('y'.repeat(40), () => now).verify(token)).toBeUndefined();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await tokens.verify(`${none}.${p}.`)).toBeUndefined();
    expect(await tokens.verify(`${h}.${p}`)).toBeUndefined();
    expect(await tokens.verify(42)).toBeUndefined();
    now += 15 * 60 * 1000 + 1;
    expect(await tokens.verify(token)).toBeUndefined();
  });
});

describe('login and roles over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
  });
  afterAll(() => server.stop());

  const login = (body: unknown) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('logs in a demo user and returns token and user', async () => {
    const res = await login({ username: 'anna', password: 'demo' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; user: { id: string; name: string; roles: string[] } };
    expect(body.user).toEqual({ id: 'user-anna', name: 'Anna de Vries', roles: ['medewerker'] });
    const me = await fetch(`${server.url}/api/me`, { headers: bearer(body.token) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('anna');
  });

  it('answers 401 problem JSON for wrong credentials and unknown users', async () => {
    for (const body of [
      { username: 'anna', password: 'fout' },
      { username: 'niemand', password: 'demo' },
    ]) {
      const res = await login(body);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { title: string; status: number };
      expect(problem.status).toBe(401);
      expect(problem.title).toBeTruthy();
    }
  });

  it('answers 400 with invalidParams for a bad body', async () => {
    const res = await login({ username: '', password: 5 });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name).sort()).toEqual(['password', 'username']);
  });

  it('rate-limits repeated failures per username with 429 and Retry-After', async () => {
    for (let i = 0; i < 10; i++) expect((await login({ username: 'bram', password: 'x' })).status).toBe(401);
    const blocked = await login({ username: 'bram', password: 'demo' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another username is not affected.
    expect((await login({ username: 'tess', password: 'demo' })).status).toBe(200);
  });

  it('requires a valid Bearer token on /api routes', async () => {
    for (const headers of [{}, bearer('garbage'), { authorization: 'Basic abc' }]) {
      const res = await fetch(`${server.url}/api/me/contacts`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('gives teamleider and beheerder 403 on agent routes but lets them read /api/me', async () => {
    for (const username of ['tess', 'bea']) {
      const token = await server.login(username);
      for (const path of [
        '/api/me/contacts',
        '/api/me/offers',
        '/api/queues/waiting',
        '/api/partijen?q=jan',
      ]) {
        const res = await fetch(`${server.url}${path}`, { headers: bearer(token) });
        expect(res.status, `${username} ${path}`).toBe(403);
      }
      expect((await fetch(`${server.url}/api/me`, { headers: bearer(token) })).status).toBe(200);
    }
  });

  it('refuses the /agent socket without a token, with a bad token, and for a teamleider', async () => {
    await expect(server.connectAgent('')).rejects.toThrow('unauthorized');
    await expect(server.connectAgent('nep.token.hier')).rejects.toThrow('unauthorized');
    await expect(server.connectAgent(await server.login('tess'))).rejects.toThrow('forbidden');
    const socket = await server.connectAgent(await server.login('anna'));
    expect(socket.connected).toBe(true);
  });
});
