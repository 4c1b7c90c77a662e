import { describe, expect, it } from 'vitest';
import { boundedDamerauLevenshtein, maxEditsFor } from './edit-distance';

describe('boundedDamerauLevenshtein', () => {
  it.each([
    ['paspoort', 'paspoort', 0],
    ['paspoord', 'paspoort', 1],
    ['pasport', 'paspoort', 1],
    ['paspoort', 'papsoort', 1],
    ['identiteitskart', 'identiteitskaart', 1],
    ['aanvrgen', 'aanvragen', 1],
    ['kliko', 'kilko', 1],
    ['verhuisen', 'verhuizen', 1],
    ['kat', 'hond', 4],
  ])('%s ~ %s = %i', (a, b, d) => {
    expect(boundedDamerauLevenshtein(a, b, 3)).toBe(d);
  });

  it('stops early above the bound', () => {
    expect(boundedDamerauLevenshtein('paspoort', 'vergunning', 2)).toBe(3);
    expect(boundedDamerauLevenshtein('a', 'abcdef', 1)).toBe(2);
  });

  it('scales the allowed edits with word length', () => {
    expect([3, 4, 5, 8, 9, 15].map(maxEditsFor)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
