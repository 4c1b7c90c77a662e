import type { Ack } from '@kcc/contracts/realtime';
import type {
  DashboardCommand,
  DashboardCommandAck,
  DashboardCommandPayload,
  DashboardSocket,
  DashboardSocketEvents,
} from '../api/dashboard-socket';

type Listener = (...args: unknown[]) => void;
type Responder = (payload: unknown) => Ack<unknown> | Promise<Ack<unknown>>;

/** An in-memory `/dashboard` socket: push with `serverEmit`, inspect `commands`, decide acks with `respond`. */
export class FakeDashboardSocket implements DashboardSocket {
  connected = false;
  active = true;
  readonly commands: { event: DashboardCommand; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly responders = new Map<string, Responder>();
  disconnectCalls = 0;

  on<E extends keyof DashboardSocketEvents>(event: E, listener: DashboardSocketEvents[E]): void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener);
    this.listeners.set(event, set);
  }

  off<E extends keyof DashboardSocketEvents>(event: E, listener: DashboardSocketEvents[E]): void {
    this.listeners.get(event)?.delete(listener as Listener);
  }

  async command<C extends DashboardCommand>(
    event: C,
    payload: DashboardCommandPayload<C>,
  ): Promise<DashboardCommandAck<C>> {
    this.commands.push({ event, payload });
    const responder = this.responders.get(event);
    return (responder ? await responder(payload) : { ok: true }) as DashboardCommandAck<C>;
  }

  respond(event: DashboardCommand, responder: Responder): void {
    this.responders.set(event, responder);
  }

  commandsOf(event: DashboardCommand): unknown[] {
    return this.commands.filter((c) => c.event === event).map((c) => c.payload);
  }

  serverEmit<E extends keyof DashboardSocketEvents>(
    event: E,
    ...args: Parameters<DashboardSocketEvents[E]>
  ): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  serverConnect(): void {
    this.connected = true;
    this.serverEmit('connect');
  }

  serverDisconnect(): void {
    this.connected = false;
    this.serverEmit('disconnect', 'transport close');
  }

  connect(): void {
    this.serverConnect();
  }

  disconnect(): void {
    this.disconnectCalls += 1;
    this.connected = false;
  }
}
