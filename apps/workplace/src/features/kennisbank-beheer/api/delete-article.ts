import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ResponseSchema } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';
import { useContentChanged } from './content-changed';

const NoContent: ResponseSchema<void> = { safeParse: () => ({ success: true, data: undefined }) };

export function deleteArticle(id: string): Promise<void> {
  return apiRequest('DELETE', `/api/kennisbank/articles/${encodeURIComponent(id)}`, NoContent);
}

/** Beheerder only. */
export function useDeleteArticle() {
  const queryClient = useQueryClient();
  const contentChanged = useContentChanged();
  return useMutation({
    mutationFn: deleteArticle,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: beheerKeys.article(id) });
      void queryClient.invalidateQueries({ queryKey: beheerKeys.lists() });
      contentChanged();
    },
  });
}
