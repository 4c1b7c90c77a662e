import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from './errors';
import { buildUrl, createHttpClient } from './http-client';

describe('http client: timeout, retries for idempotent reads, error mapping', () => {
  let server: http.Server;
  let url: string;
  const hits = new Map<string, number>();
  let plan: (path: string, n: number) => { status: number; body?: string; delayMs?: number };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const p = req.url ?? '/';
      const n = (hits.get(p) ?? 0) + 1;
      hits.set(p, n);
      const { status, body, delayMs } = plan(p, n);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body ?? '{"ok":true}');
      }, delayMs ?? 0);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  const client = (over: Partial<Parameters<typeof createHttpClient>[0]> = {}) =>
    createHttpClient({ register: 'test', baseUrl: url, timeoutMs: 200, retries: 2, backoffMs: 1, ...over });

  it('retries a GET on 503 and succeeds on the third attempt', async () => {
    plan = (_p, n) => (n < 3 ? { status: 503 } : { status: 200, body: '{"v":3}' });
    const res = await client().request<{ v: number }>({ method: 'GET', path: '/retry', idempotent: true });
    expect(res.body.v).toBe(3);
    expect(hits.get('/retry')).toBe(3);
  });

  it('never retries a non-idempotent POST', async () => {
    plan = () => ({ status: 503 });
    await expect(client().request({ method: 'POST', path: '/post', body: {} })).rejects.toMatchObject({
      kind: 'server',
      status: 503,
    });
    expect(hits.get('/post')).toBe(1);
  });

  it('maps a slow answer to a timeout and 4xx to non-retryable kinds', async () => {
    plan = () => ({ status: 200, delayMs: 500 });
    const err = await client({ retries: 0 })
      .request({ method: 'GET', path: '/slow', idempotent: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).kind).toBe('timeout');

    plan = () => ({ status: 401 });
    await expect(client().request({ method: 'GET', path: '/auth', idempotent: true })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(hits.get('/auth')).toBe(1);
    plan = () => ({ status: 404 });
    const ok = await client().request({
      method: 'GET',
      path: '/gone',
      idempotent: true,
      acceptStatus: [404],
    });
    expect(ok.status).toBe(404);
  });

  it('maps a refused connection to a network error and invalid JSON to invalid_response', async () => {
    const dead = createHttpClient({
      register: 'x',
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 200,
      retries: 0,
    });
    await expect(dead.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ kind: 'network' });
    plan = () => ({ status: 200, body: '<html>' });
    await expect(client().request({ method: 'GET', path: '/html' })).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('opens the breaker after repeated failures', async () => {
    plan = () => ({ status: 500 });
    const c = client({ retries: 0, breaker: { failureThreshold: 2, resetTimeoutMs: 60_000 } });
    await expect(c.request({ method: 'GET', path: '/b1' })).rejects.toMatchObject({ kind: 'server' });
    await expect(c.request({ method: 'GET', path: '/b1' })).rejects.toMatchObject({ kind: 'server' });
    await expect(c.request({ method: 'GET', path: '/b1' })).rejects.toMatchObject({ kind: 'circuit_open' });
    expect(hits.get('/b1')).toBe(2);
  });

  it('serialises array query values comma-separated and keeps absolute URLs', () => {
    expect(buildUrl('http://h/api/', '/zaken', { expand: ['a', 'b'], x: undefined, n: 1 }).toString()).toBe(
      'http://h/api/zaken?expand=a%2Cb&n=1',
    );
    expect(buildUrl('http://h/api', 'http://other/x').toString()).toBe('http://other/x');
  });
});
