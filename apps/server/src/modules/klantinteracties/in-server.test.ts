import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/test-server';

/**
 * The embedded API inside the real server (helmet, rate limits, the server's own error handlers around it):
 * its error shapes must stay Open Klant's there too.
 */
const TOKEN = 'test-ki-token-in-server';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ KCC_KLANTINTERACTIES_TOKEN: TOKEN });
});
afterAll(async () => {
  await server.close();
});

const ki = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/klantinteracties/api/v1${path}`, {
    ...init,
    headers: { authorization: `Token ${TOKEN}`, ...(init.headers as Record<string, string> | undefined) },
  });

describe('the Klantinteracties API in the server', () => {
  it('answers malformed JSON, text/plain, a wrong method, an unknown path and an unknown parameter as Open Klant', async () => {
    const cases: [Promise<Response>, number, string][] = [
      [
        ki('/klantcontacten', {
          method: 'POST',
          body: '{"kanaal": ',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'parse_error',
      ],
      [
        ki('/klantcontacten', {
          method: 'POST',
          body: 'kanaal=telefoon',
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'unsupported_media_type',
      ],
      [
        ki('/partijen', { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } }),
        405,
        'method_not_allowed',
      ],
      [ki('/klantcontactmomenten'), 404, 'not_found'],
      [ki('/klantcontacten?invalid=1'), 400, 'invalid'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect(res.status, code).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { code: string; status: number; instance: string };
      expect(body).toMatchObject({ code, status });
      expect(body.instance).toMatch(/^urn:uuid:/);
    }
  });
});
