import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { QueueWaiting } from '@kcc/contracts/domain';
import { apiPaths, QueueWaitingResponse } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { presenceKeys } from './presence-keys';

export async function getQueueWaiting(signal?: AbortSignal): Promise<QueueWaiting[]> {
  return (await apiRequest('GET', apiPaths.queueWaiting, QueueWaitingResponse, { signal })).items;
}

export const queueWaitingQueryOptions = () =>
  queryOptions({ queryKey: presenceKeys.queueWaiting(), queryFn: ({ signal }) => getQueueWaiting(signal) });

export function useQueueWaiting() {
  return useQuery(queueWaitingQueryOptions());
}

/** `queue:waiting-changed` carries the full list for my queues. */
export function queueWaitingChanged(queryClient: QueryClient, items: QueueWaiting[]): void {
  queryClient.setQueryData(queueWaitingQueryOptions().queryKey, items);
}
