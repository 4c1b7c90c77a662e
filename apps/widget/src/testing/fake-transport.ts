import type { Ack, AckIssue } from '../protocol';

/** What the fake "server" may answer (looser than `Ack<T>`, so tests can also send incomplete acks). */
export type FakeAck = { ok: true; data?: unknown } | { ok: false; error: string; issues?: AckIssue[] };
import type { ChatTransport } from '../transport';

type Responder = (payload: unknown) => FakeAck | Promise<FakeAck>;

/** In-memory stand-in for the `/citizen` socket: records what the widget sends and lets a test play the server. */
export class FakeTransport implements ChatTransport {
  connected = false;
  connects = 0;
  disconnects = 0;
  readonly requests: { event: string; payload: unknown }[] = [];
  readonly notifications: { event: string; payload: unknown }[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly handlers = new Map<string, ((payload: unknown) => void)[]>();
  private readonly connectHandlers: (() => void)[] = [];
  private readonly disconnectHandlers: (() => void)[] = [];
  private readonly connectErrorHandlers: ((error: Error) => void)[] = [];

  /** How the "server" answers `event`; unanswered events ack `{ok:true}`. */
  reply(event: string, responder: Responder | FakeAck): this {
    this.responders.set(event, typeof responder === 'function' ? responder : () => responder);
    return this;
  }

  /** A reply the test settles later (to observe in-flight states). */
  deferReply(event: string): (ack: FakeAck) => void {
    let settle: (ack: FakeAck) => void = () => undefined;
    this.reply(event, () => new Promise<FakeAck>((resolve) => (settle = resolve)));
    return (ack) => settle(ack);
  }

  sent(event: string): unknown[] {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }

  notified(event: string): unknown[] {
    return this.notifications.filter((r) => r.event === event).map((r) => r.payload);
  }

  /** Server → resident push. */
  push(event: string, payload?: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  /** The connection drops (network); `reconnect()` brings it back like socket.io's automatic reconnection. */
  drop(): void {
    this.connected = false;
    for (const handler of this.disconnectHandlers) handler();
  }

  reconnect(): void {
    this.connect();
  }

  refuseConnection(message: string): void {
    this.connected = false;
    for (const handler of this.connectErrorHandlers) handler(new Error(message));
  }

  connect(): void {
    this.connects++;
    this.connected = true;
    for (const handler of this.connectHandlers) handler();
  }

  disconnect(): void {
    if (!this.connected) return;
    this.disconnects++;
    this.connected = false;
    for (const handler of this.disconnectHandlers) handler();
  }

  isConnected(): boolean {
    return this.connected;
  }

  request<T>(event: string, payload: unknown): Promise<Ack<T>> {
    this.requests.push({ event, payload });
    const responder = this.responders.get(event);
    return Promise.resolve(responder ? responder(payload) : { ok: true }) as Promise<Ack<T>>;
  }

  notify(event: string, payload: unknown): void {
    this.notifications.push({ event, payload });
  }

  on(event: string, handler: (payload: unknown) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  onConnect(handler: () => void): void {
    this.connectHandlers.push(handler);
  }

  onDisconnect(handler: () => void): void {
    this.disconnectHandlers.push(handler);
  }

  onConnectError(handler: (error: Error) => void): void {
    this.connectErrorHandlers.push(handler);
  }
}

/** A Storage backed by a Map (jsdom's sessionStorage is shared between tests). */
export function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

/** Lets pending promise callbacks (acks) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
