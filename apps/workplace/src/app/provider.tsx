import { createContext, useContext, useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { refreshAccessToken } from '../features/auth/api/token-refresh';
import { getSessionToken, sessionActions } from '../features/auth/stores/session-store';
import { configureApiClient } from '../lib/api-client';
import type { AgentSocket } from '../lib/socket';

export interface AppDependencies {
  /** Origin of the sync server (REST and socket.io). */
  serverUrl: string;
  queryClient: QueryClient;
  /** Opens the `/agent` socket for a session (tests pass a fake). */
  createSocket: (serverUrl: string, token: string) => AgentSocket;
}

const DepsContext = createContext<AppDependencies | null>(null);

export function useAppDependencies(): AppDependencies {
  const deps = useContext(DepsContext);
  if (!deps) throw new Error('useAppDependencies outside AppProvider');
  return deps;
}

export function AppProvider({ deps, children }: { deps: AppDependencies; children: ReactNode }) {
  // Configure the API client before any child query runs (initialiser: once, during the first render).
  useState(() =>
    configureApiClient({
      baseUrl: deps.serverUrl,
      getToken: getSessionToken,
      onUnauthorized: sessionActions.sessionExpired,
      refresh: refreshAccessToken,
    }),
  );
  return (
    <DepsContext.Provider value={deps}>
      <QueryClientProvider client={deps.queryClient}>{children}</QueryClientProvider>
    </DepsContext.Provider>
  );
}
