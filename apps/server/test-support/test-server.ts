import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { AgentClientToServerEvents, AgentServerToClientEvents } from '@kcc/contracts/realtime';
import { createServer, type RunningServer, type ServerOptions } from '../src/app';
import { loadConfig } from '../src/config';

export type AgentClient = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

export const INTEGRATION_KEY = 'test-integratie-sleutel';

export interface TestServer extends RunningServer {
  dataDir: string;
  login(username: string, password?: string): Promise<string>;
  /** A connected `/agent` socket (rejects on connect_error). */
  connectAgent(token: string): Promise<AgentClient>;
  inbound(body: unknown, key?: string): Promise<Response>;
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kcc-server-test-'));
}

/** A server on port 0 with a temp data dir and demo data; `env` adds KCC_* overrides. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: ServerOptions = {},
  dataDir = tempDataDir(),
): Promise<TestServer> {
  const config = loadConfig({
    KCC_PORT: '0',
    KCC_DATA_DIR: dataDir,
    KCC_LOG_LEVEL: 'silent',
    KCC_INTEGRATION_KEY: INTEGRATION_KEY,
    KCC_SMTP_PORT: '0',
    KCC_WORKPLACE_DIR: path.join(dataDir, 'no-workplace'),
    ...env,
  });
  const server = await createServer(config, options);
  const sockets: AgentClient[] = [];
  return {
    ...server,
    dataDir,
    async login(username, password = 'demo') {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    connectAgent(token) {
      const socket: AgentClient = ioClient(`${server.url}/agent`, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    inbound(body, key = INTEGRATION_KEY) {
      return fetch(`${server.url}/api/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-integration-key': key },
        body: JSON.stringify(body),
      });
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolve with the next `event` on the socket, or reject after `ms`. */
export function nextEvent<E extends keyof AgentServerToClientEvents>(
  socket: AgentClient,
  event: E,
  ms = 15_000,
): Promise<Parameters<AgentServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`timeout waiting for ${String(event)}`));
    }, ms);
    const handler = (payload: Parameters<AgentServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, handler as never);
  });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
