import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKlantinteracties } from '../../test-support/fake-klantinteracties';
import { bearer, startTestServer, type TestServer } from '../../test-support/test-server';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-body';

describe('JSON nesting depth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepthExceeds('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[1,{"b":2}]}', 2)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[{{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ s: 'x\\"[[[[' }), 1)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(
      false,
    );
  });
});

describe('bad input that used to answer 500 is a 400 problem', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
  });
  afterAll(() => server.stop());

  async function expect400(res: Response) {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { status: number }).status).toBe(400);
  }

  it('PUT /api/contacts/:id/draft with deeply nested JSON', async () => {
    const token = await server.login('anna');
    const socket = await server.connectAgent(token);
    await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = new Promise<{ offerId: string; contact: { id: string } }>((r) =>
      socket.once('contact:offered', r),
    );
    await server.inbound({ channel: 'email', externalId: 'deep-draft', from: {} });
    const offer = await offered;
    await socket.emitWithAck('offer:accept', { offerId: offer.offerId });
    const put = (draft: string) =>
      fetch(`${server.url}/api/contacts/${offer.contact.id}/draft`, {
        method: 'PUT',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: `{"draft":{"a":${draft}}}`,
      });
    await expect400(await put('['.repeat(20_000) + ']'.repeat(20_000)));
    await expect400(await put('{"x":'.repeat(20_000) + '1' + '}'.repeat(20_000)));
    // A normal draft is still saved.
    expect((await put('{"onderwerp":"paspoort","tekst":"[niet genest]"}')).status).toBe(200);
    socket.disconnect();
  });

  it.each([
    ['0000-00-00', '9999-99-99'],
    ['2026-02-30', '2026-03-01'],
    ['2026-13-01', '2026-13-02'],
    ['0000-01-01', '0000-01-02'],
  ])('GET /api/reports?from=%s&to=%s', async (from, to) => {
    const token = await server.login('tess');
    const res = await fetch(`${server.url}/api/reports?from=${from}&to=${to}`, { headers: bearer(token) });
    await expect400(res);
  });
});
