export interface ArticleListFilter {
  type?: string;
  published?: 'true' | 'false';
  titel?: string;
  offset: number;
}

/** Query keys of kennisbank beheer (generic → specific). */
export const beheerKeys = {
  all: ['kennisbank-beheer'] as const,
  lists: () => [...beheerKeys.all, 'list'] as const,
  list: (filter: ArticleListFilter) => [...beheerKeys.lists(), filter] as const,
  article: (id: string) => [...beheerKeys.all, 'article', id] as const,
  synonyms: () => [...beheerKeys.all, 'synonyms'] as const,
  kanalenmatrix: () => [...beheerKeys.all, 'kanalenmatrix'] as const,
  kanaalsturingStats: () => [...beheerKeys.all, 'kanaalsturing-stats'] as const,
  rapport: () => [...beheerKeys.all, 'rapport'] as const,
};
