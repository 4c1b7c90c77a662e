import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Article,
  ArticleListResponse,
  KennisbankSearchResponse,
  NieuwsResponse,
  SynonymsResponse,
} from '@kcc/contracts/kennisbank';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';

interface ProblemJson {
  status: number;
  invalidParams?: { name: string; code: string; reason: string }[];
}

const DAY = 24 * 3600 * 1000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

describeEachStore('kennisbank beheer over HTTP', (stores) => {
  let database: FreshDatabase;
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env);
    for (const u of ['anna', 'bram', 'tess', 'bea', 'rob']) tokens[u] = await server.login(u);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const call = (user: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...bearer(tokens[user] ?? 'none'),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const search = async (q: string, user = 'anna') => {
    const res = await call(user, 'GET', `/api/kennisbank/search?q=${encodeURIComponent(q)}&limit=10`);
    expect(res.status).toBe(200);
    return KennisbankSearchResponse.parse(await res.json());
  };
  const idsFor = async (q: string) => (await search(q)).items.map((i) => i.id);
  const articlePath = (id: string) => `/api/kennisbank/articles/${encodeURIComponent(id)}`;
  const create = async (user: string, body: Record<string, unknown>) => {
    const res = await call(user, 'POST', '/api/kennisbank/articles', body);
    expect(res.status).toBe(201);
    const article = Article.parse(await res.json());
    expect(res.headers.get('location')).toBe(articlePath(article.id));
    return article;
  };
  const invalid = async (res: Response) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return ((await res.json()) as ProblemJson).invalidParams?.map((p) => p.name) ?? [];
  };

  it('create → concept not found → publish → searchable at once → edit → unpublish → gone', async () => {
    const concept = await create('rob', {
      type: 'werkinstructie',
      title: 'Snoeiafval Zwanenburcht ophalen',
      body: 'Snoeiafval uit de Zwanenburcht halen we op dinsdag op.\n\n- Bel niet door naar Afval.',
      keywords: ['snoeiafval', 'tuinafval'],
    });
    expect(concept).toMatchObject({ type: 'werkinstructie', published: false, updatedBy: 'Rob de Boer' });
    expect(concept.id).toMatch(/^wi:snoeiafval-zwanenburcht-ophalen-[0-9a-f]{6}$/);
    expect(await idsFor('zwanenburcht')).not.toContain(concept.id);
    // A concept is visible to editors only.
    expect((await call('anna', 'GET', articlePath(concept.id))).status).toBe(404);
    expect((await call('rob', 'GET', articlePath(concept.id))).status).toBe(200);

    const published = await call('rob', 'POST', `${articlePath(concept.id)}/publish`);
    expect(published.status).toBe(200);
    expect(Article.parse(await published.json()).published).toBe(true);
    const found = await search('zwanenburcht');
    expect(found.items[0]?.id).toBe(concept.id);
    expect(found.items[0]?.snippet).toContain('<mark>Zwanenburcht</mark>');
    expect((await call('anna', 'GET', articlePath(concept.id))).status).toBe(200);

    const edited = await call('bea', 'PUT', articlePath(concept.id), {
      type: 'werkinstructie',
      title: 'Snoeiafval Reigersnest ophalen',
      body: 'Snoeiafval uit het Reigersnest halen we op donderdag op.',
      published: true,
    });
    expect(edited.status).toBe(200);
    expect(Article.parse(await edited.json())).toMatchObject({ id: concept.id, updatedBy: 'Bea Visser' });
    expect(await idsFor('reigersnest')).toContain(concept.id);
    expect(await idsFor('zwanenburcht')).not.toContain(concept.id);

    expect((await call('rob', 'POST', `${articlePath(concept.id)}/unpublish`)).status).toBe(200);
    expect(await idsFor('reigersnest')).not.toContain(concept.id);
    expect((await call('anna', 'GET', articlePath(concept.id))).status).toBe(404);
  });

  it('edits seeded corpus content in place, keeping its id and attribution', async () => {
    const before = Article.parse(await (await call('rob', 'GET', articlePath('upl:hondenbelasting'))).json());
    const res = await call('rob', 'PUT', articlePath('upl:hondenbelasting'), {
      type: before.type,
      title: before.title,
      body: `${before.body} Tweede hond: Blafferbedrag.`,
      url: before.url,
      keywords: before.keywords,
      published: true,
    });
    expect(res.status).toBe(200);
    expect(Article.parse(await res.json())).toMatchObject({ id: 'upl:hondenbelasting', source: 'upl' });
    expect(await idsFor('blafferbedrag')).toEqual(['upl:hondenbelasting']);
  });

  it('honours the validity window', async () => {
    const future = await create('bea', {
      type: 'werkinstructie',
      title: 'Kwartelkoning toekomstige regeling',
      published: true,
      validFrom: isoIn(2 * DAY),
    });
    const expired = await create('bea', {
      type: 'werkinstructie',
      title: 'Kwartelkoning oude regeling',
      published: true,
      validUntil: '2020-01-31',
    });
    const current = await create('bea', {
      type: 'werkinstructie',
      title: 'Kwartelkoning huidige regeling',
      published: true,
      validFrom: '2020-01-01',
      validUntil: new Date(Date.now()).toISOString().slice(0, 10), // date-only: through the end of today
    });
    const ids = await idsFor('kwartelkoning');
    expect(ids).toContain(current.id);
    expect(ids).not.toContain(future.id);
    expect(ids).not.toContain(expired.id);
    expect((await call('anna', 'GET', articlePath(future.id))).status).toBe(404);
  });

  it('links an article to a kanalenmatrix product, shown with its search hit', async () => {
    const a = await create('rob', {
      type: 'werkinstructie',
      title: 'Rijbewijs verlengen bij Ooievaarsdorp',
      published: true,
      product: 'rijbewijs',
    });
    expect(a.kanaal).toEqual({
      primair: 'website (afspraak maken)',
      secundair: 'telefoon (14 + netnummer)',
      doelgroep: 'inwoner',
    });
    const hit = (await search('ooievaarsdorp')).items.find((i) => i.id === a.id);
    expect(hit?.kanaal?.primair).toBe('website (afspraak maken)');
  });

  it('refuses bad article input with invalidParams', async () => {
    const post = (body: unknown) => call('bea', 'POST', '/api/kennisbank/articles', body);
    expect(await invalid(await post({ type: 'recept', title: 'x' }))).toEqual(['type']);
    expect(await invalid(await post({ type: 'werkinstructie', title: '   ' }))).toEqual(['title']);
    expect(await invalid(await post({ type: 'werkinstructie', title: 'x', extra: 1 }))).toEqual(['body']);
    expect(
      await invalid(await post({ type: 'werkinstructie', title: 'x', url: 'javascript:alert(1)' })),
    ).toEqual(['url']);
    expect(
      await invalid(await post({ type: 'werkinstructie', title: 'x', validFrom: '31-12-2026' })),
    ).toEqual(['validFrom']);
    expect(
      await invalid(
        await post({ type: 'werkinstructie', title: 'x', validFrom: '2027-01-02', validUntil: '2027-01-01' }),
      ),
    ).toEqual(['validUntil']);
    expect(await invalid(await post({ type: 'werkinstructie', title: 'x', belangrijk: true }))).toEqual([
      'belangrijk',
    ]);
    expect(await invalid(await post({ type: 'werkinstructie', title: 'x', product: 'ruimteschip' }))).toEqual(
      ['product'],
    );
    expect(await invalid(await post([]))).toEqual(['body']);
    const notFound = await call('bea', 'PUT', articlePath('bestaat-niet'), {
      type: 'werkinstructie',
      title: 'x',
    });
    expect(notFound.status).toBe(404);
    expect((await call('bea', 'POST', `${articlePath('bestaat-niet')}/publish`)).status).toBe(404);
  });

  it('stores HTML in a body as text: the API never turns it into markup', async () => {
    const a = await create('rob', {
      type: 'werkinstructie',
      title: 'Scriptproef Lepelaarplas',
      body: '<script>alert(1)</script> Lepelaarplas <b>vet</b>',
      published: true,
    });
    expect(a.body).toBe('<script>alert(1)</script> Lepelaarplas <b>vet</b>');
    const hit = (await search('lepelaarplas')).items.find((i) => i.id === a.id);
    expect(hit?.snippet).toContain('&lt;script&gt;');
    expect(hit?.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('deletes (beheerder only): gone from search and store', async () => {
    const a = await create('rob', { type: 'afdeling', title: 'Afdeling Wulpenweide', published: true });
    expect(await idsFor('wulpenweide')).toContain(a.id);
    expect((await call('rob', 'DELETE', articlePath(a.id))).status).toBe(403);
    expect((await call('bea', 'DELETE', articlePath(a.id))).status).toBe(204);
    expect(await idsFor('wulpenweide')).not.toContain(a.id);
    expect((await call('bea', 'GET', articlePath(a.id))).status).toBe(404);
    expect((await call('bea', 'DELETE', articlePath(a.id))).status).toBe(404);
  });

  it('lists articles for beheer with filters', async () => {
    const res = await call('rob', 'GET', '/api/kennisbank/articles?type=werkinstructie&limit=5');
    expect(res.status).toBe(200);
    const list = ArticleListResponse.parse(await res.json());
    expect(list.total).toBeGreaterThanOrEqual(11);
    expect(list.items).toHaveLength(5);
    expect(list.items.every((i) => i.type === 'werkinstructie')).toBe(true);
    const updated = list.items.map((i) => i.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    const byTitle = ArticleListResponse.parse(
      await (await call('bea', 'GET', '/api/kennisbank/articles?titel=PASPOORT%20kwijt')).json(),
    );
    expect(byTitle.items.map((i) => i.id)).toContain('wi:paspoort-kwijt-gestolen');
    const concepts = ArticleListResponse.parse(
      await (await call('bea', 'GET', '/api/kennisbank/articles?published=false&limit=200')).json(),
    );
    expect(concepts.items.every((i) => !i.published)).toBe(true);
    expect(await invalid(await call('bea', 'GET', '/api/kennisbank/articles?limit=0'))).toEqual([
      'query.limit',
    ]);
  });

  it('replaces the synonym map and applies it to the next query', async () => {
    const target = await create('rob', {
      type: 'werkinstructie',
      title: 'Ganzenbord spelregels',
      published: true,
    });
    expect(await idsFor('zoefzoef')).not.toContain(target.id);
    const current = SynonymsResponse.parse(
      await (await call('rob', 'GET', '/api/kennisbank/synonyms')).json(),
    );
    expect(current.synonyms.kliko).toContain('container');
    const put = await call('rob', 'PUT', '/api/kennisbank/synonyms', {
      synonyms: { ...current.synonyms, zoefzoef: ['ganzenbord'] },
    });
    expect(put.status).toBe(200);
    expect(SynonymsResponse.parse(await put.json())).toMatchObject({ updatedBy: 'Rob de Boer' });
    expect(await idsFor('zoefzoef')).toContain(target.id);
    // Still the rest of the map: kliko → container.
    expect((await search('kliko kapot')).items[0]?.title).toMatch(/container/i);

    const bad = async (synonyms: unknown) =>
      invalid(await call('rob', 'PUT', '/api/kennisbank/synonyms', { synonyms }));
    expect((await bad({ kliko: [] }))[0]).toMatch(/^synonyms/);
    expect((await bad({ 'een twee drie vier vijf': ['x'] }))[0]).toMatch(/^synonyms/);
    expect((await bad({ kliko: 'container' }))[0]).toMatch(/^synonyms/);
    expect(
      await invalid(await call('rob', 'PUT', '/api/kennisbank/synonyms', { kliko: ['container'] })),
    ).toEqual(['synonyms', 'body']);
  });

  it('changes the kanalenmatrix (beheerder only), shown with the next search', async () => {
    const body = { primair: 'app MijnGemeente', secundair: 'balie (op afspraak)' };
    expect((await call('rob', 'PUT', '/api/kanalenmatrix/hondenbelasting', body)).status).toBe(403);
    const res = await call('bea', 'PUT', '/api/kanalenmatrix/Hondenbelasting', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      product: 'hondenbelasting',
      uplId: 'upl:hondenbelasting',
      ...body,
    });
    const hit = (await search('hondenbelasting')).items.find((i) => i.id === 'upl:hondenbelasting');
    expect(hit?.kanaal).toEqual({ ...body, doelgroep: 'beide' });
    expect(
      await invalid(await call('bea', 'PUT', '/api/kanalenmatrix/hondenbelasting', { primair: '' })),
    ).toEqual(['primair', 'secundair']);

    // Doelgroep and the channels a product cannot go through (issue 15 §6) travel with the search hit.
    const ondernemer = { ...body, doelgroep: 'ondernemer', nietVia: ['balie', 'post'] };
    const saved = await call('bea', 'PUT', '/api/kanalenmatrix/hondenbelasting', ondernemer);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject(ondernemer);
    const again = (await search('hondenbelasting')).items.find((i) => i.id === 'upl:hondenbelasting');
    expect(again?.kanaal).toEqual(ondernemer);
    for (const wrong of [
      { ...body, doelgroep: 'toerist' },
      { ...body, nietVia: ['fax'] },
      { ...body, nietVia: ['balie', 'balie'] },
    ]) {
      expect((await call('bea', 'PUT', '/api/kanalenmatrix/hondenbelasting', wrong)).status).toBe(400);
    }
  });

  it('keeps werkberichten: belangrijk first, read marks per agent', async () => {
    const gewoon = await create('rob', {
      type: 'nieuws',
      title: 'Nieuwe koffieautomaat',
      body: 'Op de tweede verdieping.',
      published: true,
      validFrom: isoIn(-DAY),
      validUntil: isoIn(DAY),
    });
    const belangrijk = await create('rob', {
      type: 'nieuws',
      title: 'Storing telefooncentrale',
      body: 'Gesprekken vallen weg; bel terug.',
      published: true,
      belangrijk: true,
      validFrom: isoIn(-2 * DAY),
      validUntil: isoIn(DAY),
    });
    const verlopen = await create('rob', {
      type: 'nieuws',
      title: 'Oud bericht',
      published: true,
      validUntil: isoIn(-DAY),
    });
    const nieuws = async (user: string) => {
      const res = await call(user, 'GET', '/api/kennisbank/nieuws');
      expect(res.status).toBe(200);
      return NieuwsResponse.parse(await res.json());
    };
    const before = await nieuws('anna');
    const ids = before.items.map((i) => i.id);
    expect(ids).toContain(gewoon.id);
    expect(ids).not.toContain(verlopen.id);
    expect(ids.indexOf(belangrijk.id)).toBeLessThan(ids.indexOf(gewoon.id));
    const firstOrdinary = before.items.findIndex((i) => !i.belangrijk);
    expect(before.items.slice(firstOrdinary).every((i) => !i.belangrijk)).toBe(true);
    expect(before.items.find((i) => i.id === belangrijk.id)?.gelezen).toBe(false);

    const mark = await call(
      'anna',
      'POST',
      `/api/kennisbank/nieuws/${encodeURIComponent(belangrijk.id)}/gelezen`,
    );
    expect(mark.status).toBe(200);
    expect(await mark.json()).toEqual({ id: belangrijk.id, gelezen: true });
    // Marking twice is harmless.
    expect(
      (await call('anna', 'POST', `/api/kennisbank/nieuws/${encodeURIComponent(belangrijk.id)}/gelezen`))
        .status,
    ).toBe(200);

    const after = await nieuws('anna');
    expect(after.items.find((i) => i.id === belangrijk.id)?.gelezen).toBe(true);
    expect(after.ongelezen).toBe(before.ongelezen - 1);
    expect((await nieuws('bram')).items.find((i) => i.id === belangrijk.id)?.gelezen).toBe(false);

    const gone = (id: string) =>
      call('anna', 'POST', `/api/kennisbank/nieuws/${encodeURIComponent(id)}/gelezen`);
    expect((await gone(verlopen.id)).status).toBe(404);
    expect((await gone('bestaat-niet')).status).toBe(404);
    expect((await gone('wi:paspoort-kwijt-gestolen')).status).toBe(404);
  });

  describe('role matrix', () => {
    const article = { type: 'werkinstructie', title: 'Rolproef' };
    const kanaal = { primair: 'website', secundair: 'telefoon' };
    // [description, method, path, body, user → expected status]
    const cases: [string, string, string, unknown, Record<string, number>][] = [
      [
        'search',
        'GET',
        '/api/kennisbank/search?q=paspoort',
        undefined,
        { anna: 200, tess: 200, bea: 200, rob: 200 },
      ],
      [
        'read article',
        'GET',
        articlePath('upl:paspoort'),
        undefined,
        { anna: 200, tess: 200, bea: 200, rob: 200 },
      ],
      [
        'list articles',
        'GET',
        '/api/kennisbank/articles',
        undefined,
        { anna: 403, tess: 403, bea: 200, rob: 200 },
      ],
      ['create', 'POST', '/api/kennisbank/articles', article, { anna: 403, tess: 403, bea: 201, rob: 201 }],
      [
        'edit',
        'PUT',
        articlePath('wi:melding-afval-doorverbinden'),
        { ...article, title: 'Melding afval: wanneer doorverbinden', published: true },
        { anna: 403, tess: 403, bea: 200, rob: 200 },
      ],
      [
        'publish',
        'POST',
        `${articlePath('afd:burgerzaken')}/publish`,
        undefined,
        { anna: 403, tess: 403, bea: 200, rob: 200 },
      ],
      [
        'unpublish',
        'POST',
        `${articlePath('nws:grofvuil-feestdagen')}/unpublish`,
        undefined,
        { anna: 403, tess: 403, bea: 200, rob: 200 },
      ],
      [
        'delete',
        'DELETE',
        articlePath('bestaat-niet'),
        undefined,
        { anna: 403, tess: 403, rob: 403, bea: 404 },
      ],
      [
        'read synonyms',
        'GET',
        '/api/kennisbank/synonyms',
        undefined,
        { anna: 403, tess: 403, bea: 200, rob: 200 },
      ],
      [
        'replace synonyms',
        'PUT',
        '/api/kennisbank/synonyms',
        {},
        { anna: 403, tess: 403, bea: 400, rob: 400 },
      ],
      [
        'read kanalenmatrix',
        'GET',
        '/api/kanalenmatrix',
        undefined,
        { anna: 200, tess: 200, bea: 200, rob: 200 },
      ],
      [
        'change kanalenmatrix',
        'PUT',
        '/api/kanalenmatrix/briefadres',
        kanaal,
        { anna: 403, tess: 403, rob: 403, bea: 200 },
      ],
      ['nieuws', 'GET', '/api/kennisbank/nieuws', undefined, { anna: 200, tess: 200, bea: 200, rob: 200 }],
      [
        'kanaalsturing KPI',
        'GET',
        '/api/kennisbank/kanaalsturing/stats',
        undefined,
        { anna: 403, rob: 403, tess: 200, bea: 200 },
      ],
    ];
    it.each(cases)('%s', async (_name, method, path, body, expected) => {
      for (const [user, status] of Object.entries(expected)) {
        const res = await call(user, method, path, body);
        expect(res.status, `${user} ${method} ${path}`).toBe(status);
      }
      const anonymous = await fetch(`${server.url}${path}`, { method });
      expect(anonymous.status).toBe(401);
    });
  });
});
