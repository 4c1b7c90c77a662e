import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Article } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';
import { useContentChanged } from './content-changed';

export function setArticlePublished(id: string, published: boolean): Promise<Article> {
  const action = published ? 'publish' : 'unpublish';
  return apiRequest('POST', `/api/kennisbank/articles/${encodeURIComponent(id)}/${action}`, Article);
}

export function usePublishArticle() {
  const queryClient = useQueryClient();
  const contentChanged = useContentChanged();
  return useMutation({
    mutationFn: ({ id, published }: { id: string; published: boolean }) => setArticlePublished(id, published),
    onSuccess: (article) => {
      queryClient.setQueryData(beheerKeys.article(article.id), article);
      void queryClient.invalidateQueries({ queryKey: beheerKeys.lists() });
      contentChanged();
    },
  });
}
