import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, PartijSearchResponse } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldKeys } from './klantbeeld-keys';

export const MIN_SEARCH_LENGTH = 2;

/**
 * Find a partij by name, phone number, e-mail address or BSN, to link an unknown caller to. `melding` says
 * why a search could not run as asked (Open Klant cannot search by name).
 */
export async function searchPartijen(q: string, signal?: AbortSignal): Promise<PartijSearchResponse> {
  const path = `${apiPaths.partijSearch}?${new URLSearchParams({ q }).toString()}`;
  return apiRequest('GET', path, PartijSearchResponse, { signal });
}

export const partijSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: klantbeeldKeys.partijSearch(q),
    queryFn: ({ signal }) => searchPartijen(q, signal),
    enabled: q.trim().length >= MIN_SEARCH_LENGTH,
    staleTime: 30_000,
  });

export function useSearchPartijen(q: string) {
  return useQuery(partijSearchQueryOptions(q.trim()));
}
