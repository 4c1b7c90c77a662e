import { useEffect, useRef } from 'react';
import { ACK_TIMEOUT, CommandError } from './socket';
import { useSocketConnected } from './socket-context';

/** No socket, or no answer in time: the connection, not the command, was the problem. */
export function isConnectionError(error: unknown): boolean {
  return error instanceof CommandError && (error.code === 'no_connection' || error.code === ACK_TIMEOUT);
}

/** When the socket connects again, an error that only said "no connection" is stale: it goes. */
export function useResetOnReconnect(mutation: { error: unknown; reset: () => void }): void {
  const connected = useSocketConnected();
  const wasConnected = useRef(connected);
  const { error, reset } = mutation;
  useEffect(() => {
    const reconnected = connected && !wasConnected.current;
    wasConnected.current = connected;
    if (reconnected && isConnectionError(error)) reset();
  }, [connected, error, reset]);
}
