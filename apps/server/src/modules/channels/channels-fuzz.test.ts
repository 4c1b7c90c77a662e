import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_KEY, bearer } from '../../../test-support/test-server';
import { startChannelKit, type ChannelKit, type CitizenClient } from '../../../test-support/channel-test-kit';

function serialise(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '{';
  }
}

/** Junk plus shapes close to the real channel payloads. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.record({ body: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }),
  fc.record({
    toQueue: fc.oneof(fc.constantFrom('chat', 'email', 'algemeen', 'nope'), fc.string()),
    toAgentId: fc.oneof(fc.constantFrom('user-bram', 'user-anna'), fc.string()),
    note: fc.oneof(fc.string(), fc.integer()),
  }),
  fc.record({ toAgentId: fc.string(), text: fc.oneof(fc.string(), fc.constant('')) }),
  fc.record({ draft: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())) }),
  fc.record({
    telefoonnummer: fc.oneof(fc.string(), fc.constant('0612345678')),
    voorkeurVan: fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    voorkeurTot: fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    notitie: fc.anything(),
  }),
  fc.record({
    formulier: fc.oneof(fc.string(), fc.integer()),
    velden: fc.oneof(
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.object())),
      fc.string(),
    ),
    indiener: fc.oneof(fc.record({ naam: fc.string(), email: fc.string() }), fc.anything()),
    bsn: fc.oneof(fc.string(), fc.constant('999993653')),
  }),
  fc.record({
    eventId: fc.oneof(fc.string(), fc.integer()),
    type: fc.oneof(
      fc.constantFrom('call.offered', 'call.answered', 'call.transferred', 'call.ended', 'call.abandoned'),
      fc.string(),
    ),
    callId: fc.oneof(fc.string(), fc.constant('fuzz-call')),
    from: fc.oneof(fc.string(), fc.constant('0612345678')),
    to: fc.oneof(fc.string(), fc.constant(undefined)),
    toQueue: fc.oneof(fc.string(), fc.constant(undefined)),
  }),
);

const citizenJunk = fc.oneof(
  fc.anything(),
  fc.record({ text: fc.oneof(fc.string({ maxLength: 3000 }), fc.integer()) }),
  fc.record({
    name: fc.anything(),
    email: fc.oneof(fc.string(), fc.emailAddress()),
    subject: fc.string(),
    pageUrl: fc.string(),
  }),
  fc.record({ resumeToken: fc.oneof(fc.string(), fc.integer()) }),
  fc.record({ typing: fc.anything() }),
  fc.record({ score: fc.oneof(fc.integer(), fc.double(), fc.string()), comment: fc.anything() }),
  fc.record({ text: fc.string(), email: fc.string(), terugbellen: fc.anything() }),
);

describe('fuzzing the channel REST bodies and /citizen payloads', () => {
  let kit: ChannelKit;
  let token: string;
  let contactId: string;
  let resident: CitizenClient;

  beforeAll(async () => {
    kit = await startChannelKit({ KCC_CHAT_MESSAGES_PER_MINUTE: '10000' });
    const anna = await kit.agent('anna');
    token = anna.token;
    const offered = kit.acceptNext(anna.socket);
    resident = await kit.citizen();
    const started = await resident.emitWithAck('chat:start', { name: 'Fuzz' });
    if (!started.ok) throw new Error('chat did not start');
    contactId = (await offered).contact.id;
  });
  afterAll(() => kit.stop());

  it('never answers a channel REST call with a 5xx, always with problem JSON on errors', async () => {
    const targets: { method: string; path: () => string; auth: 'bearer' | 'key' }[] = [
      { method: 'POST', path: () => `/api/contacts/${contactId}/messages`, auth: 'bearer' },
      { method: 'POST', path: () => `/api/contacts/${contactId}/transfer`, auth: 'bearer' },
      { method: 'POST', path: () => `/api/contacts/${contactId}/consult`, auth: 'bearer' },
      { method: 'PUT', path: () => `/api/contacts/${contactId}/draft`, auth: 'bearer' },
      { method: 'POST', path: () => `/api/contacts/${contactId}/terugbelverzoek`, auth: 'bearer' },
      { method: 'POST', path: () => `/api/contacts/${contactId}/terugbelverzoek/uitkomst`, auth: 'bearer' },
      { method: 'POST', path: () => '/api/channels/webformulier', auth: 'key' },
      { method: 'POST', path: () => '/api/channels/telefonie/events', auth: 'key' },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), junk, async (target, body) => {
        const res = await fetch(`${kit.server.url}${target.path()}`, {
          method: target.method,
          headers: {
            'content-type': 'application/json',
            ...(target.auth === 'bearer' ? bearer(token) : { 'x-integration-key': INTEGRATION_KEY }),
          },
          body: serialise(body),
        });
        expect(res.status, `${target.path()} ${serialise(body)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          const problem = (await res.json()) as { status: number; title: string };
          expect(problem.status).toBe(res.status);
        } else {
          await res.arrayBuffer();
        }
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${kit.server.url}/health`)).status).toBe(200);
  });

  it('acks every /citizen command with {ok} and keeps the namespace alive', async () => {
    const events = [
      'chat:availability',
      'chat:start',
      'chat:message',
      'chat:resume',
      'chat:typing',
      'chat:rating',
      'chat:transcript',
      'chat:leave-message',
    ] as const;
    const probe = await kit.citizen();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events), citizenJunk, async (event, payload) => {
        const res = (await (
          probe as unknown as {
            timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> };
          }
        )
          .timeout(3000)
          .emitWithAck(event, payload)) as { ok: boolean; error?: string };
        expect(typeof res.ok).toBe('boolean');
        if (!res.ok) expect(typeof res.error).toBe('string');
      }),
      { numRuns: 200 },
    );
    // The real conversation is unharmed.
    expect(await resident.emitWithAck('chat:message', { text: 'nog steeds hier' })).toEqual({ ok: true });
  });
});
