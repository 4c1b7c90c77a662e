import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ArticleListResponse } from '@kcc/contracts/kennisbank';
import { apiRequest } from '../../../lib/api-client';
import { beheerKeys, type ArticleListFilter } from './beheer-keys';

export const LIST_PAGE_SIZE = 50;

export function listArticles(filter: ArticleListFilter, signal?: AbortSignal): Promise<ArticleListResponse> {
  const query = new URLSearchParams({ limit: String(LIST_PAGE_SIZE), offset: String(filter.offset) });
  if (filter.type) query.set('type', filter.type);
  if (filter.published) query.set('published', filter.published);
  if (filter.titel?.trim()) query.set('titel', filter.titel.trim().slice(0, 200));
  return apiRequest('GET', `/api/kennisbank/articles?${query.toString()}`, ArticleListResponse, { signal });
}

export const articleListQueryOptions = (filter: ArticleListFilter) =>
  queryOptions({
    queryKey: beheerKeys.list(filter),
    queryFn: ({ signal }) => listArticles(filter, signal),
    staleTime: 10_000,
  });

export function useArticleList(filter: ArticleListFilter) {
  return useQuery({ ...articleListQueryOptions(filter), placeholderData: keepPreviousData });
}
