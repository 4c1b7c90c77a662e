import type { ArticleType } from '@kcc/contracts/kennisbank';

export interface KennisbankSearchParams {
  q: string;
  type?: ArticleType;
  limit: number;
}

/** Query keys of the kennisbank feature (generic → specific). The query text is part of the search key. */
export const kennisbankKeys = {
  all: ['kennisbank'] as const,
  searches: () => [...kennisbankKeys.all, 'search'] as const,
  search: (params: KennisbankSearchParams) => [...kennisbankKeys.searches(), params] as const,
  articles: () => [...kennisbankKeys.all, 'article'] as const,
  article: (id: string) => [...kennisbankKeys.articles(), id] as const,
};
