import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKlantinteracties } from '../../test-support/fake-klantinteracties';
import { startTestServer, tempDataDir, type TestServer } from '../../test-support/test-server';

describe('HTTP errors are problem JSON, never 500', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
  });
  afterAll(() => server.stop());

  const post = (body: string | Buffer, contentType?: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body,
    });

  it.each([
    ['malformed JSON', '{"username": ', 'application/json', 400],
    ['empty JSON body', '', 'application/json', 400],
    ['wrong content type', 'username=anna', 'application/x-www-form-urlencoded', 415],
    ['JSON array', '[1,2,3]', 'application/json', 400],
    ['JSON null', 'null', 'application/json', 400],
    [
      'prototype pollution',
      '{"__proto__": {"x": 1}, "username": "a", "password": "b"}',
      'application/json',
      400,
    ],
  ])('%s → %i', async (_name, body, type, status) => {
    const res = await post(body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { status: number; title: string };
    expect(problem.status).toBe(status);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts|stack/i);
  });

  it('refuses a huge body with 413', async () => {
    const res = await post(
      JSON.stringify({ username: 'a'.repeat(2 * 1024 * 1024), password: 'x' }),
      'application/json',
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers unknown paths with a 404 problem and / with a Dutch page when the workplace is not built', async () => {
    const res = await fetch(`${server.url}/api/bestaat-niet`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const home = await fetch(server.url);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('npm run build');
  });

  it('reports health, naming the instance (default hostname:port)', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      instance: `${os.hostname()}:${new URL(server.url).port}`,
      routingLeader: true,
    });
  });
});

describe('serving the built workplace', () => {
  it('serves index.html, assets and an SPA fallback, but not for /api', async () => {
    const dataDir = tempDataDir();
    const dist = path.join(dataDir, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root">werkplek</div>');
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const server = await startTestServer(
      { KCC_WORKPLACE_DIR: dist },
      { klantinteracties: createFakeKlantinteracties() },
      dataDir,
    );
    try {
      expect(await (await fetch(server.url)).text()).toContain('werkplek');
      expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
      const deep = await fetch(`${server.url}/contact/123`, { headers: { accept: 'text/html' } });
      expect(await deep.text()).toContain('werkplek');
      const api = await fetch(`${server.url}/api/nope`, { headers: { accept: 'text/html' } });
      expect(api.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
