// @vitest-environment node
/// <reference types="node" />
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentSocket, type AgentSocket } from '../../../lib/socket';
import { connectCobrowse, type CobrowseConnection } from './cobrowse-socket';

/**
 * `/cobrowse-agent` against a real socket.io server on port 0, next to the `/agent` socket whose connection it
 * shares (socket.io multiplexes namespaces of one server over one connection).
 */
describe('co-browse connection', () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  let connectPackets: string[];
  const opened: { close(): void }[] = [];

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    connectPackets = [];
    // Every socket.io CONNECT packet the server receives, per namespace (engine.io packet "4", socket.io "0").
    io.engine.on(
      'connection',
      (conn: { on(event: 'packet', fn: (p: { type: string; data?: unknown }) => void): void }) =>
        conn.on('packet', (packet) => {
          if (packet.type === 'message' && typeof packet.data === 'string' && packet.data.startsWith('0/'))
            connectPackets.push(packet.data.slice(1).split(',')[0] ?? '');
        }),
    );
    io.of('/agent');
    // Asynchronous like the real token check (`authenticateSocket`).
    io.of('/cobrowse-agent').use((_socket, next) => void Promise.resolve().then(() => next()));
    io.of('/cobrowse-agent').on('connection', (socket) => {
      socket.on('cobrowse:watch', (_payload: unknown, ack: (res: unknown) => void) =>
        ack({ ok: true, data: null }),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const o of opened.splice(0)) o.close();
    await io.close();
  });

  function agentSocket(): Promise<AgentSocket> {
    const socket = createAgentSocket(url, 'token');
    opened.push({ close: () => socket.disconnect() });
    return new Promise((resolve) => socket.on('connect', () => resolve(socket)));
  }

  function cobrowse(): CobrowseConnection {
    const connection = connectCobrowse(url, 'token');
    opened.push(connection);
    return connection;
  }

  // The shared connection belongs to the `/agent` socket's manager, which connects every new socket at once:
  // opening it again sent a second CONNECT, and socket.io closes the whole connection (`/agent` too) when a CONNECT
  // comes for a namespace it has already connected; a "Meekijken" in that moment failed.
  it('connects its namespace once on the shared connection, and leaves the /agent socket connected', async () => {
    const agent = await agentSocket();
    const disconnects: string[] = [];
    agent.on('disconnect', (reason) => disconnects.push(reason));
    const serverSide = new Promise((resolve) => io.of('/cobrowse-agent').once('connection', resolve));

    const connection = cobrowse();
    await serverSide;
    connection.open();

    expect(await connection.watch('c-1')).toEqual({ ok: true, data: null });
    expect(connectPackets).toEqual(['/agent', '/cobrowse-agent']);
    expect(disconnects).toEqual([]);
    expect(agent.connected).toBe(true);
  });

  it('connects on open when it has a connection of its own, and again after a close', async () => {
    const connection = cobrowse();
    connection.open();
    expect(await connection.watch('c-1')).toEqual({ ok: true, data: null });
    connection.close();
    connection.open();
    expect(await connection.watch('c-1')).toEqual({ ok: true, data: null });
    expect(connectPackets).toEqual(['/cobrowse-agent', '/cobrowse-agent']);
  });
});
