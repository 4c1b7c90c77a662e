import { queryOptions, useQuery } from '@tanstack/react-query';
import { Article } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { kennisbankKeys } from './kennisbank-keys';

/** Ids contain a colon (`upl:paspoort`), hence the encoding. */
export function getArticle(id: string, signal?: AbortSignal): Promise<Article> {
  return apiRequest('GET', `/api/kennisbank/articles/${encodeURIComponent(id)}`, Article, { signal });
}

export const articleQueryOptions = (id: string) =>
  queryOptions({
    queryKey: kennisbankKeys.article(id),
    queryFn: ({ signal }) => getArticle(id, signal),
    staleTime: 0,
  });

export function useArticle(id: string | null) {
  return useQuery({ ...articleQueryOptions(id ?? ''), enabled: id !== null });
}
