import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { io as ioClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentClient } from '../test-support/test-server';
import { freePort, killHard, startServerProcess } from '../test-support/server-process';
import { bearer, nextEvent, tempDataDir } from '../test-support/test-server';

const KEY = 'durability-sleutel';

async function startProcess(
  dataDir: string,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<ChildProcess> {
  const env = { KCC_INTEGRATION_KEY: KEY, KCC_DISCONNECT_GRACE_MS: '60000', ...extraEnv };
  return (await startServerProcess(dataDir, port, env)).child;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps acknowledged contacts and registrations through kill -9 and re-offers waiting contacts', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let child = await startProcess(dataDir, port);
    children.push(child);

    const login = async () => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'anna', password: 'demo' }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const inbound = (externalId: string) =>
      fetch(`${base}/api/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-integration-key': KEY },
        body: JSON.stringify({ channel: 'telefoon', externalId, from: { phone: '0612345678' } }),
      });
    const connect = (token: string) =>
      new Promise<AgentClient>((resolve, reject) => {
        const s: AgentClient = ioClient(`${base}/agent`, {
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
        });
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });

    // Anna takes one call and registers it; a second call waits (Anna is in nawerk).
    const token = await login();
    const anna = await connect(token);
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    expect((await inbound('dur-1')).status).toBe(201);
    const offer = await offered;
    expect(await anna.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    const key = randomUUID();
    const reg = await fetch(`${base}/api/contacts/${offer.contact.id}/registration`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ onderwerp: 'Paspoort', gespreksresultaat: 'zelfstandig_afgehandeld' }),
    });
    expect(reg.status).toBe(201);
    const regBody = await reg.json();
    const waitingRes = await inbound('dur-2');
    expect(waitingRes.status).toBe(201);
    const { contactId: waitingId } = (await waitingRes.json()) as { contactId: string };
    anna.disconnect();

    await killHard(child);
    child = await startProcess(dataDir, port);
    children.push(child);

    // Tokens survive (secret kept in the data dir); inbound is still idempotent; the registration replays.
    expect((await inbound('dur-2')).status).toBe(200);
    const replay = await fetch(`${base}/api/contacts/${offer.contact.id}/registration`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ onderwerp: 'Paspoort', gespreksresultaat: 'zelfstandig_afgehandeld' }),
    });
    expect(replay.status).toBe(reg.status);
    expect(await replay.json()).toEqual(regBody);

    const again = await connect(token);
    const reoffered = nextEvent(again, 'contact:offered');
    await again.emitWithAck('presence:set', { status: 'beschikbaar' });
    expect((await reoffered).contact.id).toBe(waitingId);
    again.disconnect();
  });

  it('keeps an accepted contact with its agent across kill -9', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { KCC_WRAP_UP_MS: '0' };
    let child = await startProcess(dataDir, port, env);
    children.push(child);
    const token = (
      (await (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'anna', password: 'demo' }),
        })
      ).json()) as { token: string }
    ).token;
    const inbound = async (externalId: string) => {
      const res = await fetch(`${base}/api/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-integration-key': KEY },
        body: JSON.stringify({ channel: 'telefoon', externalId, from: {} }),
      });
      return ((await res.json()) as { contactId: string }).contactId;
    };
    const connect = () =>
      new Promise<AgentClient>((resolve, reject) => {
        const s: AgentClient = ioClient(`${base}/agent`, {
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
        });
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });

    let anna = await connect();
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    const offered = nextEvent(anna, 'contact:offered');
    const heldId = await inbound('held-1');
    expect(await anna.emitWithAck('offer:accept', { offerId: (await offered).offerId })).toMatchObject({
      ok: true,
    });
    // A second call waits: a call is exclusive.
    const waitingId = await inbound('held-2');
    anna.disconnect();

    await killHard(child);
    child = await startProcess(dataDir, port, env);
    children.push(child);

    anna = await connect();
    const mine = (await (await fetch(`${base}/api/me/contacts`, { headers: bearer(token) })).json()) as {
      items: { id: string; status: string }[];
    };
    expect(mine.items).toMatchObject([{ id: heldId, status: 'assigned' }]);
    // Still holding the call, Anna gets nothing new until she registers it.
    const next = nextEvent(anna, 'contact:offered');
    let registered = false;
    let offeredEarly = false;
    anna.once('contact:offered', () => (offeredEarly = !registered));
    // Routing decides within the command: an offer would reach this socket before the command's ack.
    await anna.emitWithAck('presence:set', { status: 'beschikbaar' });
    registered = true;
    const reg = await fetch(`${base}/api/contacts/${heldId}/registration`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ onderwerp: 'Verhuizing', gespreksresultaat: 'zelfstandig_afgehandeld' }),
    });
    expect(reg.status).toBe(201);
    expect((await next).contact.id).toBe(waitingId);
    expect(offeredEarly).toBe(false);
    anna.disconnect();
  });
});
