import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Onderwerp,
  OnderwerpenImportResponse,
  OnderwerpenResponse,
  type OnderwerpInput,
  type OnderwerpPatch,
} from '@kcc/contracts/onderwerpen';
import { apiRequest } from '../../../lib/api-client';

const keys = { all: ['onderwerpen-beheer'] as const };

/** Every onderwerp, active or not (beheerder). */
export function useAlleOnderwerpen() {
  return useQuery({
    queryKey: keys.all,
    queryFn: async ({ signal }) =>
      (await apiRequest('GET', '/api/onderwerpen?alle=true', OnderwerpenResponse, { signal })).items,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  // The registration's type-ahead reads the active list under its own key.
  return () =>
    queryClient.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes('onderwerpen') });
}

export function useAddOnderwerp() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: OnderwerpInput) => apiRequest('POST', '/api/onderwerpen', Onderwerp, { body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateOnderwerp() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: OnderwerpPatch }) =>
      apiRequest('PATCH', `/api/onderwerpen/${encodeURIComponent(id)}`, Onderwerp, { body: patch }),
    onSuccess: () => invalidate(),
  });
}

export function useImportOnderwerpen() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiRequest('POST', '/api/onderwerpen/kennisbank-import', OnderwerpenImportResponse),
    onSuccess: () => invalidate(),
  });
}
