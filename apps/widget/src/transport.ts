import type { Socket } from 'socket.io-client';
import type { Io } from './lazy-chunk';
import { CITIZEN_NAMESPACE, FATAL_CONNECT_ERRORS, type Ack } from './protocol';

/** What the chat session needs from the connection; a fake implements it in tests. */
export interface ChatTransport {
  connect(): void;
  disconnect(): void;
  isConnected(): boolean;
  /** Sends a command and resolves with its ack; resolves `{ok:false, error:'timeout'}` when none comes in time. */
  request<T>(event: string, payload: unknown): Promise<Ack<T>>;
  /** Sends an event without waiting for an ack (typing). */
  notify(event: string, payload: unknown): void;
  on(event: string, handler: (payload: unknown) => void): void;
  onConnect(handler: () => void): void;
  onDisconnect(handler: () => void): void;
  onConnectError(handler: (error: Error) => void): void;
}

export const ACK_TIMEOUT_MS = 10_000;

type Handler = (payload: unknown) => void;

/**
 * Socket.io connection to `serverUrl + '/citizen'`; connects only when the resident starts or resumes a chat.
 * socket.io's client itself is loaded then (`loadIo`, the `widget-socket.js` chunk): handlers registered before
 * are attached when it arrives, and commands wait for it.
 */
export function createSocketTransport(
  serverUrl: string,
  options: { timeoutMs?: number; loadIo: () => Promise<Io> },
): ChatTransport {
  const timeoutMs = options.timeoutMs ?? ACK_TIMEOUT_MS;
  const handlers: [string, Handler][] = [];
  let socket: Socket | undefined;
  let loading: Promise<Socket | undefined> | undefined;
  let wanted = false;
  // Commands waiting for an ack; settled at once when the server refuses the connection for good (origin, limit).
  const pending = new Set<(ack: Ack<never>) => void>();
  const settleAll = (error: string) => {
    for (const settle of [...pending]) settle({ ok: false, error });
  };

  const ready = (): Promise<Socket | undefined> => {
    loading ??= options.loadIo().then(
      (io) => {
        const s = io(serverUrl.replace(/\/+$/, '') + CITIZEN_NAMESPACE, {
          autoConnect: false,
          transports: ['websocket', 'polling'],
          withCredentials: false,
        });
        s.on('connect_error', (error: Error) => {
          if (!s.active && FATAL_CONNECT_ERRORS.includes(error.message)) settleAll(error.message);
        });
        for (const [event, handler] of handlers) s.on(event, handler);
        socket = s;
        // `active`: already connecting (a manager shared with co-browse connects new sockets on its own).
        if (wanted && !s.active) s.connect();
        return s;
      },
      () => {
        // The chunk did not load (network): like a server that cannot be reached; the next connect tries again.
        loading = undefined;
        settleAll('timeout');
        const error = new Error('socket_unavailable');
        for (const [event, handler] of handlers) if (event === 'connect_error') handler(error);
        return undefined;
      },
    );
    return loading;
  };
  const listen = (event: string, handler: Handler) => {
    handlers.push([event, handler]);
    socket?.on(event, handler);
  };

  return {
    connect: () => {
      wanted = true;
      // Once only while connecting: a second CONNECT for a namespace the server has just accepted makes socket.io
      // close the whole connection.
      if (socket && !socket.active) socket.connect();
      else if (!socket) void ready();
    },
    disconnect: () => {
      wanted = false;
      socket?.disconnect();
    },
    isConnected: () => socket?.connected ?? false,
    request<T>(event: string, payload: unknown): Promise<Ack<T>> {
      return new Promise((resolve) => {
        let done = false;
        const settle = (ack: Ack<T>) => {
          if (done) return;
          done = true;
          pending.delete(settle);
          resolve(ack);
        };
        pending.add(settle);
        void ready().then((s) =>
          s?.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: unknown) => {
            if (err) settle({ ok: false, error: 'timeout' });
            else settle(isAck<T>(res) ? res : { ok: false, error: 'internal_error' });
          }),
        );
      });
    },
    notify: (event, payload) => {
      // Typing is only useful now: never queue it while offline.
      if (socket?.connected) socket.emit(event, payload);
    },
    on: (event, handler) => listen(event, handler),
    onConnect: (handler) => listen('connect', handler),
    onDisconnect: (handler) => listen('disconnect', handler),
    onConnectError: (handler) => listen('connect_error', handler as Handler),
  };
}

function isAck<T>(value: unknown): value is Ack<T> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}
