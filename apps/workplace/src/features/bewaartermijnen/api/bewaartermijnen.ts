import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RetentionOverview, RetentionRun } from '@kcc/contracts/bewaartermijnen';
import { apiRequest } from '../../../lib/api-client';

export const bewaartermijnenPaths = {
  overzicht: '/api/beheer/bewaartermijnen',
  opschonen: '/api/beheer/bewaartermijnen/opschonen',
} as const;

const keys = { all: ['bewaartermijnen'] as const };

export const bewaartermijnenQueryOptions = () =>
  queryOptions({
    queryKey: keys.all,
    queryFn: ({ signal }) => apiRequest('GET', bewaartermijnenPaths.overzicht, RetentionOverview, { signal }),
  });

export function useBewaartermijnen() {
  return useQuery(bewaartermijnenQueryOptions());
}

/** Runs the job now (beheerder); afterwards the overview shows the new last run and a fresh dry run. */
export function useOpschonen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('POST', bewaartermijnenPaths.opschonen, RetentionRun, { body: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}
