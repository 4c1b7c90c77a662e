import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type FreshDatabase } from '../../../test-support/each-store';
import { bearer, startTestServer, type TestServer } from '../../../test-support/test-server';
import { DEMO_QUICK_REPLIES } from './quick-replies.repository';
import { ColleaguesResponse, QuickRepliesResponse, QuickReplyView } from './quick-replies.schemas';

interface ProblemJson {
  title: string;
  status: number;
  invalidParams?: { name: string; code: string; reason: string }[];
}

describeEachStore('quick replies and colleagues over HTTP', (stores) => {
  let server: TestServer;
  let database: FreshDatabase;
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

  const call = (user: string | undefined, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(user ? bearer(tokens[user] ?? 'none') : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it('seeds the demo replies once, ordered by code, readable by medewerker, teamleider and beheerder', async () => {
    for (const user of ['anna', 'tess', 'bea']) {
      const res = await call(user, 'GET', '/api/quick-replies');
      expect(res.status).toBe(200);
      const body = QuickRepliesResponse.parse(await res.json());
      const codes = body.items.map((i) => i.code);
      expect(codes).toEqual(DEMO_QUICK_REPLIES.map((r) => r.code).sort());
    }
  });

  it('refuses readers without a role and anonymous callers', async () => {
    expect((await call('rob', 'GET', '/api/quick-replies')).status).toBe(403);
    expect((await call(undefined, 'GET', '/api/quick-replies')).status).toBe(401);
  });

  it('lets only the beheerder create, change and delete', async () => {
    const input = { code: 'paspoort-kosten', title: 'Kosten paspoort', body: 'Een paspoort kost € 84,- .' };
    for (const user of ['anna', 'tess', 'rob']) {
      expect((await call(user, 'POST', '/api/quick-replies', input)).status).toBe(403);
    }
    const created = await call('bea', 'POST', '/api/quick-replies', input);
    expect(created.status).toBe(201);
    const reply = QuickReplyView.parse(await created.json());
    expect(reply).toMatchObject(input);

    expect((await call('anna', 'PUT', `/api/quick-replies/${reply.id}`, input)).status).toBe(403);
    const changed = await call('bea', 'PUT', `/api/quick-replies/${reply.id}`, {
      ...input,
      body: 'Een paspoort voor volwassenen kost € 84,-.',
    });
    expect(changed.status).toBe(200);
    expect(QuickReplyView.parse(await changed.json()).body).toBe(
      'Een paspoort voor volwassenen kost € 84,-.',
    );

    const list = QuickRepliesResponse.parse(await (await call('anna', 'GET', '/api/quick-replies')).json());
    expect(list.items.find((i) => i.id === reply.id)?.body).toContain('volwassenen');

    expect((await call('anna', 'DELETE', `/api/quick-replies/${reply.id}`)).status).toBe(403);
    expect((await call('bea', 'DELETE', `/api/quick-replies/${reply.id}`)).status).toBe(204);
    expect((await call('bea', 'DELETE', `/api/quick-replies/${reply.id}`)).status).toBe(404);
    expect((await call('bea', 'PUT', `/api/quick-replies/${reply.id}`, input)).status).toBe(404);
  });

  it('validates input with problem JSON and refuses a duplicate code', async () => {
    const bad = await call('bea', 'POST', '/api/quick-replies', { code: 'Met Spatie', title: '', body: 'x' });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as ProblemJson;
    expect(problem.invalidParams?.map((p) => p.name).sort()).toEqual(['code', 'title']);

    const tooLong = await call('bea', 'POST', '/api/quick-replies', {
      code: 'lang',
      title: 'Lang',
      body: 'x'.repeat(2001),
    });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as ProblemJson).invalidParams?.[0]?.name).toBe('body');

    const extra = await call('bea', 'POST', '/api/quick-replies', {
      code: 'extra',
      title: 'Extra',
      body: 'Tekst',
      id: 'mine',
    });
    expect(extra.status).toBe(400);

    const dup = await call('bea', 'POST', '/api/quick-replies', {
      code: 'welkom',
      title: 'Nog een',
      body: 'Hoi',
    });
    expect(dup.status).toBe(400);
    expect(((await dup.json()) as ProblemJson).invalidParams?.[0]).toMatchObject({
      name: 'code',
      code: 'duplicate',
    });

    // Renaming onto another reply's code is refused too; keeping its own code is fine.
    const list = QuickRepliesResponse.parse(await (await call('bea', 'GET', '/api/quick-replies')).json());
    const moment = list.items.find((i) => i.code === 'moment');
    expect(moment).toBeDefined();
    const rename = await call('bea', 'PUT', `/api/quick-replies/${moment?.id}`, {
      code: 'welkom',
      title: 'x',
      body: 'y',
    });
    expect(rename.status).toBe(400);
    const same = await call('bea', 'PUT', `/api/quick-replies/${moment?.id}`, {
      code: 'moment',
      title: 'Een moment',
      body: 'Een ogenblik alstublieft.',
    });
    expect(same.status).toBe(200);
  });

  it('creates one reply when several requests with the same new code race (the UNIQUE code decides)', async () => {
    const input = { code: 'gelijktijdig', title: 'Gelijktijdig', body: 'Tekst' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call('bea', 'POST', '/api/quick-replies', input)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    const list = QuickRepliesResponse.parse(await (await call('bea', 'GET', '/api/quick-replies')).json());
    expect(list.items.filter((i) => i.code === 'gelijktijdig')).toHaveLength(1);
  });

  it('lists colleagues (names and presence, not myself) and queues for a medewerker only', async () => {
    const res = await call('anna', 'GET', '/api/colleagues');
    expect(res.status).toBe(200);
    const body = ColleaguesResponse.parse(await res.json());
    expect(body.items.some((c) => c.id === 'user-anna')).toBe(false);
    const bram = body.items.find((c) => c.id === 'user-bram');
    expect(bram).toEqual({ id: 'user-bram', name: 'Bram Jansen', presence: 'offline' });
    expect(Object.keys(bram ?? {}).sort()).toEqual(['id', 'name', 'presence']);
    expect(body.queues.length).toBeGreaterThan(0);
    expect(body.queues.every((q) => q.id !== '' && q.channels.length > 0)).toBe(true);

    // Presence follows the routing state.
    const socket = await server.connectAgent(tokens.bram ?? '');
    const ack = await socket.emitWithAck('presence:set', { status: 'beschikbaar' });
    expect(ack.ok).toBe(true);
    const after = ColleaguesResponse.parse(await (await call('anna', 'GET', '/api/colleagues')).json());
    expect(after.items.find((c) => c.id === 'user-bram')?.presence).toBe('beschikbaar');

    expect((await call('tess', 'GET', '/api/colleagues')).status).toBe(403);
    expect((await call('bea', 'GET', '/api/colleagues')).status).toBe(403);
    expect((await call(undefined, 'GET', '/api/colleagues')).status).toBe(401);
  });
});
