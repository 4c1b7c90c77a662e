import { dutchStem } from './dutch-stemmer';
import { STOPWORDS } from './stopwords';

const MIN_COMPOUND = 7;
const MIN_HEAD = 4;
const MIN_TAIL = 3;
const LINKING = ['s', 'en', 'e'] as const;
const MAX_DEPTH = 3;
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
  private readonly memo = new Map<string, string[] | null>();
  private readonly stemCache = new Map<string, string>();
  /** Goes up whenever a new word is learned (splits may change); lets callers invalidate their caches. */
  version = 0;

  /** Adds a folded word occurrence to the lexicon. */
  learn(word: string, count = 1): void {
    if (word.length < MIN_TAIL || STOPWORDS.has(word) || !/^[a-z]+$/.test(word)) return;
    const previous = this.words.get(word);
    this.words.set(word, (previous ?? 0) + count);
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

  /** The parts of a compound (folded surface forms, linking letters removed), or null when it is not one. */
  split(word: string): string[] | null {
    if (word.length < MIN_COMPOUND || !/^[a-z]+$/.test(word)) return null;
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;
    const result = this.best(word, 0, true)?.parts ?? null;
    if (this.memo.size > 50_000) this.memo.clear();
    this.memo.set(word, result);
    return result;
  }

  private frequency(part: string, minimum: number): number {
    const direct = this.words.get(part) ?? 0;
    if (direct >= minimum) return direct;
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

  private best(word: string, depth: number, isRoot: boolean): { parts: string[]; score: number } | null {
    let best: { parts: string[]; score: number } | null = null;
    for (let cut = MIN_HEAD; cut <= word.length - MIN_TAIL; cut++) {
      const headWord = word.slice(0, cut);
      const tailWord = word.slice(cut);
      if (NOT_A_TAIL.has(tailWord)) continue;
      const tailMin = tailWord.length < 4 ? 2 : 1;
      const tailFreq = this.frequency(tailWord, tailMin);
      let tailParts: { parts: string[]; freqs: number[] } | null =
        tailFreq > 0 ? { parts: [tailWord], freqs: [tailFreq] } : null;
      if (!tailParts && depth < MAX_DEPTH && tailWord.length >= MIN_COMPOUND) {
        const sub = this.best(tailWord, depth + 1, false);
        if (sub)
          tailParts = { parts: sub.parts, freqs: sub.parts.map((p) => Math.max(1, this.frequency(p, 1))) };
      }
      if (!tailParts) continue;
      const head = this.headFrequency(headWord);
      let headParts: { parts: string[]; freqs: number[] } | null = head
        ? { parts: [head.part], freqs: [head.freq] }
        : null;
      if (!headParts && depth < MAX_DEPTH && headWord.length >= MIN_COMPOUND) {
        const sub = this.best(headWord, depth + 1, false);
        if (sub)
          headParts = { parts: sub.parts, freqs: sub.parts.map((p) => Math.max(1, this.frequency(p, 1))) };
      }
      if (!headParts) continue;
      const freqs = [...headParts.freqs, ...tailParts.freqs];
      const score = Math.exp(freqs.reduce((sum, f) => sum + Math.log(f), 0) / freqs.length);
      if (!best || score > best.score) best = { parts: [...headParts.parts, ...tailParts.parts], score };
    }
    if (!isRoot && best === null) return null;
    return best;
  }
}
