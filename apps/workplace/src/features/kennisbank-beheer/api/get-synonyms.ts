import { queryOptions, useQuery } from '@tanstack/react-query';
import { SynonymsResponse } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';

export function getSynonyms(signal?: AbortSignal): Promise<SynonymsResponse> {
  return apiRequest('GET', '/api/kennisbank/synonyms', SynonymsResponse, { signal });
}

export const synonymsQueryOptions = () =>
  queryOptions({
    queryKey: beheerKeys.synonyms(),
    queryFn: ({ signal }) => getSynonyms(signal),
    staleTime: 0,
  });

export function useSynonyms() {
  return useQuery(synonymsQueryOptions());
}
