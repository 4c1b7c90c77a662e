export interface KennisbankDocument {
  id: string;
  type: string;
  title: string;
  body: string;
  url?: string;
  keywords?: string[];
  validFrom?: string;
  validUntil?: string;
  published?: boolean;
  /** who the article is for: `inwoner`, `ondernemer` (from the UPL audience); ranks with the query's doelgroep */
  doelgroep?: string[];
  /** the government levels that provide the product (UPL): one without `gemeente` ranks lower */
  overheidslaag?: string[];
  /** the kanalenmatrix advice of the product, when it has one: the KCC's own products rank a little higher */
  kanaal?: unknown;
  [k: string]: unknown;
}

export interface SearchHit {
  id: string;
  type: string;
  title: string;
  /** HTML-escaped excerpt with `<mark>` around matched words */
  snippet: string;
  url?: string;
  score: number;
}

export interface SearchOptions {
  /** 1–100, default 10 */
  limit?: number;
  /** only documents of this type; an unknown type gives an empty result */
  type?: string;
  /** moment for validity/publication windows, default now */
  now?: Date;
}

export interface SearchResult {
  total: number;
  items: SearchHit[];
}

export interface KennisbankIndexOptions {
  synonyms?: Record<string, string[]>;
}

/** One clause of a read query (`KennisbankIndex.explain`). */
export interface QueryClauseInfo {
  /** the folded query words the clause stands for (several for a multi-word synonym key) */
  words: string[];
  /** the synonyms that may replace those words, as folded text */
  synonyms: string[];
}
