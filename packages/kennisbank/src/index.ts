export type {
  KennisbankDocument,
  KennisbankIndexOptions,
  QueryClauseInfo,
  SearchHit,
  SearchOptions,
  SearchResult,
} from './types';
export { KennisbankIndex, MAX_QUERY_CHARS } from './search/kennisbank-index';
export { analyze } from './analysis/analyzer';
export { dutchStem } from './analysis/dutch-stemmer';
export type { SynonymMap } from './analysis/synonyms';
export { toKennisbankDocument, withProductInfo, withZoektermen, type ProductInfo } from './corpus';
export { INTENT_RULES } from './search/intent';
