import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NieuwsGelezenResponse, type NieuwsResponse } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { nieuwsQueryOptions } from './get-nieuws';

export function markGelezen(id: string): Promise<NieuwsGelezenResponse> {
  return apiRequest(
    'POST',
    `/api/kennisbank/nieuws/${encodeURIComponent(id)}/gelezen`,
    NieuwsGelezenResponse,
  );
}

/** Marks the message read in the cache at once (the count drops) and rolls back when the server refuses. */
export function useMarkGelezen() {
  const queryClient = useQueryClient();
  const { queryKey } = nieuwsQueryOptions();
  return useMutation({
    mutationKey: ['nieuws', 'gelezen'],
    mutationFn: markGelezen,
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData(queryKey);
      queryClient.setQueryData(queryKey, (data?: NieuwsResponse) => {
        if (!data) return data;
        const items = data.items.map((item) => (item.id === id ? { ...item, gelezen: true } : item));
        return { items, ongelezen: items.filter((item) => !item.gelezen).length };
      });
      return { previous };
    },
    onError: (_error, _id, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}
