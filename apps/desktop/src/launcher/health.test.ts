import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthWaitError, waitForHealth } from './health';
import { isPortInUse } from './start';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('waitForHealth', () => {
  it('resolves once /health answers 200, after earlier 503s', async () => {
    let calls = 0;
    const url = await listen((req, res) => {
      calls += 1;
      res.statusCode = req.url === '/health' && calls >= 3 ? 200 : 503;
      res.end();
    });
    await waitForHealth(url, { timeoutMs: 5_000, intervalMs: 10 });
    expect(calls).toBe(3);
  });

  it('times out with the last problem in the message', async () => {
    const url = await listen((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await expect(waitForHealth(url, { timeoutMs: 150, intervalMs: 20 })).rejects.toThrow(
      /health was na 0 s nog niet gereed \(status 503\)/,
    );
  });

  it('stops at once when the server process gave up', async () => {
    const fetches: string[] = [];
    const wait = waitForHealth('http://127.0.0.1:1', {
      timeoutMs: 60_000,
      gaveUp: () => (fetches.length >= 2 ? 'de server is gestopt' : undefined),
      fetch: async (url) => {
        fetches.push(url);
        throw new Error('ECONNREFUSED');
      },
      sleep: async () => undefined,
    });
    await expect(wait).rejects.toThrow(HealthWaitError);
    await expect(wait).rejects.toThrow('de server is gestopt');
    expect(fetches).toEqual(['http://127.0.0.1:1/health', 'http://127.0.0.1:1/health']);
  });
});

describe('isPortInUse', () => {
  it('sees a listening server and a free port', async () => {
    const url = new URL(await listen((_req, res) => res.end()));
    expect(await isPortInUse('127.0.0.1', Number(url.port))).toBe(true);
    const freed = Number(url.port);
    await new Promise((r) => servers.pop()!.close(r));
    expect(await isPortInUse('127.0.0.1', freed)).toBe(false);
  });
});
