import { io, type Socket } from 'socket.io-client';
import {
  COBROWSE_AGENT_NAMESPACE,
  type CobrowseAgentClientToServerEvents,
  type CobrowseAgentServerToClientEvents,
  type CobrowseInputAction,
  type CobrowseSessionView,
} from '@kcc/contracts/cobrowse';
import type { Ack } from '@kcc/contracts/realtime';
import { renewSocketAuth } from '../../auth/api/token-refresh';
import { getSessionToken } from '../../auth/stores/session-store';

export const COBROWSE_ACK_TIMEOUT_MS = 5000;

export type CobrowseEventsPush = Parameters<CobrowseAgentServerToClientEvents['cobrowse:events']>[0];

/** The workplace side of `/cobrowse-agent` (socket.io shares the `/agent` connection when it can). */
export interface CobrowseConnection {
  watch(contactId: string): Promise<Ack<CobrowseSessionView | null>>;
  request(contactId: string): Promise<Ack<CobrowseSessionView>>;
  redeem(contactId: string, code: string): Promise<Ack<CobrowseSessionView>>;
  requestControl(sessionId: string): Promise<Ack>;
  input(sessionId: string, action: CobrowseInputAction): Promise<Ack>;
  resync(sessionId: string): Promise<Ack>;
  end(sessionId: string): Promise<Ack>;
  pointer(sessionId: string, x: number, y: number, nodeId?: number): void;
  onState(listener: (view: CobrowseSessionView) => void): () => void;
  onEvents(listener: (push: CobrowseEventsPush) => void): () => void;
  onReconnect(listener: () => void): () => void;
  open(): void;
  close(): void;
}

export function connectCobrowse(serverUrl: string, token: string): CobrowseConnection {
  const socket: Socket<CobrowseAgentServerToClientEvents, CobrowseAgentClientToServerEvents> = io(
    `${serverUrl}${COBROWSE_AGENT_NAMESPACE}`,
    {
      auth: (cb) => cb({ token: getSessionToken() ?? token }),
      transports: ['websocket', 'polling'],
      autoConnect: false,
    },
  );
  const stopRenewal = renewSocketAuth(
    socket as unknown as { emit(event: string, ...args: unknown[]): unknown },
  );
  const send = async <T>(
    event: keyof CobrowseAgentClientToServerEvents,
    payload: unknown,
  ): Promise<Ack<T>> => {
    const emitter = socket.timeout(COBROWSE_ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
    try {
      return (await emitter.emitWithAck(event, payload)) as Ack<T>;
    } catch {
      return { ok: false, error: 'timeout' };
    }
  };
  const listen = <A>(event: string, listener: (arg: A) => void) => {
    const raw = socket as unknown as {
      on(e: string, l: (arg: A) => void): void;
      off(e: string, l: (arg: A) => void): void;
    };
    raw.on(event, listener);
    return () => raw.off(event, listener);
  };
  return {
    watch: (contactId) => send('cobrowse:watch', { contactId }),
    request: (contactId) => send('cobrowse:request', { contactId }),
    redeem: (contactId, code) => send('cobrowse:redeem', { contactId, code }),
    requestControl: (sessionId) => send('cobrowse:control-request', { sessionId }),
    input: (sessionId, action) => send('cobrowse:input', { sessionId, action }),
    resync: (sessionId) => send('cobrowse:resync', { sessionId }),
    end: (sessionId) => send('cobrowse:end', { sessionId }),
    pointer: (sessionId, x, y, nodeId) => {
      if (socket.connected)
        socket.emit('cobrowse:pointer', { sessionId, x, y, ...(nodeId !== undefined ? { nodeId } : {}) });
    },
    onState: (listener) => listen('cobrowse:state', listener),
    onEvents: (listener) => listen('cobrowse:events', listener),
    onReconnect: (listener) => listen('connect', listener),
    // Connect only a socket that is not connecting yet. On the `/agent` socket's connection (its manager connects
    // every new socket at once, whatever `autoConnect` says here) a second connect() sends a second CONNECT, and
    // socket.io closes the whole connection (`/agent` too) when it comes after the first one has been accepted.
    open: () => {
      if (!socket.active) socket.connect();
    },
    close: () => {
      stopRenewal();
      socket.disconnect();
    },
  };
}

const ERRORS: Record<string, string> = {
  wrong_code: 'Deze code klopt niet. Vraag de inwoner de code nog eens voor te lezen.',
  expired_code: 'Deze code is verlopen. Vraag de inwoner om een nieuwe code.',
  rate_limited: 'Te veel verkeerde codes. Wacht 10 minuten en probeer het dan opnieuw.',
  forbidden: 'U behandelt dit contact niet.',
  not_active: 'Dit kan nu niet: de chat is afgelopen of het meekijken loopt niet.',
  control_not_allowed: 'De inwoner heeft bediening niet toegestaan.',
  timeout: 'De server reageert niet. Probeer het opnieuw.',
  invalid_payload: 'Een code heeft 6 cijfers.',
};

export function describeCobrowseError(code: string): string {
  return ERRORS[code] ?? 'Dit lukte niet. Probeer het opnieuw.';
}
