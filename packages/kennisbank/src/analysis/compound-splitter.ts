import { dutchStem } from './dutch-stemmer';
import { STOPWORDS } from './stopwords';

const MIN_COMPOUND = 7;
const MIN_HEAD = 4;
const MIN_TAIL = 3;
const LINKING = ['s', 'en', 'e'] as const;
const MAX_DEPTH = 3;
/** Longer tokens are not split: Dutch compounds in government texts stay well under this (arbeidsongeschiktheidsverzekering has 33 letters). */
export const MAX_COMPOUND_LENGTH = 40;
/**
 * Upper bound on the head/tail cuts one split may try; past it the word counts as no compound. Memoised sub-splits
 * and the known-start check keep real words far below it; the bound keeps any word, however it is built, to a fixed
 * amount of work on the event loop.
 */
export const MAX_SPLIT_WORK = 8_000;
/** Derivational endings that look like words but are not compound parts (gemeente-lijke). */
const NOT_A_TAIL = new Set([
  'lijk',
  'lijke',
  'lijken',
  'heid',
  'heden',
  'baar',
  'bare',
  'ing',
  'ingen',
  'isch',
  'ische',
  'tje',
  'tjes',
  'ster',
  'sters',
  'aar',
  'aars',
  'elijk',
  'elijke',
]);

/**
 * Splits Dutch compounds (parkeervergunning → parkeer + vergunning) using a lexicon learned from the
 * corpus vocabulary. A part is accepted when it, or its Snowball stem, is a known word; a head may
 * carry a linking s/e/en (bewoners-vergunning). Among valid splits the one with the highest geometric
 * mean of part frequencies wins (Koehn & Knight 2003).
 */
export class CompoundSplitter {
  private readonly words = new Map<string, number>();
  private readonly stems = new Map<string, number>();
  /**
   * First three letters of every known word. A stem shares them with its word (Snowball removes suffixes only from
   * R1, which starts at the fourth letter at the earliest), so a part whose first three letters are not here can be
   * rejected without stemming it: most cuts of a long non-word end here.
   */
  private readonly starts = new Set<string>();
  private readonly memo = new Map<string, string[] | null>();
  private readonly stemCache = new Map<string, string>();
  /** Goes up whenever a new word is learned (splits may change); lets callers invalidate their caches. */
  version = 0;

  /** Adds a folded word occurrence to the lexicon. */
  learn(word: string, count = 1): void {
    if (word.length < MIN_TAIL || STOPWORDS.has(word) || !/^[a-z]+$/.test(word)) return;
    const previous = this.words.get(word);
    this.words.set(word, (previous ?? 0) + count);
    this.starts.add(word.slice(0, 3));
    const stem = this.stemOf(word);
    this.stems.set(stem, (this.stems.get(stem) ?? 0) + count);
    // a new word can make new splits possible; a higher count rarely changes one
    if (previous === undefined) {
      this.version++;
      if (this.memo.size > 0) this.memo.clear();
    }
  }

  private stemOf(word: string): string {
    let stem = this.stemCache.get(word);
    if (stem === undefined) {
      stem = dutchStem(word);
      if (this.stemCache.size > 100_000) this.stemCache.clear();
      this.stemCache.set(word, stem);
    }
    return stem;
  }

  get lexiconSize(): number {
    return this.words.size;
  }

  /** Cuts tried by the last split that was not answered from the cache (for tests of its bound). */
  lastSplitWork = 0;

  /** The parts of a compound (folded surface forms, linking letters removed), or null when it is not one. */
  split(word: string): string[] | null {
    if (word.length < MIN_COMPOUND || word.length > MAX_COMPOUND_LENGTH || !/^[a-z]+$/.test(word))
      return null;
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;
    const search: SplitSearch = { memo: new Map(), work: 0 };
    const found = this.best(word, 0, search);
    this.lastSplitWork = search.work;
    const result = search.work > MAX_SPLIT_WORK ? null : (found?.parts ?? null);
    if (this.memo.size > 50_000) this.memo.clear();
    this.memo.set(word, result);
    return result;
  }

  private frequency(part: string, minimum: number): number {
    const direct = this.words.get(part) ?? 0;
    if (direct >= minimum) return direct;
    if (!this.starts.has(part.slice(0, 3))) return 0;
    const viaStem = this.stems.get(this.stemOf(part)) ?? 0;
    return viaStem >= minimum ? viaStem : 0;
  }

  /** Frequency of a part as a head: the word itself or the word without a linking morpheme. */
  private headFrequency(head: string): { part: string; freq: number } | null {
    const direct = this.frequency(head, 1);
    if (direct > 0) return { part: head, freq: direct };
    for (const link of LINKING) {
      if (!head.endsWith(link)) continue;
      const base = head.slice(0, -link.length);
      if (base.length < MIN_HEAD) continue;
      const freq = this.frequency(base, 1);
      if (freq > 0) return { part: base, freq };
    }
    return null;
  }

  /**
   * Best split of `word` at nesting `depth`. Sub-words recur at every cut, so results are memoised per sub-word and
   * depth (dynamic programming): the work grows with the number of substrings, not with the number of cut sequences.
   */
  private best(word: string, depth: number, search: SplitSearch): Split | null {
    const key = `${depth}:${word}`;
    const known = search.memo.get(key);
    if (known !== undefined) return known;
    let best: Split | null = null;
    // every part starts with a known word's first letters: the head at 0, the tail at the cut
    if (!this.starts.has(word.slice(0, 3))) {
      search.memo.set(key, null);
      return null;
    }
    for (let cut = MIN_HEAD; cut <= word.length - MIN_TAIL; cut++) {
      if (++search.work > MAX_SPLIT_WORK) return null;
      if (!this.starts.has(word.slice(cut, cut + 3))) continue;
      const tailParts = this.partsOf(word.slice(cut), depth, search, false);
      if (!tailParts) continue;
      const headParts = this.partsOf(word.slice(0, cut), depth, search, true);
      if (!headParts) continue;
      const freqs = [...headParts.freqs, ...tailParts.freqs];
      const score = Math.exp(freqs.reduce((sum, f) => sum + Math.log(f), 0) / freqs.length);
      if (!best || score > best.score) best = { parts: [...headParts.parts, ...tailParts.parts], score };
    }
    search.memo.set(key, best);
    return best;
  }

  /** A head or tail as one known word, or split further while the nesting allows. */
  private partsOf(
    part: string,
    depth: number,
    search: SplitSearch,
    isHead: boolean,
  ): { parts: string[]; freqs: number[] } | null {
    if (!isHead && NOT_A_TAIL.has(part)) return null;
    if (isHead) {
      const head = this.headFrequency(part);
      if (head) return { parts: [head.part], freqs: [head.freq] };
    } else {
      const freq = this.frequency(part, part.length < 4 ? 2 : 1);
      if (freq > 0) return { parts: [part], freqs: [freq] };
    }
    if (depth >= MAX_DEPTH || part.length < MIN_COMPOUND) return null;
    const sub = this.best(part, depth + 1, search);
    return sub ? { parts: sub.parts, freqs: sub.parts.map((p) => Math.max(1, this.frequency(p, 1))) } : null;
  }
}

interface Split {
  parts: string[];
  score: number;
}

interface SplitSearch {
  memo: Map<string, Split | null>;
  work: number;
}
