import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer } from './analyzer';
import { CompoundSplitter, MAX_COMPOUND_LENGTH, MAX_SPLIT_WORK } from './compound-splitter';
import { KennisbankIndex } from '../search/kennisbank-index';

const PARTS = [
  'parkeer',
  'vergunning',
  'afval',
  'stoffen',
  'heffing',
  'bewoner',
  'aanvraag',
  'kind',
  'opvang',
  'en',
];

function lexicon(): CompoundSplitter {
  const splitter = new CompoundSplitter();
  for (const w of PARTS) splitter.learn(w, 3);
  return splitter;
}

/** Words glued from known parts and stray letters: the shape with the most valid cuts. */
const gluedWord = (maxParts: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...PARTS), fc.constantFrom('s', 'e', 'x', 'aa')), {
      minLength: 1,
      maxLength: maxParts,
    })
    .map((p) => p.join(''));

describe('CompoundSplitter: bounded work (security: one long word froze the server)', () => {
  it('splits a 250-letter word of the attack shape without searching every cut sequence', () => {
    const analyzer = new Analyzer();
    expect(analyzer.compoundParts('abcdefghij'.repeat(25))).toEqual([]);
    const splitter = lexicon();
    expect(splitter.split('abcdefghij'.repeat(4))).toBeNull();
    expect(splitter.lastSplitWork).toBeLessThanOrEqual(MAX_SPLIT_WORK);
  });

  it('never exceeds its work bound, for any word', () => {
    const splitter = lexicon();
    fc.assert(
      fc.property(fc.oneof(gluedWord(12), fc.stringMatching(/^[a-z]{1,60}$/)), (word) => {
        splitter.split(word);
        expect(splitter.lastSplitWork).toBeLessThanOrEqual(MAX_SPLIT_WORK);
      }),
      { numRuns: 300 },
    );
  });

  it('does not split words longer than its cap', () => {
    const splitter = lexicon();
    const long = 'parkeervergunning'.repeat(3);
    expect(long.length).toBeGreaterThan(MAX_COMPOUND_LENGTH);
    expect(splitter.split(long)).toBeNull();
  });

  it('finds the same split as the exhaustive search it replaced', () => {
    const splitter = lexicon();
    const reference = exhaustiveSplitter(splitter);
    fc.assert(
      fc.property(gluedWord(4), (word) => {
        expect(splitter.split(word)).toEqual(reference(word));
      }),
      { numRuns: 300 },
    );
  });

  it('answers a search with a 10 kB query of letters, digits and symbols', () => {
    const index = new KennisbankIndex();
    index.upsert({
      id: 'p',
      type: 'vac',
      title: 'Parkeervergunning aanvragen',
      body: 'Vraag hem online aan.',
    });
    fc.assert(
      fc.property(fc.string({ minLength: 10_000, maxLength: 10_000, unit: 'binary' }), (query) => {
        expect(Array.isArray(index.search(query).items)).toBe(true);
      }),
      { numRuns: 20 },
    );
    expect(index.search('abcdefghij'.repeat(1000)).items).toEqual([]);
  });
});

/**
 * The splitter before memoisation (exponential), as a reference for small words: every cut, head and tail each a
 * known word or split further up to the same depth, best geometric mean of part frequencies.
 */
function exhaustiveSplitter(splitter: CompoundSplitter): (word: string) => string[] | null {
  const freq = (part: string, min: number) =>
    (splitter as unknown as { frequency(p: string, m: number): number }).frequency(part, min);
  const head = (part: string) =>
    (
      splitter as unknown as { headFrequency(p: string): { part: string; freq: number } | null }
    ).headFrequency(part);
  const NOT_A_TAIL = new Set(['lijk', 'lijke', 'lijken', 'heid', 'heden', 'baar', 'bare', 'ing', 'ingen']);
  NOT_A_TAIL.add('isch').add('ische').add('tje').add('tjes').add('ster').add('sters').add('aar').add('aars');
  NOT_A_TAIL.add('elijk').add('elijke');
  type S = { parts: string[]; score: number };
  const best = (word: string, depth: number): S | null => {
    let result: S | null = null;
    for (let cut = 4; cut <= word.length - 3; cut++) {
      const h = word.slice(0, cut);
      const t = word.slice(cut);
      if (NOT_A_TAIL.has(t)) continue;
      const tf = freq(t, t.length < 4 ? 2 : 1);
      let tail: { parts: string[]; freqs: number[] } | null = tf > 0 ? { parts: [t], freqs: [tf] } : null;
      if (!tail && depth < 3 && t.length >= 7) {
        const sub = best(t, depth + 1);
        if (sub) tail = { parts: sub.parts, freqs: sub.parts.map((p) => Math.max(1, freq(p, 1))) };
      }
      if (!tail) continue;
      const hf = head(h);
      let headParts: { parts: string[]; freqs: number[] } | null = hf
        ? { parts: [hf.part], freqs: [hf.freq] }
        : null;
      if (!headParts && depth < 3 && h.length >= 7) {
        const sub = best(h, depth + 1);
        if (sub) headParts = { parts: sub.parts, freqs: sub.parts.map((p) => Math.max(1, freq(p, 1))) };
      }
      if (!headParts) continue;
      const freqs = [...headParts.freqs, ...tail.freqs];
      const score = Math.exp(freqs.reduce((sum, f) => sum + Math.log(f), 0) / freqs.length);
      if (!result || score > result.score) result = { parts: [...headParts.parts, ...tail.parts], score };
    }
    return result;
  };
  return (word) => (word.length < 7 || !/^[a-z]+$/.test(word) ? null : (best(word, 0)?.parts ?? null));
}
