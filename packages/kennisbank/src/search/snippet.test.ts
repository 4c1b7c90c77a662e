import { describe, expect, it } from 'vitest';
import { tokenize } from '../analysis/text';
import { makeSnippet } from './snippet';

const filler = (n: number): string => Array.from({ length: n }, (_, i) => `woord${i}`).join(' ');

describe('makeSnippet', () => {
  const text = `${filler(60)} Een paspoort aanvragen doet u bij de gemeente. ${filler(60)} Alleen paspoort hier.`;
  const isMatch = (surface: string): boolean => surface === 'paspoort' || surface === 'aanvragen';

  it('shows the window with the most distinct matches, marked and escaped', () => {
    const html = makeSnippet(`${text} <script>`, isMatch);
    expect(html).toContain('<mark>paspoort</mark> <mark>aanvragen</mark> doet u bij de gemeente.');
    expect(html.startsWith('… ')).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html.length).toBeLessThan(400);
  });

  it('gives the same excerpt from the index’s term ids as from the words themselves', () => {
    const words = tokenize(text).filter((t) => !t.joined);
    const idOf = new Map<string, number>();
    const ids = Int32Array.from(
      words.map((w) => idOf.get(w.surface) ?? idOf.set(w.surface, idOf.size).get(w.surface)!),
    );
    const matchIds = new Set([idOf.get('paspoort'), idOf.get('aanvragen')]);
    const known = { ids, complete: true, matches: (id: number) => matchIds.has(id) };
    expect(makeSnippet(text, isMatch, known)).toBe(makeSnippet(text, isMatch));
    // ids for only the first words: the rest is checked by word
    const partial = { ids: ids.subarray(0, 70), complete: false, matches: known.matches };
    expect(makeSnippet(text, isMatch, partial)).toBe(makeSnippet(text, isMatch));
  });

  it('collapses whitespace and returns nothing for empty text', () => {
    expect(makeSnippet('  paspoort\n\n  aanvragen  ', isMatch)).toBe(
      '<mark>paspoort</mark> <mark>aanvragen</mark>',
    );
    expect(makeSnippet('   ', isMatch)).toBe('');
  });
});
