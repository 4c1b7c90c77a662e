import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FORM_NAME } from '../modules/channels/webformulier/demo-contact-form.routes';
import { createFakeKlantinteracties } from '../../test-support/fake-klantinteracties';
import { bearer, startTestServer, tempDataDir, type TestServer } from '../../test-support/test-server';
import { DEMO_CSP } from './widget-static';

const WIDGET_JS = 'window.KccChat={open(){},close(){},isOpen(){return false}};';
const SOCKET_JS = 'document.dispatchEvent(new CustomEvent("kcc-socket-ready"));';

/** A fake widget build and a fake workplace build (so the SPA fallback is active) in the data dir. */
function writeBuilds(dataDir: string): { widgetDir: string; workplaceDir: string } {
  const widgetDir = path.join(dataDir, 'widget-dist');
  fs.mkdirSync(path.join(widgetDir, 'demo'), { recursive: true });
  fs.writeFileSync(path.join(widgetDir, 'widget.js'), WIDGET_JS);
  fs.writeFileSync(path.join(widgetDir, 'widget-socket.js'), SOCKET_JS);
  fs.writeFileSync(
    path.join(widgetDir, 'demo', 'index.html'),
    '<!doctype html><h1>Gemeente Voorbeeldstad</h1>',
  );
  fs.writeFileSync(path.join(widgetDir, 'demo', 'afval.html'), '<!doctype html><h1>Afval</h1>');
  fs.writeFileSync(path.join(widgetDir, 'demo', 'style.css'), 'body{margin:0}');
  const workplaceDir = path.join(dataDir, 'workplace-dist');
  fs.mkdirSync(workplaceDir, { recursive: true });
  fs.writeFileSync(path.join(workplaceDir, 'index.html'), '<!doctype html><div id="root">werkplek</div>');
  return { widgetDir, workplaceDir };
}

const html = { accept: 'text/html' };

describe('serving the widget and the demo site', () => {
  let server: TestServer;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const { widgetDir, workplaceDir } = writeBuilds(dataDir);
    server = await startTestServer(
      { KCC_WORKPLACE_DIR: workplaceDir },
      { klantinteracties: createFakeKlantinteracties(), widgetDir },
      dataDir,
    );
  });
  afterAll(() => server.stop());

  it('serves widget.js as JavaScript, revalidated, loadable from other origins', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.text()).toBe(WIDGET_JS);
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    // (undici's fetch adds `cache-control: no-cache` to conditional requests, so ask like a browser cache would)
    const again = await server.app.inject({ url: '/widget.js', headers: { 'if-none-match': etag ?? '' } });
    expect(again.statusCode).toBe(304);
  });

  it('serves the socket.io chunk the widget loads when the chat opens, as widget.js', async () => {
    const res = await fetch(`${server.url}/widget-socket.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.text()).toBe(SOCKET_JS);
  });

  it('redirects /demo to /demo/ and serves the pages with a CSP and no-cache', async () => {
    const redirect = await fetch(`${server.url}/demo?x=1`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/demo/?x=1');

    const home = await fetch(`${server.url}/demo/`, { headers: html });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Gemeente Voorbeeldstad');
    expect(home.headers.get('content-security-policy')).toBe(DEMO_CSP);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');

    const afval = await fetch(`${server.url}/demo/afval.html`, { headers: html });
    expect(await afval.text()).toContain('Afval');

    const css = await fetch(`${server.url}/demo/style.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(css.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers an unknown demo page with its own Dutch 404, not the workplace SPA fallback', async () => {
    const res = await fetch(`${server.url}/demo/bestaat-niet.html`, { headers: html });
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toContain('Deze pagina bestaat niet');
    expect(body).not.toContain('werkplek');
    // The workplace's fallback still works elsewhere.
    const deep = await fetch(`${server.url}/contact/123`, { headers: html });
    expect(await deep.text()).toContain('werkplek');
  });

  it('does not serve files outside the demo folder', async () => {
    const res = await fetch(`${server.url}/demo/..%2fwidget.js`, { headers: html });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('KccChat');
  });
});

describe('without a widget build', () => {
  let server: TestServer;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    server = await startTestServer(
      {},
      { klantinteracties: createFakeKlantinteracties(), widgetDir: path.join(dataDir, 'nothing-here') },
      dataDir,
    );
  });
  afterAll(() => server.stop());

  it('answers /widget.js and /demo/ with a short Dutch notice and 404', async () => {
    const widget = await fetch(`${server.url}/widget.js`);
    expect(widget.status).toBe(404);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(await widget.text()).toContain('nog niet gebouwd');

    const demo = await fetch(`${server.url}/demo/`, { headers: html });
    expect(demo.status).toBe(404);
    expect(demo.headers.get('content-type')).toMatch(/text\/html/);
    expect(await demo.text()).toContain('De demosite is nog niet gebouwd');
  });
});

describe('POST /demo/contactformulier', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
  });
  afterAll(() => server.stop());

  const post = (body: unknown, headers: Record<string, string> = {}, ip?: string) =>
    server.app.inject({
      method: 'POST',
      url: '/demo/contactformulier',
      headers: { 'content-type': 'application/json', origin: server.url, ...headers },
      payload: JSON.stringify(body),
      ...(ip !== undefined ? { remoteAddress: ip } : {}),
    });

  it('refuses bad input with problem JSON naming the form field, in Dutch', async () => {
    const res = await post({ naam: 'Jan', email: 'geen-adres', vraag: 'Hoe laat?' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ status: number; invalidParams: { name: string; reason: string }[] }>();
    expect(problem.status).toBe(400);
    expect(problem.invalidParams[0]).toMatchObject({
      name: 'email',
      reason: 'Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
    });

    const empty = await post({ naam: '  ', email: 'jan@example.nl', vraag: '' });
    const names = empty.json<{ invalidParams: { name: string }[] }>().invalidParams.map((p) => p.name);
    expect(names).toEqual(['naam', 'vraag']);

    const phone = await post({ naam: 'Jan', email: 'jan@example.nl', telefoon: 'bel me', vraag: 'x' });
    expect(phone.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe('telefoon');

    const notJson = await post('naam=Jan', { 'content-type': 'text/plain' });
    expect(notJson.statusCode).toBeGreaterThanOrEqual(400);
    expect(notJson.statusCode).toBeLessThan(500);
  });

  it('refuses a post from another origin or a cross-site fetch', async () => {
    const body = { naam: 'Jan', email: 'jan@example.nl', vraag: 'Hoe laat?' };
    const other = await post(body, { origin: 'https://evil.example' });
    expect(other.statusCode).toBe(403);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const crossSite = await post(body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    const noOrigin = await server.app.inject({
      method: 'POST',
      url: '/demo/contactformulier',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(noOrigin.statusCode).toBe(403);
    // The site opened under another address of this server (e.g. on the LAN): Origin equals the Host.
    const lan = await post(
      body,
      { origin: 'http://192.168.1.20:4700', host: '192.168.1.20:4700' },
      '10.0.0.3',
    );
    expect(lan.statusCode).toBe(201);
    const spoofed = await post(
      body,
      { origin: 'http://192.168.1.20:4700', host: 'kcc.example:4700' },
      '10.0.0.3',
    );
    expect(spoofed.statusCode).toBe(403);
  });

  it('turns a submission into a webformulier contact with the submission as its first message', async () => {
    const token = await server.login('anna');
    const agent = await server.connectAgent(token);
    expect((await agent.emitWithAck('presence:set', { status: 'beschikbaar' })).ok).toBe(true);
    const offered = new Promise<{
      offerId: string;
      contact: { id: string; channel: string; subject?: string };
    }>((resolve) => agent.once('contact:offered', resolve as never));

    const res = await post(
      {
        naam: 'Jan Jansen',
        email: 'jan@example.nl',
        telefoon: '06 12345678',
        onderwerp: 'Grofvuil',
        vraag: 'Wanneer wordt het grofvuil opgehaald?',
      },
      { 'sec-fetch-site': 'same-origin' },
      '10.0.0.2',
    );
    expect(res.statusCode).toBe(201);
    const { contactId } = res.json<{ contactId: string }>();

    const offer = await offered;
    expect(offer.contact).toMatchObject({ id: contactId, channel: 'webformulier', subject: DEMO_FORM_NAME });
    expect((await agent.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
    const messages = await fetch(`${server.url}/api/contacts/${contactId}/messages`, {
      headers: bearer(token),
    });
    expect(messages.status).toBe(200);
    const { items } = (await messages.json()) as { items: { direction?: string; body: string }[] };
    // The submission, and the automatic receipt to the submitter (issue 15 §2).
    expect(items.map((m) => m.direction)).toEqual(['in', 'uit']);
    expect(items[1]?.body).toContain(`Wij hebben uw bericht over "${DEMO_FORM_NAME}" goed ontvangen.`);
    expect(items[0]?.body).toContain(`Formulier: ${DEMO_FORM_NAME}`);
    expect(items[0]?.body).toContain('Onderwerp: Grofvuil');
    expect(items[0]?.body).toContain('Vraag: Wanneer wordt het grofvuil opgehaald?');
    expect(items[0]?.body).toContain('Telefoon: 06 12345678');
  });

  it('rate-limits well-formed submissions per IP with 429 and Retry-After', async () => {
    const body = (i: number) => ({ naam: 'Piet', email: 'piet@example.nl', vraag: `Vraag ${i}` });
    for (let i = 0; i < 5; i++) expect((await post(body(i), {}, '10.0.0.9')).statusCode).toBe(201);
    const refused = await post(body(5), {}, '10.0.0.9');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another IP is not affected.
    expect((await post(body(6), {}, '10.0.0.10')).statusCode).toBe(201);
  });
});
