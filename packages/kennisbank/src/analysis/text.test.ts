import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, tokenize, wordOffset } from './text';

/** The word pattern the hand-written scanner implements. */
const WORD = /[\p{L}\p{N}]+(?:['’.\-/][\p{L}\p{N}]+)*/gu;

function regexWords(text: string): { raw: string; start: number }[] {
  return [...fold(text).matchAll(WORD)].map((m) => ({ raw: m[0], start: m.index }));
}

describe('tokenize scanner', () => {
  it('finds exactly the words the regular expression finds, at the same offsets', () => {
    const alphabet = fc.constantFrom(
      ..."aAz09 .-/'’,!<>éÉĳß\n\t".split(''),
      '\u{1D400}', // astral letter (surrogate pair)
      '\u{1F600}', // astral non-letter
      '\uD800', // lone surrogate
      '٣', // Arabic-Indic digit
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')),
        (text) => {
          const folded = fold(text);
          const words = regexWords(text);
          // every token lies inside one regex word, and every regex word yields at least one token
          const tokens = tokenize(text);
          for (const t of tokens) {
            const w = words.find((x) => t.start >= x.start && t.end <= x.start + x.raw.length);
            expect(w, `${JSON.stringify(text)} token ${t.surface}`).toBeDefined();
          }
          for (const w of words) {
            expect(tokens.some((t) => t.start >= w.start && t.end <= w.start + w.raw.length)).toBe(true);
          }
          const plain = words.filter((w) => !/[.\-/]/.test(w.raw));
          for (const w of plain) {
            const t = tokens.find((x) => x.start === w.start);
            expect(t?.surface).toBe(w.raw.replace(/['’]/g, ''));
            expect(t?.end).toBe(w.start + w.raw.length);
          }
          expect(folded.length).toBe(text.length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('handles apostrophes, hyphens, numbers with separators and non-Latin letters', () => {
    expect(tokenize('Taxi’s, café-eigenaar; ĳs / 3.5 Δέλτα').map((t) => t.surface)).toEqual([
      'taxis',
      'cafe',
      'eigenaar',
      'cafeeigenaar',
      'ĳs',
      '35',
      'δελτα',
    ]);
  });
});

describe('wordOffset', () => {
  it('finds the start of every word exactly where tokenize puts it', () => {
    const alphabet = fc.constantFrom(..."ab1 .-/'’,É\n".split(''), '\u{1D400}');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')),
        (text) => {
          const words = tokenize(text).filter((t) => !t.joined);
          words.forEach((w, i) => expect(wordOffset(text, i)).toBe(w.start));
          expect(wordOffset(text, words.length)).toBe(-1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
