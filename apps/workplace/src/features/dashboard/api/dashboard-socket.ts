import { io, type Socket } from 'socket.io-client';
import {
  DASHBOARD_NAMESPACE,
  type DashboardClientToServerEvents,
  type DashboardServerToClientEvents,
} from '@kcc/contracts/dashboard';
import type { Ack } from '@kcc/contracts/realtime';
import { renewSocketAuth } from '../../auth/api/token-refresh';
import { getSessionToken } from '../../auth/stores/session-store';

/** Server pushes on `/dashboard` plus the socket's own lifecycle events. */
export type DashboardSocketEvents = DashboardServerToClientEvents & {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (error: Error) => void;
};

export type DashboardCommand = keyof DashboardClientToServerEvents;
export type DashboardCommandPayload<C extends DashboardCommand> = Parameters<
  DashboardClientToServerEvents[C]
>[0];
export type DashboardCommandAck<C extends DashboardCommand> = Parameters<
  Parameters<DashboardClientToServerEvents[C]>[1]
>[0];
type AckData<C extends DashboardCommand> = Extract<DashboardCommandAck<C>, { ok: true }>['data'];

/** The part of the `/dashboard` socket.io client the dashboard uses (tests pass a fake). */
export interface DashboardSocket {
  readonly connected: boolean;
  /** False after the server refused the connection in its middleware (no automatic reconnect). */
  readonly active: boolean;
  on<E extends keyof DashboardSocketEvents>(event: E, listener: DashboardSocketEvents[E]): void;
  off<E extends keyof DashboardSocketEvents>(event: E, listener: DashboardSocketEvents[E]): void;
  /** Sends a command and resolves with its ack; a timeout or lost connection becomes `{ok:false}`. */
  command<C extends DashboardCommand>(
    event: C,
    payload: DashboardCommandPayload<C>,
  ): Promise<DashboardCommandAck<C>>;
  connect(): void;
  disconnect(): void;
}

export type CreateDashboardSocket = (serverUrl: string, token: string) => DashboardSocket;

const COMMAND_TIMEOUT_MS = 5000;

/**
 * A second socket, separate from the agent's `/agent` one: a team leader is no agent. The server sends a full
 * snapshot on every (re)connect, so no connection state recovery is needed here.
 */
export const createDashboardSocket: CreateDashboardSocket = (serverUrl, token) => {
  const socket: Socket<DashboardServerToClientEvents, DashboardClientToServerEvents> = io(
    `${serverUrl}${DASHBOARD_NAMESPACE}`,
    { auth: (cb) => cb({ token: getSessionToken() ?? token }), transports: ['websocket', 'polling'] },
  );
  const stopRenewal = renewSocketAuth(
    socket as unknown as { emit(event: string, ...args: unknown[]): unknown },
  );
  // socket.io's listener types are a union of event maps; ours is a superset of both, hence the casts.
  const raw = socket as unknown as {
    on(event: string, listener: (...args: never[]) => void): void;
    off(event: string, listener: (...args: never[]) => void): void;
  };
  return {
    get connected() {
      return socket.connected;
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
        return (await emitter.emitWithAck(event, payload)) as DashboardCommandAck<typeof event>;
      } catch {
        return { ok: false, error: 'timeout' } as DashboardCommandAck<typeof event>;
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
};

/** A dashboard command the server refused (`{ok:false}`), or that timed out. */
export class DashboardCommandError extends Error {
  constructor(
    readonly code: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(`Dashboard command failed: ${code}`);
    this.name = 'DashboardCommandError';
  }
}

/** Sends a command and returns its ack data, or throws DashboardCommandError (also without a socket). */
export async function runDashboardCommand<C extends DashboardCommand>(
  socket: DashboardSocket | null,
  event: C,
  payload: DashboardCommandPayload<C>,
): Promise<AckData<C>> {
  if (!socket?.connected) throw new DashboardCommandError('no_connection');
  const ack = (await socket.command(event, payload)) as Ack<unknown>;
  if (!ack.ok) throw new DashboardCommandError(ack.error, ack.issues);
  return ack.data as AckData<C>;
}

const ERROR_MESSAGES: Record<string, string> = {
  timeout: 'De server reageert niet. Controleer de verbinding en probeer het opnieuw.',
  no_connection: 'Geen verbinding met de server. Probeer het zo opnieuw.',
  forbidden: 'U mag dit niet doen. Alleen een teamleider mag dit.',
  not_found: 'Dit bestaat niet meer.',
  unknown_agent: 'Deze medewerker bestaat niet (meer).',
  unknown_queue: 'Deze wachtrij bestaat niet (meer).',
  unknown_contact: 'Dit contact bestaat niet (meer).',
  not_waiting: 'Dit contact wacht niet meer. Iemand heeft het al opgepakt of het is beëindigd.',
  channel_not_served: 'Die wachtrij behandelt dit kanaal niet. Kies een andere wachtrij.',
  conflict: 'Dit kan nu niet. De situatie is intussen veranderd.',
  invalid_payload: 'Niet alles is goed ingevuld.',
};

/** Dutch (B1) message for a failed dashboard action; validation issues name the field when they can. */
export function describeDashboardError(error: unknown): string {
  if (error instanceof DashboardCommandError) {
    const base = ERROR_MESSAGES[error.code] ?? 'Dit lukte niet. Probeer het opnieuw.';
    const detail = error.issues.map((issue) => issue.message).filter(Boolean);
    return error.code === 'invalid_payload' && detail.length > 0 ? `${base} ${detail.join(' ')}` : base;
  }
  return 'Dit lukte niet. Probeer het opnieuw.';
}
