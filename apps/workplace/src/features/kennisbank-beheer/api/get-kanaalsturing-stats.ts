import { queryOptions, useQuery } from '@tanstack/react-query';
import { KanaalsturingStatsResponse } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';

export function getKanaalsturingStats(signal?: AbortSignal): Promise<KanaalsturingStatsResponse> {
  return apiRequest('GET', '/api/kennisbank/kanaalsturing/stats', KanaalsturingStatsResponse, { signal });
}

export const kanaalsturingStatsQueryOptions = () =>
  queryOptions({
    queryKey: beheerKeys.kanaalsturingStats(),
    queryFn: ({ signal }) => getKanaalsturingStats(signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

export function useKanaalsturingStats(enabled = true) {
  return useQuery({ ...kanaalsturingStatsQueryOptions(), enabled });
}
