import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Article, type ArticleInput } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';
import { useContentChanged } from './content-changed';

export function createArticle(input: ArticleInput): Promise<Article> {
  return apiRequest('POST', '/api/kennisbank/articles', Article, { body: input });
}

export function replaceArticle(id: string, input: ArticleInput): Promise<Article> {
  return apiRequest('PUT', `/api/kennisbank/articles/${encodeURIComponent(id)}`, Article, { body: input });
}

/** Create (no id) or full replace (id) of an article. */
export function useSaveArticle(id: string | null) {
  const queryClient = useQueryClient();
  const contentChanged = useContentChanged();
  return useMutation({
    mutationFn: (input: ArticleInput) => (id ? replaceArticle(id, input) : createArticle(input)),
    onSuccess: (article) => {
      queryClient.setQueryData(beheerKeys.article(article.id), article);
      void queryClient.invalidateQueries({ queryKey: beheerKeys.lists() });
      contentChanged();
    },
  });
}
