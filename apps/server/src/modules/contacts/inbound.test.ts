import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { createFakeKlantinteracties } from '../../../test-support/fake-klantinteracties';
import { storeRows } from '../../../test-support/store-rows';
import { INTEGRATION_KEY, startTestServer, type TestServer } from '../../../test-support/test-server';

describeEachStore('POST /api/inbound', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await stores.freshDatabase();
    server = await startTestServer(database.env, { klantinteracties: createFakeKlantinteracties() });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('creates a contact once per channel + externalId (201, then 200 with the same id)', async () => {
    const body = { channel: 'telefoon', externalId: 'dup-1', from: { phone: '0612345678' } };
    const first = await server.inbound(body);
    expect(first.status).toBe(201);
    const { contactId } = (await first.json()) as { contactId: string };
    const second = await server.inbound({ ...body, subject: 'andere inhoud' });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ contactId });
    // Another channel with the same externalId is another contact.
    const chat = await server.inbound({ ...body, channel: 'chat' });
    expect(chat.status).toBe(201);
    expect(((await chat.json()) as { contactId: string }).contactId).not.toBe(contactId);
  });

  it('never makes a second contact under concurrent deliveries', async () => {
    const body = { channel: 'webformulier', externalId: 'form-77', from: { email: 'x@example.nl' } };
    const responses = await Promise.all(Array.from({ length: 20 }, () => server.inbound(body)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { contactId: string }).contactId)),
    );
    expect(ids.size).toBe(1);
    const [count] = await storeRows(
      server.store,
      sql<{
        n: number;
      }>`SELECT COUNT(*) AS n FROM contacts WHERE channel = 'webformulier' AND external_id = 'form-77'`,
    );
    expect(Number(count?.n)).toBe(1);
  });

  it('stores the contact before acknowledging, with a due time for e-mail', async () => {
    const res = await server.inbound({
      channel: 'email',
      externalId: '<m1@example.nl>',
      from: { email: 'a@b.nl' },
      subject: 'Vraag',
    });
    const { contactId } = (await res.json()) as { contactId: string };
    const [row] = (await storeRows(
      server.store,
      sql<{
        queue_id: string;
        due_at: number;
        created_at: number;
      }>`SELECT queue_id, due_at, created_at FROM contacts WHERE id = ${contactId}`,
    )) as [{ queue_id: string; due_at: number; created_at: number }];
    expect(row.queue_id).toBe('email');
    // Two working days: at least 2 and at most 4 calendar days later.
    expect(row.due_at - row.created_at).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(row.due_at - row.created_at).toBeLessThanOrEqual(4 * 86_400_000);
  });

  it('answers 401 problem JSON without or with a wrong integration key', async () => {
    const body = { channel: 'telefoon', externalId: 'k', from: {} };
    for (const key of ['', 'fout', `${INTEGRATION_KEY}x`]) {
      const res = await server.inbound(body, key);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const noHeader = await fetch(`${server.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(noHeader.status).toBe(401);
  });

  it('answers 400 with invalidParams for bad bodies and unknown queues', async () => {
    const cases: [unknown, string][] = [
      [{ channel: 'fax', externalId: 'a', from: {} }, 'channel'],
      [{ channel: 'telefoon', from: {} }, 'externalId'],
      [{ channel: 'telefoon', externalId: 'a', from: { bsn: '12' } }, 'from.bsn'],
      [{ channel: 'telefoon', externalId: 'a', from: {}, extra: 1 }, ''],
      [{ channel: 'telefoon', externalId: 'a', from: {}, queue: 'bestaat-niet' }, 'queue'],
      [{ channel: 'chat', externalId: 'a', from: {}, queue: 'algemeen' }, 'queue'],
      [{ channel: 'email', externalId: 'a', from: {}, dueAt: 'morgen' }, 'dueAt'],
    ];
    for (const [body, param] of cases) {
      const res = await server.inbound(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = (await res.json()) as { status: number; invalidParams: { name: string }[] };
      expect(problem.status).toBe(400);
      if (param) expect(problem.invalidParams.map((p) => p.name)).toContain(param);
    }
  });

  it('routes an explicit queue and keeps the phone number canonical', async () => {
    const res = await server.inbound({
      channel: 'telefoon',
      externalId: 'q-1',
      from: { phone: '+31 6 1234 5678' },
      queue: 'belastingen',
    });
    expect(res.status).toBe(201);
    const { contactId } = (await res.json()) as { contactId: string };
    const [row] = (await storeRows(
      server.store,
      sql<{
        queue_id: string;
        from_json: string;
      }>`SELECT queue_id, from_json FROM contacts WHERE id = ${contactId}`,
    )) as [{ queue_id: string; from_json: string }];
    expect(row.queue_id).toBe('belastingen');
    expect(JSON.parse(row.from_json)).toEqual({ phone: '0612345678' });
  });
});
