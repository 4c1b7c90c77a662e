import { io, type Socket } from 'socket.io-client';
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

/** Socket.io connection to `serverUrl + '/citizen'`; connects only when the resident starts or resumes a chat. */
export function createSocketTransport(
  serverUrl: string,
  options: { timeoutMs?: number } = {},
): ChatTransport {
  const timeoutMs = options.timeoutMs ?? ACK_TIMEOUT_MS;
  const socket: Socket = io(serverUrl.replace(/\/+$/, '') + CITIZEN_NAMESPACE, {
    autoConnect: false,
    transports: ['websocket', 'polling'],
    withCredentials: false,
  });
  // Commands waiting for an ack; settled at once when the server refuses the connection for good (origin, limit).
  const pending = new Set<(ack: Ack<never>) => void>();
  socket.on('connect_error', (error: Error) => {
    if (socket.active || !FATAL_CONNECT_ERRORS.includes(error.message)) return;
    for (const settle of [...pending]) settle({ ok: false, error: error.message });
  });
  return {
    connect: () => void socket.connect(),
    disconnect: () => void socket.disconnect(),
    isConnected: () => socket.connected,
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
        socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: unknown) => {
          if (err) settle({ ok: false, error: 'timeout' });
          else settle(isAck<T>(res) ? res : { ok: false, error: 'internal_error' });
        });
      });
    },
    notify: (event, payload) => {
      // Typing is only useful now: never queue it while offline.
      if (socket.connected) socket.emit(event, payload);
    },
    on: (event, handler) => void socket.on(event, handler),
    onConnect: (handler) => void socket.on('connect', handler),
    onDisconnect: (handler) => void socket.on('disconnect', handler),
    onConnectError: (handler) => void socket.on('connect_error', handler),
  };
}

function isAck<T>(value: unknown): value is Ack<T> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}
