import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKlantinteracties } from '../test-support/fake-klantinteracties';
import { bearer, INTEGRATION_KEY, startTestServer, type TestServer } from '../test-support/test-server';

/**
 * Every route Fastify knows, called with arbitrary path parameters, query strings and bodies, as every kind of
 * caller: nothing may answer 500, and every refusal is problem JSON.
 */
const segment = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.uuid(),
  fc.constantFrom('0', '-1', '999999999', '%00', '..', '%2e%2e', 'a'.repeat(300), '123456782'),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('0000-00-00', '9999-99-99', '2026-02-30', 'NaN', '-1', 'beschikbaar', 'chat', 'telefoon'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')),
    tie('value'),
    {
      maxKeys: 5,
    },
  ),
})).value;
const query = fc.dictionary(
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('q', 'from', 'to', 'limit', 'purpose', 'bsn', 'page'),
  ),
  fc.oneof(fc.string({ maxLength: 30 }), leaf.map(String)),
  { maxKeys: 4 },
);
const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;

describe('fuzzing every route', () => {
  let server: TestServer;
  let callers: Record<string, Record<string, string>>;

  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
    callers = { anonymous: {} };
    for (const user of ['anna', 'tess', 'bea', 'rob', 'priya'])
      callers[user] = bearer(await server.login(user));
    callers.integratie = { 'x-integration-key': INTEGRATION_KEY };
    callers.klantinteracties = { authorization: 'Token demo-klantinteracties-token' };
  });
  afterAll(() => server.stop());

  async function check(method: string, path: string, headers: Record<string, string>, body?: string) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body !== undefined ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    expect(res.status, `${method} ${path} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
    if (res.status >= 400 && path.startsWith('/api/')) {
      expect(res.headers.get('content-type'), `${method} ${path}`).toContain('application/problem+json');
      expect((JSON.parse(text) as { status: number }).status).toBe(res.status);
    }
  }

  it('walks a known number of routes', () => {
    expect(server.routes.length).toBeGreaterThan(60);
    expect(server.routes).toContainEqual({ method: 'PUT', url: '/api/contacts/:id/draft' });
  });

  it('no route answers 500 to arbitrary parameters, queries and bodies from any caller', async () => {
    const routes = server.routes.filter((r) => !r.url.includes('*'));
    for (const route of routes) {
      const params = (route.url.match(/:\w+/g) ?? []).length;
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: params, maxLength: params }),
          query,
          fc.oneof(
            json.map((v) => JSON.stringify(v)),
            fc.constantFrom('{', '', deep, '"x"', '[]'),
          ),
          fc.constantFrom(...Object.keys(callers)),
          async (values, q, body, caller) => {
            let i = 0;
            const path = route.url.replace(/:\w+/g, () => encodeURIComponent(values[i++] ?? 'x'));
            const search = new URLSearchParams(q).toString();
            const withBody = route.method !== 'GET' && route.method !== 'DELETE';
            await check(
              route.method,
              `${path}${search ? `?${search}` : ''}`,
              callers[caller] ?? {},
              withBody ? body : undefined,
            );
          },
        ),
        { numRuns: 25 },
      );
    }
  }, 240_000);
});
