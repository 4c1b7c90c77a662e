import { describe, expect, it } from 'vitest';
import { buildKennisbank } from './run-eval';
import { loadShippedCorpus } from './load-corpus';

/** A fixed moment, so publication windows do not change the outcome. */
const NOW = new Date('2026-11-23T12:00:00Z');

/**
 * The issue's own examples on the shipped corpus: a query that names a product (or report category) in
 * full, usually with what the resident wants to do with it, has that product near the top, where the
 * workplace shows its kanalenmatrix advice ("Wijs op: …").
 */
describe('products named by the query rank near the top (shipped corpus)', () => {
  const index = buildKennisbank(loadShippedCorpus());
  const top3 = (query: string): string[] =>
    index.search(query, { limit: 3, now: NOW }).items.map((hit) => hit.id);

  it.each([
    ['paspoord aanvragen', 'upl:paspoort'],
    ['paspoort aanvragen', 'upl:paspoort'],
    ['rijbewijs verlengen', 'upl:rijbewijs'],
    ['parkeervergunning aanvragen', 'upl:parkeervergunning'],
    ['uittreksel gba', 'upl:brpUittr'],
    ['verhuizing doorgeven', 'upl:verhuismelding'],
    ['identiteitskaart aanvragen', 'upl:identiteitskaart'],
    // a two-word synonym key ("id kaart" → identiteitskaart) read as one span, in every spelling
    ['id kaart verlengen', 'upl:identiteitskaart'],
    ['ID-kaart verlengen', 'upl:identiteitskaart'],
    ['kliko kapot', 'sig:container-is-kapot'],
  ])('"%s" has %s in the top 3', (query, id) => {
    expect(top3(query)).toContain(id);
  });

  it('still puts the answer to a specific question above the bare product', () => {
    const [first] = top3('wat kost een paspoort');
    expect(first).toBe('vac:555cbf27-c388-4f2f-9424-e273c64207e6');
  });
});
