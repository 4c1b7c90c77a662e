import { describe, expect, it } from 'vitest';
import { chooseSynonymSpans } from './synonym-spans';

/** Runs the chooser on space-separated words with a key table (keys joined by one space). */
function spansOf(query: string, table: Record<string, string[]>, stop: string[] = []) {
  const words = query.split(' ');
  return chooseSynonymSpans(
    words.length,
    4,
    (i) => stop.includes(words[i]!),
    (start, length) => table[words.slice(start, start + length).join(' ')] ?? [],
  ).map((s) => ({ key: words.slice(s.start, s.start + s.length).join(' '), values: s.values }));
}

describe('chooseSynonymSpans', () => {
  const table = {
    id: ['identiteitskaart', 'identiteitsbewijs'],
    'id kaart': ['identiteitskaart'],
    kaart: ['plattegrond'],
    verlengen: ['vernieuwen'],
  };

  it('makes a multi-word key one span; its words add no one-word synonyms of their own', () => {
    expect(spansOf('id kaart verlengen', table)).toEqual([
      { key: 'id kaart', values: ['identiteitskaart'] },
      { key: 'verlengen', values: ['vernieuwen'] },
    ]);
  });

  it('keeps one-word keys for words outside every span', () => {
    expect(spansOf('id verlengen', table)).toEqual([
      { key: 'id', values: ['identiteitskaart', 'identiteitsbewijs'] },
      { key: 'verlengen', values: ['vernieuwen'] },
    ]);
    expect(spansOf('kaart id', table)).toEqual([
      { key: 'kaart', values: ['plattegrond'] },
      { key: 'id', values: ['identiteitskaart', 'identiteitsbewijs'] },
    ]);
  });

  it('lets the key with more content words win an overlap, then the longer, then the leftmost', () => {
    const overlap = { 'de sociale': ['bijstand'], 'sociale dienst': ['werk en inkomen'] };
    expect(spansOf('de sociale dienst', overlap, ['de'])).toEqual([
      { key: 'sociale dienst', values: ['werk en inkomen'] },
    ]);
    const nested = { 'a b': ['x'], 'a b c': ['y'], 'b c': ['z'] };
    expect(spansOf('a b c', nested)).toEqual([{ key: 'a b c', values: ['y'] }]);
    const tie = { 'a b': ['x'], 'b c': ['z'] };
    expect(spansOf('a b c', tie)).toEqual([{ key: 'a b', values: ['x'] }]);
  });

  it('finds several spans in one query, ordered by position, and nothing without keys', () => {
    const two = { 'grof afval': ['grofvuil'], 'nieuw adres': ['verhuizing'] };
    expect(spansOf('nieuw adres en grof afval', two, ['en'])).toEqual([
      { key: 'nieuw adres', values: ['verhuizing'] },
      { key: 'grof afval', values: ['grofvuil'] },
    ]);
    expect(spansOf('paspoort aanvragen', two)).toEqual([]);
    expect(
      chooseSynonymSpans(
        0,
        4,
        () => false,
        () => ['x'],
      ),
    ).toEqual([]);
  });
});
