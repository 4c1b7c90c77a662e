import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwitchingProxy } from '../../test-support/switching-proxy';
import { startTestServer } from '../../test-support/test-server';
import { startTwoInstances, type TwoInstances } from '../../test-support/two-instances';
import { agentRoom } from '../realtime/agent-namespace';

let cluster: TwoInstances;
beforeAll(async () => {
  cluster = await startTwoInstances();
});
afterAll(async () => {
  await cluster?.stop();
});

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

describe('two instances sharing one Redis', () => {
  it('GET /health names the instance that answers', async () => {
    const { a, b } = cluster;
    // Each on its own SQLite: each is a single process that leads its own routing.
    expect(await (await fetch(`${a.url}/health`)).json()).toEqual({
      status: 'ok',
      instance: 'instance-a',
      routingLeader: true,
    });
    expect(await (await fetch(`${b.url}/health`)).json()).toEqual({
      status: 'ok',
      instance: 'instance-b',
      routingLeader: true,
    });
  });

  it('a socket.io event emitted on A reaches an agent socket connected to B', async () => {
    const { a, b } = cluster;
    const socket = await b.connectAgent(await b.login('anna'));
    const received = new Promise<void>((resolve) => socket.once('internetaken:changed', () => resolve()));
    a.io.of('/agent').to(agentRoom('user-anna')).emit('internetaken:changed');
    await received;
    socket.disconnect();
  });

  it('an agent socket that reconnects to B with its recovery offset gets its session and the missed events', async () => {
    const { a, b } = cluster;
    // Sessions of logins live in each instance's SQLite until PostgreSQL lands: the agent logged in on both, and
    // the client sends the token of the instance it reaches (as a token valid cluster-wide will be).
    const tokens = { a: await a.login('anna'), b: await b.login('anna') };
    let token = tokens.a;
    const proxy = await startSwitchingProxy(a.url);
    const socket = ioClient(`${proxy.url}/agent`, {
      auth: (cb) => cb({ token }),
      transports: ['websocket'],
      reconnectionDelay: 10,
      reconnectionDelayMax: 50,
    });
    try {
      await connected(socket);
      expect(socket.recovered).toBe(false);
      const firstId = socket.id!;
      expect(a.io.of('/agent').sockets.has(firstId)).toBe(true);
      const seen: number[] = [];
      socket.on('internetaken:changed', () => seen.push(seen.length + 1));
      a.io.of('/agent').to(agentRoom('user-anna')).emit('internetaken:changed');
      await expect.poll(() => seen).toEqual([1]);

      // Instance A's connection is cut; the load balancer sends the reconnect to B.
      proxy.hold();
      proxy.dropAll();
      await expect.poll(() => a.io.of('/agent').sockets.has(firstId)).toBe(false);
      // Missed while away: emitted on A to the agent's room.
      a.io.of('/agent').to(agentRoom('user-anna')).emit('internetaken:changed');
      token = tokens.b;
      const back = new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
      proxy.switchTo(b.url);
      await back;
      await expect.poll(() => socket.connected).toBe(true);

      expect(socket.recovered).toBe(true);
      expect(socket.id).toBe(firstId);
      expect(b.io.of('/agent').sockets.has(firstId)).toBe(true);
      await expect.poll(() => seen).toEqual([1, 2]);
      // The recovered socket is still in its rooms, now on B.
      expect(b.io.of('/agent').adapter.rooms.get(agentRoom('user-anna'))?.has(firstId)).toBe(true);
    } finally {
      socket.disconnect();
      await proxy.close();
    }
  });

  it('a rate limit holds across instances: failed logins on A and B count together', async () => {
    const { a, b } = cluster;
    const attempt = (url: string) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bram', password: 'fout-wachtwoord' }),
      });
    // 10 failed logins per username and IP in 5 minutes: five on each instance use them up.
    for (let i = 0; i < 5; i++) {
      expect((await attempt(a.url)).status).toBe(401);
      expect((await attempt(b.url)).status).toBe(401);
    }
    expect((await attempt(a.url)).status).toBe(429);
    expect((await attempt(b.url)).status).toBe(429);
  });
});

describe('KCC_REDIS_URL that cannot be reached', () => {
  it('stops the start with one Dutch line', async () => {
    await expect(startTestServer({ KCC_REDIS_URL: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /^Redis op KCC_REDIS_URL is niet bereikbaar \(connect ECONNREFUSED/,
    );
  });
});
