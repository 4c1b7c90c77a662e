import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Article,
  KanalenmatrixResponse,
  KennisbankSearchResponse,
  type KennisbankSearchItem,
} from '@kcc/contracts/kennisbank';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';

interface ProblemJson {
  status: number;
  title: string;
  invalidParams?: { name: string; code: string; reason: string }[];
}

describeEachStore('kennisbank search over HTTP (seeded demo corpus)', (stores) => {
  let database: FreshDatabase;
  let server: TestServer;
  let anna: string;

  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env);
    anna = await server.login('anna');
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const get = (path: string, token = anna) => fetch(`${server.url}${path}`, { headers: bearer(token) });
  const search = async (q: string, extra = '') => {
    const res = await get(`/api/kennisbank/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return KennisbankSearchResponse.parse(await res.json());
  };
  const problem = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as ProblemJson;
  };

  it('answers in the CONTRACT shape, best first, with corpus ids and the kanaal of a product', async () => {
    const res = await get('/api/kennisbank/search?q=paspoort&limit=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['items', 'query', 'tookMs', 'total']);
    for (const item of body.items as Record<string, unknown>[]) {
      expect(Object.keys(item).filter((k) => k !== 'kanaal')).toEqual([
        'id',
        'type',
        'title',
        'snippet',
        'url',
        'score',
      ]);
    }
    const result = KennisbankSearchResponse.parse(body);
    expect(result.query).toBe('paspoort');
    expect(result.total).toBeGreaterThanOrEqual(result.items.length);
    expect(result.items.length).toBe(10);
    expect(result.tookMs).toBeGreaterThanOrEqual(0);
    const scores = result.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const product = result.items.find((i) => i.id === 'upl:paspoort');
    expect(product).toMatchObject({
      type: 'product',
      title: 'Paspoort',
      url: 'http://standaarden.overheid.nl/owms/terms/paspoort',
      kanaal: { primair: 'website (afspraak maken)', secundair: 'telefoon (14 + netnummer)' },
    });
    expect(product?.snippet).toContain('<mark>');
    // VAC items keep their corpus id and have no kanaal (no clear product mapping).
    const vac = result.items.find((i) => i.type === 'vac');
    expect(vac?.id).toMatch(/^vac:[0-9a-f-]{36}$/);
    expect(vac?.kanaal).toBeUndefined();
  });

  const ids = (items: KennisbankSearchItem[], n: number) => items.slice(0, n).map((i) => i.id);

  it('finds what residents mean: "paspoort gejat op vakantie"', async () => {
    const { items } = await search('paspoort gejat op vakantie');
    expect(items[0]?.title).toMatch(/paspoort/i);
    expect(items[0]?.title).toMatch(/kwijt|gestolen/i);
  });

  it('finds what residents mean: "kliko kapot"', async () => {
    const { items } = await search('kliko kapot');
    expect(items[0]?.title).toMatch(/container/i);
    expect(items[0]?.title).toMatch(/kapot/i);
  });

  it('finds what residents mean: "uittreksel gba" (old term) with the product and its kanaal on top', async () => {
    const { items } = await search('uittreksel gba');
    expect(ids(items, 3)).toContain('upl:brpUittr');
    expect(items.find((i) => i.id === 'upl:brpUittr')?.kanaal?.primair).toMatch(/website/);
    expect(items[0]?.title).toMatch(/uittreksel/i);
  });

  it('finds what residents mean: "paspoord aanvragen" (typo)', async () => {
    const { items } = await search('paspoord aanvragen');
    expect(items[0]?.title).toMatch(/paspoort/i);
    expect(ids(items, 5)).toContain('vac:a71731d4-6761-4e04-ac25-cbd10fa8cd9c');
  });

  it('filters by type', async () => {
    const { items } = await search('paspoort', '&type=werkinstructie');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.type === 'werkinstructie')).toBe(true);
  });

  it('gives url null for an item without a public page (meldingcategorie)', async () => {
    const { items } = await search('container kapot', '&type=meldingcategorie');
    expect(items[0]?.id).toMatch(/^sig:/);
    expect(items[0]?.url).toBeNull();
  });

  describe('bad input gets a clear answer, never a 500', () => {
    it.each([
      ['empty q', '?q='],
      ['no q', ''],
      ['only spaces', '?q=%20%20%20'],
      ['only punctuation', '?q=%3F%21%2C.'],
    ])('%s → 200 with nothing found', async (_name, query) => {
      const res = await get(`/api/kennisbank/search${query}`);
      expect(res.status).toBe(200);
      const result = KennisbankSearchResponse.parse(await res.json());
      expect(result).toMatchObject({ total: 0, items: [] });
    });

    it('a 10 kB query → 200, searched by its start', async () => {
      const result = await search(`paspoort ${'aanvragen '.repeat(1024)}`);
      expect(result.query.length).toBeLessThanOrEqual(256);
      expect(result.query.startsWith('paspoort aanvragen')).toBe(true);
      expect(result.items[0]?.title).toMatch(/paspoort/i);
    });

    it.each(['.*(', '[a-z]+$', '\\d{3}|(?<x>)', 'paspoort)))((', '%_%', "' OR 1=1 --"])(
      'regex or SQL characters %j → 200',
      async (q) => {
        const result = await search(q);
        expect(result.total).toBeGreaterThanOrEqual(0);
      },
    );

    it('HTML in the query never comes back as markup: snippets are escaped, only <mark> remains', async () => {
      const result = await search('<script>alert(1)</script> <img src=x onerror=alert(1)> paspoort');
      expect(result.items.length).toBeGreaterThan(0);
      for (const item of result.items) {
        expect(item.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      }
    });

    it('an unknown type → 400 with invalidParams', async () => {
      const p = await problem(await get('/api/kennisbank/search?q=paspoort&type=recept'), 400);
      expect(p.invalidParams?.[0]?.name).toBe('query.type');
      expect(p.invalidParams?.[0]?.reason).toContain('werkinstructie');
    });

    it.each(['0', '51', '-1', '2.5', 'veel', ''])('limit=%j → 400 with invalidParams', async (limit) => {
      const p = await problem(await get(`/api/kennisbank/search?q=paspoort&limit=${limit}`), 400);
      expect(p.invalidParams?.map((i) => i.name)).toEqual(['query.limit']);
    });

    it('q given twice → 400', async () => {
      const p = await problem(await get('/api/kennisbank/search?q=a&q=b'), 400);
      expect(p.invalidParams?.[0]?.name).toBe('query.q');
    });

    it('limit 50 is allowed and honoured', async () => {
      const result = await search('belasting', '&limit=50');
      expect(result.items.length).toBe(50);
    });
  });

  it('needs a valid Bearer token', async () => {
    expect((await fetch(`${server.url}/api/kennisbank/search?q=paspoort`)).status).toBe(401);
    expect((await get('/api/kennisbank/search?q=paspoort', 'kapot')).status).toBe(401);
  });

  it('is open to every content role (medewerker, teamleider, beheerder, redacteur)', async () => {
    for (const user of ['anna', 'tess', 'bea', 'rob']) {
      const res = await get('/api/kennisbank/search?q=kliko', await server.login(user));
      expect(res.status, user).toBe(200);
    }
  });

  it('returns a full article with its kanaal and attribution; unknown ids are 404', async () => {
    const res = await get(`/api/kennisbank/articles/${encodeURIComponent('upl:brpUittr')}`);
    expect(res.status).toBe(200);
    const article = Article.parse(await res.json());
    expect(article).toMatchObject({
      id: 'upl:brpUittr',
      type: 'product',
      title: 'BRP-uittreksel',
      published: true,
      source: 'upl',
      kanaal: { primair: 'website (online aanvragen met DigiD)' },
    });
    expect(article.body.length).toBeGreaterThan(20);
    const vac = Article.parse(
      await (
        await get(
          `/api/kennisbank/articles/${encodeURIComponent('vac:a71731d4-6761-4e04-ac25-cbd10fa8cd9c')}`,
        )
      ).json(),
    );
    expect(vac.license).toBe('CC0 1.0 Universal');
    expect(vac.keywords.length).toBeGreaterThan(0);
    await problem(await get('/api/kennisbank/articles/bestaat-niet'), 404);
  });

  it('lists the kanalenmatrix for agents', async () => {
    const res = await get('/api/kanalenmatrix');
    expect(res.status).toBe(200);
    const { items } = KanalenmatrixResponse.parse(await res.json());
    expect(items.length).toBeGreaterThanOrEqual(50);
    expect(items.find((k) => k.product === 'paspoort')).toMatchObject({
      uplId: 'upl:paspoort',
      primair: 'website (afspraak maken)',
      doelgroep: 'inwoner',
      nietVia: [],
    });
  });
});
