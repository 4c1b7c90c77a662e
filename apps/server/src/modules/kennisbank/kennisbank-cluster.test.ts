import { afterAll, beforeAll, expect, it } from 'vitest';
import { Article, KennisbankSearchResponse } from '@kcc/contracts/kennisbank';
import { startTestRedis, type TestRedis } from '../../../test-support/redis-server';
import { bearer, startTestServer, tempDataDir, type TestServer } from '../../../test-support/test-server';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';

/**
 * An edit on one instance reaches the search index of the other. The instances must share the store the
 * articles live in: until the PostgreSQL store lands, that is one SQLite data dir used by both (WAL allows
 * several connections), standing in for the shared database. Each instance still has its own in-memory index,
 * so without the invalidation message B keeps answering from its old index.
 */
describeEachStore('kennisbank index on two instances', (stores) => {
  let database: FreshDatabase;
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    redis = await startTestRedis();
    database = await stores.freshDatabase();
    const env = { KCC_REDIS_URL: redis.url, ...database.env };
    a = await startTestServer({ ...env, KCC_INSTANCE_ID: 'kb-a' }, {}, dataDir);
    b = await startTestServer({ ...env, KCC_INSTANCE_ID: 'kb-b' }, {}, dataDir);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await redis?.stop();
    await database?.drop();
  });

  const call = async (server: TestServer, user: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...bearer(await server.login(user)),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const idsFor = async (server: TestServer, q: string) => {
    const res = await call(
      server,
      'anna',
      'GET',
      `/api/kennisbank/search?q=${encodeURIComponent(q)}&limit=10`,
    );
    expect(res.status).toBe(200);
    return KennisbankSearchResponse.parse(await res.json()).items.map((i) => i.id);
  };

  it('an article created, edited and deleted on A is found, changed and gone in a search on B', async () => {
    const created = await call(a, 'rob', 'POST', '/api/kennisbank/articles', {
      type: 'werkinstructie',
      title: 'Grofvuil Zwanenburcht ophalen',
      body: 'Grofvuil uit de Zwanenburcht halen we op woensdag op.',
      keywords: ['grofvuil'],
      published: true,
    });
    expect(created.status).toBe(201);
    const { id } = Article.parse(await created.json());
    await expect.poll(() => idsFor(b, 'zwanenburcht')).toContain(id);

    const edited = await call(a, 'bea', 'PUT', `/api/kennisbank/articles/${encodeURIComponent(id)}`, {
      type: 'werkinstructie',
      title: 'Grofvuil Reigersnest ophalen',
      body: 'Grofvuil uit het Reigersnest halen we op vrijdag op.',
      published: true,
    });
    expect(edited.status).toBe(200);
    await expect.poll(() => idsFor(b, 'reigersnest')).toContain(id);
    expect(await idsFor(b, 'zwanenburcht')).not.toContain(id);

    const deleted = await call(a, 'bea', 'DELETE', `/api/kennisbank/articles/${encodeURIComponent(id)}`);
    expect(deleted.status).toBe(204);
    await expect.poll(() => idsFor(b, 'reigersnest')).not.toContain(id);
  });

  it('synonyms replaced on B apply to searches on A', async () => {
    expect(await idsFor(a, 'kwispelheffing')).not.toContain('upl:hondenbelasting');
    const res = await call(b, 'rob', 'PUT', '/api/kennisbank/synonyms', {
      synonyms: { kwispelheffing: ['hondenbelasting'] },
    });
    expect(res.status).toBe(200);
    await expect.poll(() => idsFor(a, 'kwispelheffing')).toContain('upl:hondenbelasting');
  });
});
