import type { Ack } from '@kcc/contracts/realtime';
import type { AgentCommand, AgentSocket, AgentSocketEvents, CommandAck, CommandPayload } from '../lib/socket';

type Listener = (...args: unknown[]) => void;
type Responder = (payload: unknown) => Ack<unknown> | Promise<Ack<unknown>>;

/**
 * An in-memory stand-in for the `/agent` socket: tests push server events with `serverEmit`, inspect the
 * commands the UI sent in `commands`, and decide each command's ack with `respond`.
 */
export class FakeSocket implements AgentSocket {
  connected = false;
  recovered = false;
  active = true;
  readonly commands: { event: AgentCommand; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly responders = new Map<string, Responder>();
  disconnectCalls = 0;

  on<E extends keyof AgentSocketEvents>(event: E, listener: AgentSocketEvents[E]): void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener);
    this.listeners.set(event, set);
  }

  off<E extends keyof AgentSocketEvents>(event: E, listener: AgentSocketEvents[E]): void {
    this.listeners.get(event)?.delete(listener as Listener);
  }

  listenerCount(event: keyof AgentSocketEvents): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  async command<C extends AgentCommand>(event: C, payload: CommandPayload<C>): Promise<CommandAck<C>> {
    this.commands.push({ event, payload });
    const responder = this.responders.get(event);
    const ack = responder ? await responder(payload) : { ok: true };
    return ack as CommandAck<C>;
  }

  /** Decide how the "server" acks a command. */
  respond(event: AgentCommand, responder: Responder): void {
    this.responders.set(event, responder);
  }

  commandsOf(event: AgentCommand): unknown[] {
    return this.commands.filter((c) => c.event === event).map((c) => c.payload);
  }

  /** Deliver a server push (or a lifecycle event) to the app's listeners. */
  serverEmit<E extends keyof AgentSocketEvents>(event: E, ...args: Parameters<AgentSocketEvents[E]>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  /** Simulate (re)connecting; `recovered` as socket.io would report it. */
  serverConnect(recovered = false): void {
    this.connected = true;
    this.recovered = recovered;
    this.serverEmit('connect');
  }

  serverDisconnect(reason = 'transport close'): void {
    this.connected = false;
    this.serverEmit('disconnect', reason);
  }

  connect(): void {
    this.serverConnect(false);
  }

  disconnect(): void {
    this.disconnectCalls += 1;
    this.connected = false;
  }
}
