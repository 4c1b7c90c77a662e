import { queryOptions, useQuery } from '@tanstack/react-query';
import { KoppelingenResponse, koppelingenPaths } from '@kcc/contracts/klantbeeld';
import { apiRequest } from '../../../lib/api-client';
import { koppelingenKeys } from './koppelingen-keys';

/** The outbox changes without socket events (a server-side worker forwards it): poll while the page is open. */
export const KOPPELINGEN_REFETCH_MS = 10_000;

export function getKoppelingen(signal?: AbortSignal): Promise<KoppelingenResponse> {
  return apiRequest('GET', koppelingenPaths.overzicht, KoppelingenResponse, { signal });
}

export const koppelingenQueryOptions = () =>
  queryOptions({
    queryKey: koppelingenKeys.overzicht(),
    queryFn: ({ signal }) => getKoppelingen(signal),
    refetchInterval: KOPPELINGEN_REFETCH_MS,
  });

export function useKoppelingen() {
  return useQuery(koppelingenQueryOptions());
}
