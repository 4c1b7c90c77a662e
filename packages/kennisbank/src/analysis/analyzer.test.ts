import { describe, expect, it } from 'vitest';
import { Analyzer, analyze } from './analyzer';
import { CompoundSplitter } from './compound-splitter';
import { fold, tokenize } from './text';

describe('fold and tokenize', () => {
  it('lower-cases and folds diacritics without changing the length', () => {
    expect(fold('Geïnteresseerd in Één CAFÉ')).toBe('geinteresseerd in een cafe');
    expect(fold('Ærø ĳ')).toHaveLength('Ærø ĳ'.length);
  });

  it('keeps hyphenated words as parts plus the joined form', () => {
    const tokens = tokenize('ID-kaart kwijt');
    expect(tokens.map((t) => t.surface)).toEqual(['id', 'kaart', 'idkaart', 'kwijt']);
    expect(tokens.find((t) => t.surface === 'idkaart')).toMatchObject({ joined: true, position: 0 });
  });

  it('joins abbreviations and numbers with separators, keeps offsets', () => {
    expect(tokenize('o.a. 1.000 euro, art. 26').map((t) => t.surface)).toEqual([
      'oa',
      '1000',
      'euro',
      'art',
      '26',
    ]);
    const [t] = tokenize('  Paspoort');
    expect(t).toMatchObject({ start: 2, end: 10 });
  });

  it('drops apostrophes inside words and ignores punctuation and HTML', () => {
    expect(tokenize("taxi's <b>kapot</b> (!)").map((t) => t.surface)).toEqual(['taxis', 'b', 'kapot', 'b']);
  });
});

describe('CompoundSplitter', () => {
  const splitter = new CompoundSplitter();
  for (const w of [
    'parkeren',
    'vergunning',
    'afval',
    'stoffen',
    'heffing',
    'bewoner',
    'belasting',
    'aanslag',
    'gemeente',
  ]) {
    splitter.learn(w, 3);
  }

  it('splits compounds into known parts, with linking s and recursion', () => {
    expect(splitter.split('parkeervergunning')).toEqual(['parkeer', 'vergunning']);
    expect(splitter.split('bewonersvergunning')).toEqual(['bewoners', 'vergunning']);
    expect(splitter.split('afvalstoffenheffing')).toEqual(['afval', 'stoffen', 'heffing']);
    expect(splitter.split('belastingaanslag')).toEqual(['belasting', 'aanslag']);
  });

  it('leaves non-compounds and derivations alone', () => {
    expect(splitter.split('vergunning')).toBeNull();
    expect(splitter.split('gemeentelijke')).toBeNull();
    expect(splitter.split('xyzxyzxyz')).toBeNull();
  });
});

describe('analyze', () => {
  it('stems, splits compounds and drops stopwords', () => {
    expect(analyze('De parkeervergunning aanvragen')).toEqual([
      'parkeervergunn',
      'parker',
      'vergunn',
      'aanvrag',
    ]);
  });

  it('never empties a query made of stopwords only', () => {
    expect(analyze('wie is het')).toEqual(['wie', 'is', 'het']);
  });

  it('returns nothing for empty or odd input without throwing', () => {
    expect(analyze('')).toEqual([]);
    expect(analyze('   !!! <> ***')).toEqual([]);
    expect(analyze(undefined as unknown as string)).toEqual([]);
  });

  it('an analyzer learns compound parts from text', () => {
    const a = new Analyzer();
    expect(a.compoundParts('klikoreparatie')).toEqual([]);
    a.learnText('de kliko en de reparatie');
    expect(a.compoundParts('klikoreparatie')).toEqual(['kliko', 'reparatie']);
  });
});
