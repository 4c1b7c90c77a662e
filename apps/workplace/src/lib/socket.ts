import { io, type Socket } from 'socket.io-client';
import type {
  AgentChannelClientToServerEvents,
  AgentChannelServerToClientEvents,
} from '@kcc/contracts/channels';
import type {
  Ack,
  AgentClientToServerEvents as CoreClientToServerEvents,
  AgentServerToClientEvents as CoreServerToClientEvents,
} from '@kcc/contracts/realtime';
import { renewSocketAuth } from '../features/auth/api/token-refresh';
import { getSessionToken } from '../features/auth/stores/session-store';

/** Core commands plus the channel commands (`chat:typing`, `chat:end`). */
export type AgentClientToServerEvents = CoreClientToServerEvents & AgentChannelClientToServerEvents;
/** Core pushes plus the channel pushes (messages, typing, transfer, consult, call ended). */
export type AgentServerToClientEvents = CoreServerToClientEvents & AgentChannelServerToClientEvents;

/** Server pushes plus the socket's own lifecycle events. */
export type AgentSocketEvents = AgentServerToClientEvents & {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (error: Error) => void;
};

export type AgentCommand = keyof AgentClientToServerEvents;
export type CommandPayload<C extends AgentCommand> = Parameters<AgentClientToServerEvents[C]>[0];
export type CommandAck<C extends AgentCommand> = Parameters<
  NonNullable<Parameters<AgentClientToServerEvents[C]>[1]>
>[0];

/**
 * The part of a socket.io client socket the workplace uses. The real socket is wrapped by
 * `createAgentSocket`; tests use `testing/fake-socket.ts`.
 */
export interface AgentSocket {
  readonly connected: boolean;
  /** After a reconnect: whether socket.io restored the session without missing events. */
  readonly recovered: boolean;
  /** False after the server refused the connection in its middleware (no automatic reconnect). */
  readonly active: boolean;
  on<E extends keyof AgentSocketEvents>(event: E, listener: AgentSocketEvents[E]): void;
  off<E extends keyof AgentSocketEvents>(event: E, listener: AgentSocketEvents[E]): void;
  /** Sends a command and resolves with its ack; a timeout or lost connection becomes `{ok:false}`. */
  command<C extends AgentCommand>(event: C, payload: CommandPayload<C>): Promise<CommandAck<C>>;
  connect(): void;
  disconnect(): void;
}

export const COMMAND_TIMEOUT_MS = 5000;

/** Ack error code used when the server did not answer in time (not one of the server's codes). */
export const ACK_TIMEOUT = 'timeout';

export function createAgentSocket(serverUrl: string, token: string): AgentSocket {
  const socket: Socket<AgentServerToClientEvents, AgentClientToServerEvents> = io(`${serverUrl}/agent`, {
    // A reconnect (network, server restart) authenticates with the newest access token.
    auth: (cb) => cb({ token: getSessionToken() ?? token }),
    // WebSocket first: offers must arrive within 100 ms, long-polling adds a round trip.
    transports: ['websocket', 'polling'],
  });
  const stopRenewal = renewSocketAuth(
    socket as unknown as { emit(event: string, ...args: unknown[]): unknown },
  );
  // socket.io's listener types are a union of event maps; our map is a superset of both, hence the casts.
  const raw = socket as unknown as {
    on(event: string, listener: (...args: never[]) => void): void;
    off(event: string, listener: (...args: never[]) => void): void;
  };
  return {
    get connected() {
      return socket.connected;
    },
    get recovered() {
      return socket.recovered;
    },
    get active() {
      return socket.active;
    },
    on(event, listener) {
      raw.on(event, listener as (...args: never[]) => void);
    },
    off(event, listener) {
      raw.off(event, listener as (...args: never[]) => void);
    },
    async command(event, payload) {
      const emitter = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as {
        emitWithAck(event: string, payload: unknown): Promise<unknown>;
      };
      try {
        return (await emitter.emitWithAck(event, payload)) as CommandAck<typeof event>;
      } catch {
        return { ok: false, error: ACK_TIMEOUT } as CommandAck<typeof event>;
      }
    },
    connect() {
      socket.connect();
    },
    disconnect() {
      stopRenewal();
      socket.disconnect();
    },
  };
}

/** Narrow an ack to its failure branch. */
export function isAckError<T>(ack: Ack<T>): ack is Extract<Ack<T>, { ok: false }> {
  return !ack.ok;
}

/** A command the server refused (`{ok:false}`) or that timed out. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    readonly issues: { path: (string | number)[]; message: string; code: string }[] = [],
  ) {
    super(`Command failed: ${code}`);
    this.name = 'CommandError';
  }
}

type AckData<C extends AgentCommand> = Extract<CommandAck<C>, { ok: true }>['data'];

/** Sends a command and returns its ack data, or throws CommandError (also when there is no socket yet). */
export async function runCommand<C extends AgentCommand>(
  socket: AgentSocket | null,
  event: C,
  payload: CommandPayload<C>,
): Promise<AckData<C>> {
  if (!socket) throw new CommandError('no_connection');
  const ack = (await socket.command(event, payload)) as Ack<unknown>;
  if (!ack.ok) throw new CommandError(ack.error, ack.issues);
  return ack.data as AckData<C>;
}

const COMMAND_ERROR_MESSAGES: Record<string, string> = {
  [ACK_TIMEOUT]: 'De server reageert niet. Controleer de verbinding en probeer het opnieuw.',
  no_connection: 'Geen verbinding met de server. Probeer het zo opnieuw.',
  expired: 'Dit aanbod is verlopen.',
  taken: 'Dit contact is al door iemand anders aangenomen.',
  not_found: 'Dit bestaat niet meer.',
  forbidden: 'U mag dit niet doen.',
  conflict: 'Dit kan nu niet. De situatie is intussen veranderd.',
  invalid_payload: 'De werkplek stuurde ongeldige gegevens. Meld dit aan de beheerder.',
};

export function describeCommandError(error: unknown): string {
  if (error instanceof CommandError) {
    return COMMAND_ERROR_MESSAGES[error.code] ?? 'Dit lukte niet. Probeer het opnieuw.';
  }
  return 'Dit lukte niet. Probeer het opnieuw.';
}
