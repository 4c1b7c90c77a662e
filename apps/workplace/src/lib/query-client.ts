import { QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { ApiError } from './api-client';

/**
 * Server state is pushed over the socket (offers, contacts, presence, waiting counts) or invalidated by it,
 * and everything is invalidated after a reconnect that lost events. So data stays fresh without refetching
 * on focus or on a timer: a high staleTime.
 */
export const queryConfig = {
  queries: {
    staleTime: 5 * 60 * 1000,
    refetchOnWindowFocus: false,
    retry: (failureCount, error) =>
      failureCount < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
  },
  mutations: { retry: false },
} satisfies DefaultOptions;

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: queryConfig });
}
