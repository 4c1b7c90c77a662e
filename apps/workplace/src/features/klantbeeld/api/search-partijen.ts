import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, PartijSearchResponse, type PartijView } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldKeys } from './klantbeeld-keys';

export const MIN_SEARCH_LENGTH = 2;

/** Find a partij by name, phone number, e-mail address or BSN, to link an unknown caller to. */
export async function searchPartijen(q: string, signal?: AbortSignal): Promise<PartijView[]> {
  const path = `${apiPaths.partijSearch}?${new URLSearchParams({ q }).toString()}`;
  return (await apiRequest('GET', path, PartijSearchResponse, { signal })).items;
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
