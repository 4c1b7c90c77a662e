import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, PartijSearchResponse } from '@kcc/contracts/rest';
import { apiRequest } from '../../../lib/api-client';
import { klantbeeldKeys } from './klantbeeld-keys';

export const MIN_SEARCH_LENGTH = 2;

/**
 * Find a partij by name, phone number, e-mail address, BSN or postcode + huisnummer, to link the caller to, for
 * the contact the search box is in (the purpose of the search, logged by the server). `melding` says why a search
 * could not run as asked (Open Klant cannot search by name).
 */
export async function searchPartijen(
  q: string,
  contactId: string,
  signal?: AbortSignal,
): Promise<PartijSearchResponse> {
  const path = `${apiPaths.partijSearch}?${new URLSearchParams({ q, contactId }).toString()}`;
  return apiRequest('GET', path, PartijSearchResponse, { signal });
}

export const partijSearchQueryOptions = (q: string, contactId: string) =>
  queryOptions({
    queryKey: klantbeeldKeys.partijSearch(q, contactId),
    queryFn: ({ signal }) => searchPartijen(q, contactId, signal),
    enabled: q.trim().length >= MIN_SEARCH_LENGTH,
    staleTime: 30_000,
  });

export function useSearchPartijen(q: string, contactId: string) {
  return useQuery(partijSearchQueryOptions(q.trim(), contactId));
}
