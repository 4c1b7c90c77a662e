import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKlantinteracties } from '../test-support/fake-klantinteracties';
import { bearer, startTestServer, type AgentClient, type TestServer } from '../test-support/test-server';

/** Arbitrary JSON-ish values, including shapes close to the real payloads. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.record({
    channel: fc.oneof(fc.constantFrom('telefoon', 'chat', 'email', 'fax'), fc.string()),
    externalId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    from: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.string()),
    queue: fc.oneof(fc.string(), fc.constant(undefined)),
    dueAt: fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
  }),
  fc.record({
    onderwerp: fc.oneof(fc.string(), fc.integer()),
    gespreksresultaat: fc.oneof(fc.string(), fc.constant('zelfstandig_afgehandeld')),
    partij: fc.oneof(fc.record({ uuid: fc.oneof(fc.uuid(), fc.string()) }), fc.string()),
    interneTaak: fc.oneof(
      fc.record({ gevraagdeHandeling: fc.string(), actor: fc.anything() }),
      fc.constant(null),
    ),
    afronden: fc.anything(),
  }),
  fc.record({ username: fc.oneof(fc.string(), fc.integer()), password: fc.oneof(fc.string(), fc.boolean()) }),
);

function serialise(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '{';
  }
}

describe('fuzzing REST bodies and socket payloads', () => {
  let server: TestServer;
  let token: string;
  let socket: AgentClient;
  let heldContactId: string;

  beforeAll(async () => {
    server = await startTestServer({}, { klantinteracties: createFakeKlantinteracties() });
    token = await server.login('anna');
    socket = await server.connectAgent(token);
    await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = new Promise<{ offerId: string; contact: { id: string } }>((r) =>
      socket.once('contact:offered', r),
    );
    await server.inbound({ channel: 'email', externalId: 'fuzz-held', from: {} });
    const offer = await offered;
    await socket.emitWithAck('offer:accept', { offerId: offer.offerId });
    heldContactId = offer.contact.id;
    await socket.emitWithAck('presence:set', { status: 'pauze' });
  });
  afterAll(() => server.stop());

  async function expectProblem(res: Response) {
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { status: number; title: string };
      expect(body.status).toBe(res.status);
      expect(typeof body.title).toBe('string');
    } else {
      await res.arrayBuffer();
    }
  }

  it('POST /api/inbound never answers 500', async () => {
    await fc.assert(
      fc.asyncProperty(junk, async (body) => {
        const res = await fetch(`${server.url}/api/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-integration-key': 'test-integratie-sleutel' },
          body: serialise(body),
        });
        await expectProblem(res);
      }),
      { numRuns: 150 },
    );
  });

  it('POST /api/auth/login never answers 500', async () => {
    await fc.assert(
      fc.asyncProperty(junk, async (body) => {
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: serialise(body),
        });
        await expectProblem(res);
      }),
      { numRuns: 60 },
    );
  });

  it('POST registration never answers 500 and registers nothing invalid', async () => {
    await fc.assert(
      fc.asyncProperty(junk, fc.oneof(fc.uuid(), fc.string()), async (body, key) => {
        const res = await fetch(`${server.url}/api/contacts/${heldContactId}/registration`, {
          method: 'POST',
          headers: {
            ...bearer(token),
            'content-type': 'application/json',
            'idempotency-key': key || randomUUID(),
          },
          body: serialise(body),
        });
        await expectProblem(res);
      }),
      { numRuns: 150 },
    );
  });

  it('every agent event refuses garbage with {ok:false, issues} and the server keeps running', async () => {
    for (const event of ['presence:set', 'offer:accept', 'offer:decline'] as const) {
      await fc.assert(
        fc.asyncProperty(junk, async (payload) => {
          const untyped = socket as unknown as {
            timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> };
          };
          const ack = (await untyped.timeout(2000).emitWithAck(event, payload)) as {
            ok: boolean;
            error?: string;
            issues?: unknown[];
          };
          if (!ack.ok) {
            expect(typeof ack.error).toBe('string');
            if (ack.error === 'invalid_payload') expect(Array.isArray(ack.issues)).toBe(true);
          }
        }),
        { numRuns: 100 },
      );
    }
    // No ack callback and odd argument lists must not crash anything either.
    const raw = socket as unknown as { emit(...args: unknown[]): void };
    raw.emit('presence:set');
    raw.emit('offer:accept', 1, 2, 3);
    raw.emit('offer:decline', { offerId: 'x' });
    raw.emit('bestaat:niet', { a: 1 });
    expect(await socket.emitWithAck('presence:set', { status: 'pauze' })).toMatchObject({ ok: true });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
