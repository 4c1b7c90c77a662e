import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { KennisbankSearchResponse } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { kennisbankKeys, type KennisbankSearchParams } from './kennisbank-keys';

export function searchKennisbank(
  params: KennisbankSearchParams,
  signal?: AbortSignal,
): Promise<KennisbankSearchResponse> {
  const query = new URLSearchParams({ q: params.q, limit: String(params.limit) });
  if (params.type) query.set('type', params.type);
  return apiRequest('GET', `/api/kennisbank/search?${query.toString()}`, KennisbankSearchResponse, {
    signal,
  });
}

/** Normalised so "paspoort " and "paspoort" share one cache entry. */
export function normaliseSearchText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

export const kennisbankSearchQueryOptions = (params: KennisbankSearchParams) =>
  queryOptions({
    queryKey: kennisbankKeys.search(params),
    queryFn: ({ signal }) => searchKennisbank(params, signal),
    // Always revalidate (cached results show at once meanwhile): an editor elsewhere may have just published.
    staleTime: 0,
  });

/**
 * Search as you type: pass the debounced text. While the next answer loads the previous results stay visible
 * (no flicker between keystrokes). An empty text does not search.
 */
export function useKennisbankSearch(params: KennisbankSearchParams) {
  const q = normaliseSearchText(params.q);
  return useQuery({
    ...kennisbankSearchQueryOptions({ ...params, q }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
}
