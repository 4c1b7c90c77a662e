import http from 'node:http';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoadBalancer, type LoadBalancer } from './load-balancer';

interface Backend {
  name: string;
  url: string;
  close(): Promise<void>;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** Answers every request with its name and the body it got; an upgrade is answered with 101 and an echo. */
async function backend(name: string): Promise<Backend> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () =>
      res.end(JSON.stringify({ name, body, forwardedFor: req.headers['x-forwarded-for'] })),
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (_req, socket: net.Socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
    socket.write(`${name}:`);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  let closed = false;
  const b = {
    name,
    url: `http://127.0.0.1:${port}`,
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  open.push(b);
  return b;
}

async function balancer(backends: Backend[]): Promise<LoadBalancer> {
  const lb = await startLoadBalancer({ backends: backends.map((b) => b.url) });
  open.push(lb);
  return lb;
}

const who = async (url: string, init?: RequestInit) =>
  (await (await fetch(url, init)).json()) as { name: string; body: string; forwardedFor: string };

/** Opens an upgraded connection through `url`, sends `text`, and resolves with what came back. */
function upgradeEcho(url: string, text: string): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      path: '/ws',
      headers: { connection: 'Upgrade', upgrade: 'echo' },
    });
    req.on('upgrade', (res, socket, head) => {
      expect(res.statusCode).toBe(101);
      let got = head.toString();
      socket.on('data', (c: Buffer) => {
        got += c.toString();
        if (got.endsWith(text)) {
          socket.destroy();
          resolve(got);
        }
      });
      socket.write(text);
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('the load balancer of npm run cluster', () => {
  it('sends requests round robin, with their bodies and X-Forwarded-For', async () => {
    const lb = await balancer([await backend('a'), await backend('b')]);
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await who(`${lb.url}/api/x`)).name);
    expect(names).toEqual(['a', 'b', 'a', 'b']);
    const posted = await who(`${lb.url}/api/x`, { method: 'POST', body: 'hallo' });
    expect(posted.body).toBe('hallo');
    expect(posted.forwardedFor).toBe('127.0.0.1');
  });

  it('pipes WebSocket upgrades both ways, round robin too', async () => {
    const lb = await balancer([await backend('a'), await backend('b')]);
    expect(await upgradeEcho(lb.url, 'ping-1')).toBe('a:ping-1');
    expect(await upgradeEcho(lb.url, 'ping-2')).toBe('b:ping-2');
  });

  it('skips a dead backend for requests and upgrades, and answers 502 when none is left', async () => {
    const a = await backend('a');
    const b = await backend('b');
    const lb = await balancer([a, b]);
    await a.close();
    for (let i = 0; i < 3; i++)
      expect((await who(`${lb.url}/api/x`, { method: 'POST', body: `r${i}` })).name).toBe('b');
    expect(await upgradeEcho(lb.url, 'ping')).toBe('b:ping');
    await b.close();
    expect((await fetch(`${lb.url}/api/x`)).status).toBe(502);
  });

  it("keeps socket.io's long-polling requests of one client on one backend", async () => {
    const lb = await balancer([await backend('a'), await backend('b')]);
    const polls = [];
    for (let i = 0; i < 4; i++) polls.push((await who(`${lb.url}/socket.io/?EIO=4&transport=polling`)).name);
    expect(new Set(polls).size).toBe(1);
  });
});
