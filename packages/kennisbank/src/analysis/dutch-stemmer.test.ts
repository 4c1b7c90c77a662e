import { describe, expect, it } from 'vitest';
import { dutchStem } from './dutch-stemmer';

describe('dutchStem (Snowball Dutch)', () => {
  it.each([
    // from the Snowball Dutch sample vocabulary
    ['lichamelijk', 'licham'],
    ['lichamelijke', 'licham'],
    ['lichamelijkheden', 'licham'],
    ['lichamen', 'licham'],
    // derived by hand from the algorithm's steps
    ['vergunning', 'vergunn'],
    ['vergunningen', 'vergunn'],
    ['aanvragen', 'aanvrag'],
    ['verhuizen', 'verhuiz'],
    ['verhuizing', 'verhuiz'],
    ['paspoort', 'paspoort'],
    ['paspoorten', 'paspoort'],
    ['gemeente', 'gemeent'],
    ['gemeenten', 'gemeent'],
    ['containers', 'container'],
    ['maan', 'man'],
    ['parkeren', 'parker'],
    ['parkeer', 'parker'],
    ['kopen', 'kop'],
  ])('%s → %s', (word, stem) => {
    expect(dutchStem(word)).toBe(stem);
  });

  it('leaves short words alone and never returns an empty stem', () => {
    expect(dutchStem('en')).toBe('en');
    expect(dutchStem('bsn')).toBe('bsn');
    for (const w of ['aan', 'ene', 'heden', 'ssss', 'eeee']) expect(dutchStem(w).length).toBeGreaterThan(0);
  });

  it('keeps the "gem" exception (gemen is not stripped to gem)', () => {
    expect(dutchStem('gemen')).toBe('gemen');
  });

  it('treats i between vowels and initial y as consonants', () => {
    expect(dutchStem('yoghurt')).toBe('yoghurt');
    expect(dutchStem('moeilijk')).toBe(dutchStem('moeilijke'));
  });
});
