import { useQuery } from '@tanstack/react-query';
import { KennisbankRapport } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';

export function getRapport(signal?: AbortSignal): Promise<KennisbankRapport> {
  return apiRequest('GET', '/api/kennisbank/rapport', KennisbankRapport, { signal });
}

/** The redacteur's worklist: missing answers, past reviews, weak articles, questions without a good answer. */
export function useRapport() {
  return useQuery({
    queryKey: beheerKeys.rapport(),
    queryFn: ({ signal }) => getRapport(signal),
    staleTime: 30_000,
  });
}
