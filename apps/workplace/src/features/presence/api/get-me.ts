import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { AgentState } from '@kcc/contracts/domain';
import { apiPaths, MeResponse } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { presenceKeys } from './presence-keys';

export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiRequest('GET', apiPaths.me, MeResponse, { signal });
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: presenceKeys.me(), queryFn: ({ signal }) => getMe(signal) });

export function useMe() {
  return useQuery(meQueryOptions());
}

export function useAgentState(): AgentState | undefined {
  return useQuery({ ...meQueryOptions(), select: (me) => me.state }).data;
}

/**
 * `presence:changed` and command acks: the new state replaces the cached one. A `/api/me` fetch still in flight
 * was answered before this state existed; it is cancelled, or its late answer would put the old state back.
 */
export function presenceChanged(queryClient: QueryClient, state: AgentState): AgentState | undefined {
  const { queryKey } = meQueryOptions();
  void queryClient.cancelQueries({ queryKey, exact: true });
  const previous = queryClient.getQueryData(queryKey)?.state;
  queryClient.setQueryData(queryKey, (me) => (me ? { ...me, state } : me));
  return previous;
}
