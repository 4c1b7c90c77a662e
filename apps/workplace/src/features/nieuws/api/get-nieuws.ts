import { queryOptions, useQuery } from '@tanstack/react-query';
import { NieuwsResponse } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { nieuwsKeys } from './nieuws-keys';

/** Werkberichten are not pushed over the socket: poll them, so a new "belangrijk" message shows within minutes. */
export const NIEUWS_REFRESH_MS = 2 * 60 * 1000;

export function getNieuws(signal?: AbortSignal): Promise<NieuwsResponse> {
  return apiRequest('GET', '/api/kennisbank/nieuws', NieuwsResponse, { signal });
}

export const nieuwsQueryOptions = () =>
  queryOptions({
    queryKey: nieuwsKeys.list(),
    queryFn: ({ signal }) => getNieuws(signal),
    staleTime: NIEUWS_REFRESH_MS / 2,
    refetchInterval: NIEUWS_REFRESH_MS,
  });

export function useNieuws() {
  return useQuery(nieuwsQueryOptions());
}
