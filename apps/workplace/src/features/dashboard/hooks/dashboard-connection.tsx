import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { DashboardDelta, DashboardSnapshot } from '@kcc/contracts/dashboard';
import {
  createDashboardSocket,
  type CreateDashboardSocket,
  type DashboardSocket,
  type DashboardSocketEvents,
} from '../api/dashboard-socket';
import { dashboardKeys } from '../api/dashboard-keys';
import { deltaReceived, getSnapshot, snapshotReceived } from '../api/get-snapshot';

const DashboardSocketContext = createContext<DashboardSocket | null>(null);

const RECONNECT_AFTER_REFUSAL_MS = 3000;

interface DashboardConnectionProps {
  serverUrl: string;
  token: string;
  /** Tests pass a fake. */
  createSocket?: CreateDashboardSocket;
  children: ReactNode;
}

/**
 * Opens the `/dashboard` socket for this session and is the one place its pushes enter the Query cache:
 * the snapshot (sent on every connect) replaces the view, deltas patch it in sequence, and a missed delta
 * or an invalid payload asks the server for a fresh snapshot (`dashboard:resync`).
 */
export function DashboardConnection({
  serverUrl,
  token,
  createSocket = createDashboardSocket,
  children,
}: DashboardConnectionProps) {
  const queryClient = useQueryClient();
  const [socket, setSocket] = useState<DashboardSocket | null>(null);

  useEffect(() => {
    const created = createSocket(serverUrl, token);
    // The socket is the external system this effect owns; children need it before it connects.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSocket(created);
    let resyncing = false;
    let refusedRetry: ReturnType<typeof setTimeout> | undefined;

    const resync = async () => {
      if (resyncing) return;
      resyncing = true;
      try {
        const ack = await created.command('dashboard:resync', {});
        const parsed = ack.ok ? DashboardSnapshot.safeParse(ack.data) : undefined;
        if (parsed?.success) snapshotReceived(queryClient, parsed.data);
        // No socket answer: fall back to the REST snapshot.
        else await queryClient.invalidateQueries({ queryKey: dashboardKeys.snapshot() });
      } finally {
        resyncing = false;
      }
    };

    const handlers: { [E in keyof DashboardSocketEvents]: DashboardSocketEvents[E] } = {
      connect: () => {},
      disconnect: () => {},
      connect_error: () => {
        if (created.active) return; // socket.io retries by itself
        // Refused (e.g. expired token): a REST call tells; a 401 there ends the session.
        const retry = () => {
          refusedRetry = setTimeout(() => created.connect(), RECONNECT_AFTER_REFUSAL_MS);
        };
        getSnapshot().then(retry, retry);
      },
      'dashboard:snapshot': (payload) => {
        const parsed = DashboardSnapshot.safeParse(payload);
        if (!parsed.success) {
          console.warn('Ignored invalid dashboard:snapshot', parsed.error.issues);
          void resync();
          return;
        }
        snapshotReceived(queryClient, parsed.data);
      },
      'dashboard:delta': (payload) => {
        const parsed = DashboardDelta.safeParse(payload);
        if (!parsed.success) {
          console.warn('Ignored invalid dashboard:delta', parsed.error.issues);
          void resync();
          return;
        }
        const result = deltaReceived(queryClient, parsed.data);
        if (result === 'gap') void resync();
      },
    };
    const entries = Object.entries(handlers) as [keyof DashboardSocketEvents, (...args: never[]) => void][];
    for (const [event, handler] of entries) created.on(event, handler as never);

    return () => {
      for (const [event, handler] of entries) created.off(event, handler as never);
      clearTimeout(refusedRetry);
      created.disconnect();
      setSocket(null);
    };
  }, [createSocket, serverUrl, token, queryClient]);

  return <DashboardSocketContext.Provider value={socket}>{children}</DashboardSocketContext.Provider>;
}

/** The `/dashboard` socket, or null while it is being created (actions then report "no connection"). */
export function useDashboardSocket(): DashboardSocket | null {
  return useContext(DashboardSocketContext);
}

export function useDashboardConnected(): boolean {
  const socket = useDashboardSocket();
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!socket) return () => {};
      socket.on('connect', notify);
      socket.on('disconnect', notify);
      return () => {
        socket.off('connect', notify);
        socket.off('disconnect', notify);
      };
    },
    [socket],
  );
  const get = () => socket?.connected ?? false;
  return useSyncExternalStore(subscribe, get, get);
}
