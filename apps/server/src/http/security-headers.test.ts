import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKlantinteracties } from '../../test-support/fake-klantinteracties';
import { startTestServer, tempDataDir, type TestServer } from '../../test-support/test-server';

/** Issue 11 §7: every page the server serves has a strict CSP, cannot be framed, and is not sniffed. */
describe('security headers on every served page', () => {
  let server: TestServer;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const widgetDir = path.join(dataDir, 'widget-dist');
    fs.mkdirSync(path.join(widgetDir, 'demo'), { recursive: true });
    fs.writeFileSync(path.join(widgetDir, 'widget.js'), 'window.KccChat={};');
    fs.writeFileSync(path.join(widgetDir, 'demo', 'index.html'), '<!doctype html><h1>Voorbeeldstad</h1>');
    const workplaceDir = path.join(dataDir, 'workplace-dist');
    fs.mkdirSync(path.join(workplaceDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(workplaceDir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(workplaceDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startTestServer(
      { KCC_WORKPLACE_DIR: workplaceDir },
      { klantinteracties: createFakeKlantinteracties(), widgetDir },
      dataDir,
    );
  });
  afterAll(() => server.stop());

  const directives = (csp: string | null) =>
    new Map(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!, values]),
    );

  it.each([
    ['the workplace', '/'],
    ['a workplace deep link', '/contact/123'],
    ['the login page assets', '/assets/app.js'],
    ['the demo site', '/demo/'],
    ['the demo 404', '/demo/bestaat-niet'],
    ['an API answer', '/api/me'],
  ])('%s (%s)', async (_name, url) => {
    const res = await fetch(`${server.url}${url}`, { headers: { accept: 'text/html' } });
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('script-src') ?? csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toMatch(/^(no-referrer|same-origin)$/);
    await res.arrayBuffer();
  });

  it('the widget script stays loadable from municipal websites on other origins', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    await res.arrayBuffer();
  });

  it('the workplace page allows no script but its own and no framing', async () => {
    const res = await fetch(server.url);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    await res.arrayBuffer();
  });
});
