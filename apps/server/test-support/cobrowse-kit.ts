import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack } from '@kcc/contracts/realtime';
import { INTEGRATION_KEY, nextEvent, type TestServer } from './test-server';

/** Socket helpers for co-browse over one or several instances (tests and the relay bench). */
export const WIDGET_ORIGIN = 'https://www.gemeente.example';
/** Server env for co-browse by phone code: a CTI number and the widget's origin. */
export const COBROWSE_ENV = {
  KCC_CTI_NUMBERS: '14020=algemeen',
  KCC_WIDGET_ORIGINS: WIDGET_ORIGIN,
  KCC_CHAT_MAX_CONNECTIONS_PER_IP: '100',
};

export const ack = <T = undefined>(socket: Socket, event: string, payload: unknown = {}) =>
  socket.emitWithAck(event, payload) as Promise<Ack<T>>;

/** The next `event` on `socket` that matches (the caller's test or bench timeout bounds the wait). */
export function next<T>(socket: Socket, event: string, match: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const handler = (payload: T) => {
      if (!match(payload)) return;
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

export function connectSocket(
  server: TestServer,
  nsp: string,
  opts: Record<string, unknown>,
): Promise<Socket> {
  const socket = ioClient(`${server.url}${nsp}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...opts,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export const connectResident = (server: TestServer): Promise<Socket> =>
  connectSocket(server, '/cobrowse', { extraHeaders: { origin: WIDGET_ORIGIN } });

/**
 * The agent answers the same call on every given instance and opens a co-browse pane on each. Contacts live in
 * each instance's SQLite until the PostgreSQL store lands, so the telephony platform's call is delivered to each.
 */
export async function onACall(
  servers: Record<string, TestServer>,
  username: 'anna' | 'bram',
  callId: string,
): Promise<{ panes: Record<string, Socket>; contactIds: Record<string, string>; sockets: Socket[] }> {
  const panes: Record<string, Socket> = {};
  const contactIds: Record<string, string> = {};
  const sockets: Socket[] = [];
  for (const [name, server] of Object.entries(servers)) {
    const token = await server.login(username);
    const agent = await server.connectAgent(token);
    sockets.push(agent as unknown as Socket);
    const available = await agent.emitWithAck('presence:set', { status: 'beschikbaar' });
    if (!available.ok) throw new Error(`presence on ${name}: ${available.error}`);
    const offered = nextEvent(agent, 'contact:offered');
    const res = await fetch(`${server.url}/api/channels/telefonie/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': INTEGRATION_KEY },
      body: JSON.stringify({
        eventId: `${callId}-${name}`,
        type: 'call.offered',
        callId,
        from: '0612345678',
        to: '14020',
      }),
    });
    if (res.status >= 300) throw new Error(`call.offered on ${name}: ${res.status}`);
    const offer = await offered;
    const accepted = await agent.emitWithAck('offer:accept', { offerId: offer.offerId });
    if (!accepted.ok) throw new Error(`accept on ${name}: ${accepted.error}`);
    contactIds[name] = offer.contact.id;
    panes[name] = await connectSocket(server, '/cobrowse-agent', { auth: { token } });
    sockets.push(panes[name]);
  }
  return { panes, contactIds, sockets };
}
