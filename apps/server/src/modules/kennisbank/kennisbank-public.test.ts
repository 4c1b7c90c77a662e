import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PublicSearchResponse } from '@kcc/contracts/kennisbank';
import { registerErrorHandlers } from '../../http/error-handlers';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { kennisbankMigrations } from './kennisbank.migrations';
import { createKennisbankService } from './kennisbank.module';
import { registerPublicKennisbankRoutes } from './kennisbank-public.routes';
import { PUBLIC_TYPES } from './kennisbank.service';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';

describeEachStore('public kennisbank search over HTTP (anonymous, the resident widget)', (stores) => {
  let database: FreshDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer({ KCC_WIDGET_ORIGINS: 'https://www.gemeente.example', ...database.env });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const search = (q: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/public/kennisbank/search?q=${encodeURIComponent(q)}`, { headers });

  it('answers without an account, with public articles only and their kanaaladvies', async () => {
    const res = await search('paspoort kwijt');
    expect(res.status).toBe(200);
    const body = PublicSearchResponse.parse(await res.json());
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(PUBLIC_TYPES as readonly string[]).toContain(item.type);
    // the agents' search has the werkinstructie for this question; residents never see it
    const anna = await server.login('anna');
    const agents = (await (
      await fetch(`${server.url}/api/kennisbank/search?q=${encodeURIComponent('paspoort kwijt')}`, {
        headers: bearer(anna),
      })
    ).json()) as { items: { id: string }[] };
    expect(agents.items.map((i) => i.id)).toContain('wi:paspoort-kwijt-gestolen');
    expect(body.items.map((i) => i.id)).not.toContain('wi:paspoort-kwijt-gestolen');

    const product = PublicSearchResponse.parse(await (await search('paspoort aanvragen')).json()).items.find(
      (i) => i.id === 'upl:paspoort',
    );
    expect(product?.kanaal).toEqual({
      primair: 'website (afspraak maken)',
      secundair: 'telefoon (14 + netnummer)',
      doelgroep: 'inwoner',
    });
  });

  it('gives the same order as the agents get, less the internal articles', async () => {
    const anna = await server.login('anna');
    const q = 'grofvuil ophalen';
    const agents = (await (
      await fetch(`${server.url}/api/kennisbank/search?q=${encodeURIComponent(q)}&limit=30`, {
        headers: bearer(anna),
      })
    ).json()) as { items: { id: string; type: string }[] };
    const expected = agents.items
      .filter((i) => (PUBLIC_TYPES as readonly string[]).includes(i.type))
      .slice(0, 5);
    const residents = PublicSearchResponse.parse(await (await search(q)).json());
    expect(residents.items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
  });

  it('refuses bad input with problem JSON', async () => {
    for (const [url, name] of [
      ['/api/public/kennisbank/search', 'query.q'],
      ['/api/public/kennisbank/search?q=a', 'query.q'],
      [`/api/public/kennisbank/search?q=${'x'.repeat(300)}`, 'query.q'],
      ['/api/public/kennisbank/search?q=paspoort&limit=11', 'query.limit'],
      ['/api/public/kennisbank/search?q=a&q=b', 'query.q'],
    ] as const) {
      const res = await fetch(`${server.url}${url}`);
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { invalidParams: { name: string }[] };
      expect(body.invalidParams.map((p) => p.name)).toContain(name);
    }
  });

  it('gives a public article to read, and 404 for internal ones', async () => {
    const ok = await fetch(
      `${server.url}/api/public/kennisbank/articles/${encodeURIComponent('upl:paspoort')}`,
    );
    expect(ok.status).toBe(200);
    const article = (await ok.json()) as Record<string, unknown>;
    expect(article.title).toBe('Paspoort');
    expect(article).not.toHaveProperty('updatedBy');
    const internal = await fetch(
      `${server.url}/api/public/kennisbank/articles/${encodeURIComponent('wi:paspoort-kwijt-gestolen')}`,
    );
    expect(internal.status).toBe(404);
    expect(internal.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends CORS headers to the widget origin only, and takes events', async () => {
    const allowed = await search('paspoort', { origin: 'https://www.gemeente.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.gemeente.example');
    const other = await search('paspoort', { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const event = await fetch(`${server.url}/api/public/kennisbank/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'geopend', sessie: 'abcdefgh12', articleId: 'upl:paspoort' }),
    });
    expect(event.status).toBe(204);
    const bad = await fetch(`${server.url}/api/public/kennisbank/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'geopend', sessie: "'; drop table" }),
    });
    expect(bad.status).toBe(400);
    const rob = await server.login('rob');
    const rapport = (await (
      await fetch(`${server.url}/api/kennisbank/rapport`, { headers: bearer(rob) })
    ).json()) as { publiek: { sessiesMetAntwoord: number; zonderChat: number } };
    expect(rapport.publiek).toEqual({ sessiesMetAntwoord: 1, zonderChat: 1 });
  });
});

describeEachStore('public kennisbank rate limit', (stores) => {
  it('answers 429 with Retry-After once an IP used its requests in the window', async () => {
    const { store } = await stores.openStore(kennisbankMigrations);
    const app = Fastify({ logger: false });
    registerErrorHandlers(app);
    const service = await createKennisbankService({ store, demo: true, log: app.log });
    registerPublicKennisbankRoutes(app, { service, originAllowed: () => false, limit: 3, windowMs: 60_000 });
    const hit = () => app.inject({ method: 'GET', url: '/api/public/kennisbank/search?q=paspoort' });
    for (let i = 0; i < 3; i++) expect((await hit()).statusCode).toBe(200);
    const refused = await hit();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await app.close();
  });
});
