// @vitest-environment node
/// <reference types="node" />
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { createSocketTransport, type ChatTransport } from './transport';

/** The adapter against a real socket.io server on port 0 (the `/citizen` namespace only). */
describe('socket transport', () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  let transports: ChatTransport[] = [];

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const t of transports) t.disconnect();
    transports = [];
    await io.close();
  });

  function transport(timeoutMs = 30_000): ChatTransport {
    const t = createSocketTransport(url + '/', { timeoutMs, loadIo: () => Promise.resolve(ioClient) });
    transports.push(t);
    return t;
  }

  it('does not connect until asked, then resolves commands with their ack', async () => {
    const received: unknown[] = [];
    io.of('/citizen').on('connection', (socket) => {
      socket.on('chat:start', (payload, ack) => {
        received.push(payload);
        ack({ ok: true, data: { conversationId: 'c1', resumeToken: 'token-abcdefghij' } });
      });
    });
    const t = transport();
    expect(t.isConnected()).toBe(false);
    t.connect();
    const ack = await t.request('chat:start', { name: 'Jan' });
    expect(ack).toEqual({ ok: true, data: { conversationId: 'c1', resumeToken: 'token-abcdefghij' } });
    expect(received).toEqual([{ name: 'Jan' }]);
    expect(t.isConnected()).toBe(true);
  });

  it('delivers server events and typing notifications', async () => {
    const typing: unknown[] = [];
    io.of('/citizen').on('connection', (socket) => {
      socket.on('chat:typing', (payload: unknown, ack: unknown) => {
        typing.push({ payload, hasAck: typeof ack === 'function' });
        socket.emit('chat:message', {
          from: 'medewerker',
          name: 'Anna',
          text: 'Hallo',
          at: '2026-03-02T10:00:00Z',
        });
      });
    });
    const t = transport();
    const connected = new Promise<void>((resolve) => t.onConnect(resolve));
    const message = new Promise<unknown>((resolve) => t.on('chat:message', resolve));
    t.connect();
    await connected;
    t.notify('chat:typing', { typing: true });
    expect(await message).toEqual({
      from: 'medewerker',
      name: 'Anna',
      text: 'Hallo',
      at: '2026-03-02T10:00:00Z',
    });
    expect(typing).toEqual([{ payload: { typing: true }, hasAck: false }]);
  });

  it('resolves a timeout when the server does not answer, and internal_error for a malformed ack', async () => {
    io.of('/citizen').on('connection', (socket) => {
      socket.on('chat:end', () => undefined);
      socket.on('chat:rating', (_payload, ack) => ack('yes'));
    });
    const t = transport(150);
    t.connect();
    expect(await t.request('chat:end', {})).toEqual({ ok: false, error: 'timeout' });
    expect(await t.request('chat:rating', { score: 5 })).toEqual({ ok: false, error: 'internal_error' });
  });

  it('settles waiting commands at once when the server refuses the connection for good', async () => {
    io.of('/citizen').use((_socket, next) => next(new Error('origin_not_allowed')));
    // The ack timeout is far beyond the test's: only the refusal itself can settle the command.
    const t = transport(10 * 60_000);
    const errors: string[] = [];
    t.onConnectError((error) => errors.push(error.message));
    t.connect();
    expect(await t.request('chat:start', {})).toEqual({ ok: false, error: 'origin_not_allowed' });
    expect(errors).toEqual(['origin_not_allowed']);
  });

  // A second connect() while the first is on its way sent a second CONNECT; socket.io closes the whole connection
  // when one comes for a namespace it has already connected (the resident saw "verbinding verbroken").
  it('asks the server for the namespace once when connect() is called again while connecting', async () => {
    const connects: string[] = [];
    io.engine.on(
      'connection',
      (conn: { on(event: 'packet', fn: (p: { type: string; data?: unknown }) => void): void }) =>
        conn.on('packet', (packet) => {
          if (packet.type === 'message' && typeof packet.data === 'string' && packet.data.startsWith('0/'))
            connects.push(packet.data.slice(1).split(',')[0] ?? '');
        }),
    );
    let admit: (() => void) | undefined;
    const arrived = new Promise<void>((resolve) =>
      io.of('/citizen').use((_socket, next) => {
        admit = () => next();
        resolve();
      }),
    );
    io.of('/citizen').on('connection', (socket) => {
      socket.on('chat:availability', (_payload, ack) => ack({ ok: true, data: { available: true } }));
    });
    const t = transport();
    t.connect();
    await arrived;
    t.connect();
    admit?.();
    expect(await t.request('chat:availability', {})).toEqual({ ok: true, data: { available: true } });
    expect(connects).toEqual(['/citizen']);
  });

  it('loads socket.io only when asked; a chunk that did not load fails the waiting command and is tried again', async () => {
    io.of('/citizen').on('connection', (socket) => {
      socket.on('chat:availability', (_payload, ack) => ack({ ok: true, data: { available: true } }));
    });
    let loads = 0;
    const t = createSocketTransport(url, {
      timeoutMs: 10 * 60_000,
      loadIo: () => (++loads === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(ioClient)),
    });
    transports.push(t);
    const errors: string[] = [];
    t.onConnectError((error) => errors.push(error.message));
    expect(loads).toBe(0);
    t.connect();
    expect(await t.request('chat:availability', {})).toEqual({ ok: false, error: 'timeout' });
    expect(errors).toEqual(['socket_unavailable']);
    t.connect();
    expect(await t.request('chat:availability', {})).toEqual({ ok: true, data: { available: true } });
    expect(loads).toBe(2);
  });
});
