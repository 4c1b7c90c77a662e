import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { App } from '../app/app';
import { AppProvider } from '../app/provider';
import { resetSessionStore, type Session } from '../features/auth/stores/session-store';
import { inboxActions } from '../features/inbox/stores/inbox-store';
import { registrationDraftActions } from '../features/registration/stores/registration-drafts-store';
import { queryConfig } from '../lib/query-client';
import { FakeSocket } from './fake-socket';
import { session as defaultSession, SERVER_URL, shellRoutes } from './fixtures';
import { mockFetch } from './mock-fetch';

export type RenderRoutes = Parameters<typeof mockFetch>[0];

interface RenderOptions {
  session?: Session | null;
  routes?: RenderRoutes;
  /** Connect the fake socket right after the app creates it (default true). */
  connect?: boolean;
}

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { ...queryConfig.queries, retry: false }, mutations: { retry: false } },
  });
}

/** Renders anything inside the real providers, with a fake socket and mocked fetch. */
export function renderWithProviders(ui: ReactNode, options: RenderOptions = {}) {
  const socket = new FakeSocket();
  resetSessionStore(options.session === undefined ? defaultSession : options.session);
  inboxActions.sessionEnded();
  registrationDraftActions.contactsLeft([]);
  const api = mockFetch({ ...shellRoutes(), ...options.routes });
  const queryClient = createTestQueryClient();
  const createSocket = vi.fn(() => {
    if (options.connect ?? true) setTimeout(() => socket.serverConnect(true), 0);
    return socket;
  });
  const result = render(
    <AppProvider deps={{ serverUrl: SERVER_URL, queryClient, createSocket }}>{ui}</AppProvider>,
  );
  return { ...result, socket, api, queryClient, createSocket };
}

export function renderApp(options: RenderOptions = {}) {
  return renderWithProviders(<App />, options);
}
