import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AgentSocket } from './socket';

const SocketContext = createContext<AgentSocket | null>(null);

export function SocketProvider({ socket, children }: { socket: AgentSocket | null; children: ReactNode }) {
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

/** The agent socket, or null while it is being created (commands then report "no connection"). */
export function useAgentSocket(): AgentSocket | null {
  return useContext(SocketContext);
}

export function useSocketConnected(): boolean {
  const socket = useAgentSocket();
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
