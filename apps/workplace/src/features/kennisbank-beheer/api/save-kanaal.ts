import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KanalenmatrixEntry, type KanalenmatrixPut } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';
import { useContentChanged } from './content-changed';

export function saveKanaal(product: string, body: KanalenmatrixPut): Promise<KanalenmatrixEntry> {
  return apiRequest('PUT', `/api/kanalenmatrix/${encodeURIComponent(product)}`, KanalenmatrixEntry, { body });
}

/** Beheerder only: create or replace the channels of one product. */
export function useSaveKanaal() {
  const queryClient = useQueryClient();
  const contentChanged = useContentChanged();
  return useMutation({
    mutationFn: ({ product, ...body }: KanalenmatrixPut & { product: string }) => saveKanaal(product, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: beheerKeys.kanalenmatrix() });
      contentChanged();
    },
  });
}
