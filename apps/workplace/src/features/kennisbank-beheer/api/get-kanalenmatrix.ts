import { queryOptions, useQuery } from '@tanstack/react-query';
import { KanalenmatrixResponse, type KanalenmatrixEntry } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';

export async function getKanalenmatrix(signal?: AbortSignal): Promise<KanalenmatrixEntry[]> {
  return (await apiRequest('GET', '/api/kanalenmatrix', KanalenmatrixResponse, { signal })).items;
}

export const kanalenmatrixQueryOptions = () =>
  queryOptions({
    queryKey: beheerKeys.kanalenmatrix(),
    queryFn: ({ signal }) => getKanalenmatrix(signal),
    staleTime: 60_000,
  });

export function useKanalenmatrix() {
  return useQuery(kanalenmatrixQueryOptions());
}
