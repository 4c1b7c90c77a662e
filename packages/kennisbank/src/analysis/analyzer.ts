import { BASE_LEXICON } from './base-lexicon';
import { CompoundSplitter } from './compound-splitter';
import { dutchStem } from './dutch-stemmer';
import { STOPWORDS } from './stopwords';
import type { RawToken } from './text';
import { tokenize } from './text';

/** Weight of a term that only comes from splitting a compound or joining a hyphenated word. */
export const DERIVED_TERM_WEIGHT = 0.5;

export interface IndexTerm {
  term: string;
  position: number;
  weight: number;
  /** the folded word, for whole words only (not for derived terms) */
  surface?: string;
}

/** Dutch analysis: tokenise, fold, drop stopwords (never all of them), stem, split compounds. */
export class Analyzer {
  readonly splitter = new CompoundSplitter();
  private readonly stemCache = new Map<string, string>();
  private readonly termsCache = new Map<string, readonly string[]>();
  private termsVersion = -1;

  constructor() {
    for (const word of BASE_LEXICON) this.splitter.learn(word, 2);
  }

  stem(surface: string): string {
    if (/\d/.test(surface)) return surface;
    let stem = this.stemCache.get(surface);
    if (stem === undefined) {
      stem = dutchStem(surface);
      if (this.stemCache.size > 200_000) this.stemCache.clear();
      this.stemCache.set(surface, stem);
    }
    return stem;
  }

  /** Compound parts of a folded word, stemmed, or an empty list. */
  compoundParts(surface: string): string[] {
    if (STOPWORDS.has(surface)) return [];
    const parts = this.splitter.split(surface);
    return parts ? parts.map((p) => this.stem(p)) : [];
  }

  /** The stem of a folded word followed by the stems of its compound parts (cached until the lexicon grows). */
  termsOf(surface: string): readonly string[] {
    if (this.termsVersion !== this.splitter.version) {
      this.termsCache.clear();
      this.termsVersion = this.splitter.version;
    }
    let terms = this.termsCache.get(surface);
    if (terms === undefined) {
      terms = [this.stem(surface), ...this.compoundParts(surface)];
      if (this.termsCache.size > 100_000) this.termsCache.clear();
      this.termsCache.set(surface, terms);
    }
    return terms;
  }

  learnText(text: string): void {
    for (const token of tokenize(text)) if (!token.joined) this.splitter.learn(token.surface);
  }

  /** Terms for the index, stopwords included (they are scored by IDF), with positions and weights. */
  indexTerms(text: string): IndexTerm[] {
    const out: IndexTerm[] = [];
    for (const token of tokenize(text)) {
      if (token.joined) {
        out.push({ term: this.stem(token.surface), position: token.position, weight: DERIVED_TERM_WEIGHT });
        continue;
      }
      out.push({
        term: this.stem(token.surface),
        position: token.position,
        weight: 1,
        surface: token.surface,
      });
      for (const part of this.compoundParts(token.surface)) {
        out.push({ term: part, position: token.position, weight: DERIVED_TERM_WEIGHT });
      }
    }
    return out;
  }

  /** Query tokens without stopwords, unless that would leave nothing. */
  queryTokens(text: string): RawToken[] {
    const tokens = tokenize(text);
    const content = tokens.filter((t) => !STOPWORDS.has(t.surface));
    return content.length > 0 ? content : tokens;
  }

  /** The searchable terms of a text as a query sees them (for tests and debugging). */
  analyze(text: string): string[] {
    const out: string[] = [];
    for (const token of this.queryTokens(text)) {
      out.push(this.stem(token.surface));
      if (!token.joined) out.push(...this.compoundParts(token.surface));
    }
    return out;
  }
}

const defaultAnalyzer = new Analyzer();

/** Analyses text with the built-in lexicon only (an index also learns its corpus vocabulary). */
export function analyze(text: string): string[] {
  if (typeof text !== 'string') return [];
  return defaultAnalyzer.analyze(text.slice(0, 10_000));
}
