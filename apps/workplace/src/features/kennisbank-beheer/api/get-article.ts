import { queryOptions, useQuery } from '@tanstack/react-query';
import { Article } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys } from './beheer-keys';

/** For editing: editors also get concepts and expired articles. */
export function getArticleForEdit(id: string, signal?: AbortSignal): Promise<Article> {
  return apiRequest('GET', `/api/kennisbank/articles/${encodeURIComponent(id)}`, Article, { signal });
}

export const articleForEditQueryOptions = (id: string) =>
  queryOptions({
    queryKey: beheerKeys.article(id),
    queryFn: ({ signal }) => getArticleForEdit(id, signal),
    staleTime: 0,
  });

export function useArticleForEdit(id: string | null) {
  return useQuery({ ...articleForEditQueryOptions(id ?? ''), enabled: id !== null });
}
