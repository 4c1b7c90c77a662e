import fs from 'node:fs';
import { sql } from 'kysely';
import { io as ioClient } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { describeEachStore } from '../../../test-support/each-store';
import { offersThatOverlap, type LoggedContactEvent } from '../../../test-support/routing-invariants';
import {
  freePort,
  killHard,
  startServerProcess,
  type ServerProcess,
} from '../../../test-support/server-process';
import { storeRows } from '../../../test-support/store-rows';
import { nextEvent, tempDataDir, type AgentClient } from '../../../test-support/test-server';
import { openDatabase } from '../../store/db';
import { openStore } from '../../store/store';

const KEY = 'herstart-sleutel';
const processes: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await killHard(p.child);
  for (const c of cleanups.splice(0).reverse()) await c();
});

describeEachStore('routing after a crash', (stores) => {
  it('withdraws the offer the killed engine made before the contact is offered to someone else', async () => {
    const database = await stores.freshDatabase();
    cleanups.push(() => database.drop());
    const dataDir = tempDataDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env = {
      ...database.env,
      KCC_INTEGRATION_KEY: KEY,
      KCC_TOKEN_SECRET: 'herstart-test-geheim-van-minstens-32-tekens',
    };
    const start = async () => {
      const p = await startServerProcess(dataDir, port, env);
      processes.push(p);
      return p;
    };
    const login = async (url: string, username: string) => {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const connect = (url: string, token: string) =>
      new Promise<AgentClient>((resolve, reject) => {
        const s: AgentClient = ioClient(`${url}/agent`, { auth: { token }, transports: ['websocket'] });
        cleanups.push(() => void s.disconnect());
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });

    const first = await start();
    const anna = await connect(first.url, await login(first.url, 'anna'));
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    const res = await fetch(`${first.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': KEY },
      body: JSON.stringify({ channel: 'telefoon', externalId: 'herstart-1', from: {} }),
    });
    const { contactId } = (await res.json()) as { contactId: string };
    expect((await offered).contact.id).toBe(contactId);
    // Killed while the offer is open: Anna never answered it, nothing ended it.
    await killHard(first.child);

    const second = await start();
    const bram = await connect(second.url, await login(second.url, 'bram'));
    const reoffered = nextEvent(bram, 'contact:offered');
    await bram.emitWithAck('presence:set', { status: 'beschikbaar' });
    expect((await reoffered).contact.id).toBe(contactId);
    await killHard(second.child);

    const db = stores.dialect === 'sqlite' ? openDatabase(dataDir) : undefined;
    const store = openStore(db ? { sqlite: db } : { postgresUrl: database.env.KCC_DATABASE_URL as string });
    cleanups.push(async () => {
      if (db) db.close();
      else await store.close();
    });
    const rows = await storeRows<{
      seq: number;
      type: string;
      at: number;
      agent_id: string | null;
      data: unknown;
    }>(
      store,
      sql`SELECT seq, type, at, agent_id, data FROM contact_events WHERE contact_id = ${contactId} ORDER BY seq`,
    );
    const events = rows.map((e): LoggedContactEvent => ({
      seq: e.seq,
      contactId,
      type: e.type,
      at: e.at,
      agentId: e.agent_id,
      data: (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Record<string, unknown> | null,
    }));
    expect(events.find((e) => e.type === 'offer-withdrawn')).toMatchObject({
      agentId: 'user-anna',
      data: { reason: 'server-restart' },
    });
    expect(offersThatOverlap(events)).toEqual([]);
  });
});
