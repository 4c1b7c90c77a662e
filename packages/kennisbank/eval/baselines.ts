import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import type { AnyOrama } from '@orama/orama';
import MiniSearch from 'minisearch';
import type { KennisbankDocument, KennisbankIndex } from '../src/index';

/**
 * MiniSearch and Orama given the same Dutch analysis as the engine: its tokeniser, Snowball stemmer and
 * compound splitter with the lexicon learned from the corpus (`index.analyze`), and the query expanded
 * with the synonyms the engine would use (`index.explain`). Field weights as the engine's (title 3,
 * keywords 2, body 1) and each library's own typo tolerance. What remains different is the ranking
 * itself, so the comparison measures the engine's own gain.
 */
export interface DutchAnalysis {
  /** the analysed terms of a text (stems, compound parts; stopwords dropped) */
  terms(text: string): string[];
  /** the query plus every synonym the engine would add to it */
  expandQuery(query: string): string;
}

export function dutchAnalysisOf(index: KennisbankIndex): DutchAnalysis {
  return {
    terms: (text) => index.analyze(text),
    expandQuery: (query) => [query, ...index.explain(query).flatMap((clause) => clause.synonyms)].join(' '),
  };
}

const keywordsText = (doc: KennisbankDocument): string => (doc.keywords ?? []).join(' ');

export type Searcher = (query: string) => string[];

export function miniSearchWithDutchAnalysis(docs: KennisbankDocument[], analysis: DutchAnalysis): Searcher {
  const mini = new MiniSearch({
    fields: ['title', 'keywords', 'body'],
    tokenize: (text) => analysis.terms(text),
    processTerm: (term) => term,
  });
  mini.addAll(docs.map((d) => ({ id: d.id, title: d.title, keywords: keywordsText(d), body: d.body })));
  return (query) =>
    mini
      .search(analysis.expandQuery(query), { boost: { title: 3, keywords: 2 }, fuzzy: 0.2 })
      .slice(0, 10)
      .map((r) => String(r.id));
}

export async function oramaWithDutchAnalysis(
  docs: KennisbankDocument[],
  analysis: DutchAnalysis,
): Promise<{ db: AnyOrama; search: (query: string) => Promise<string[]> }> {
  const db = create({
    schema: { docId: 'string', title: 'string', keywords: 'string', body: 'string' } as const,
    components: {
      tokenizer: {
        language: 'dutch',
        normalizationCache: new Map(),
        tokenize: (raw: string) => analysis.terms(raw),
      },
    },
  });
  await insertMultiple(
    db,
    docs.map((d) => ({ docId: d.id, title: d.title, keywords: keywordsText(d), body: d.body })),
  );
  return {
    db,
    search: async (query) => {
      const result = await oramaSearch(db, {
        term: analysis.expandQuery(query),
        properties: ['title', 'keywords', 'body'],
        boost: { title: 3, keywords: 2 },
        tolerance: 1,
        limit: 10,
      });
      return result.hits.map((h) => String((h.document as Record<string, unknown>).docId));
    },
  };
}
