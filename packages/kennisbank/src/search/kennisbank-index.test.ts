import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KennisbankDocument } from '../types';
import { KennisbankIndex, MAX_QUERY_CHARS } from './kennisbank-index';

const docs: KennisbankDocument[] = [
  {
    id: 'vac:paspoort-kwijt',
    type: 'vac',
    title: 'Wat moet ik doen als mijn paspoort kwijt of gestolen is?',
    body: 'Meld het bij de gemeente als uw paspoort gestolen of kwijt is. Doe bij diefstal eerst aangifte bij de politie.',
    url: 'https://example.org/paspoort-kwijt',
  },
  {
    id: 'upl:paspoort',
    type: 'product',
    title: 'paspoort',
    body: 'Uniforme productnaam: paspoort. Overheidslaag: gemeente. Soort: aanvraag.',
  },
  {
    id: 'upl:parkeervergunning',
    type: 'product',
    title: 'parkeervergunning',
    body: 'Uniforme productnaam: parkeervergunning. Overheidslaag: gemeente.',
  },
  {
    id: 'sig:container-is-kapot',
    type: 'meldingcategorie',
    title: 'Container is kapot (Afval)',
    body: 'Meldingcategorie openbare ruimte: hoofdcategorie Afval, subcategorie Container is kapot.',
    keywords: ['Afval'],
  },
  {
    id: 'afd:burgerzaken',
    type: 'afdeling',
    title: 'Burgerzaken',
    body: 'Burgerzaken verzorgt paspoorten, identiteitskaarten en uittreksels uit de BRP.',
  },
  {
    id: 'vac:uittreksel',
    type: 'vac',
    title: 'Waar vraag ik een uittreksel uit de Basisregistratie Personen (BRP) aan?',
    body: 'U vraagt een uittreksel uit de BRP aan bij uw gemeente.',
  },
  {
    id: 'vac:vergunning-bouwen',
    type: 'vac',
    title: 'Wanneer heb ik een vergunning nodig om te bouwen?',
    body: 'Voor bouwen en verbouwen heeft u soms een omgevingsvergunning nodig. Voor parkeren niet.',
  },
];

const synonyms = { kliko: ['container', 'minicontainer'], gba: ['brp'], gejat: ['gestolen'] };

function build(): KennisbankIndex {
  const index = new KennisbankIndex({ synonyms });
  index.upsertMany(docs);
  return index;
}

const ids = (index: KennisbankIndex, q: string, opts = {}) => index.search(q, opts).items.map((h) => h.id);

describe('KennisbankIndex search', () => {
  const index = build();

  it('finds by keyword with the best document first and a highlighted, escaped snippet', () => {
    const result = index.search('paspoort kwijt');
    expect(result.items[0]).toMatchObject({
      id: 'vac:paspoort-kwijt',
      type: 'vac',
      url: 'https://example.org/paspoort-kwijt',
    });
    expect(result.items[0]!.snippet).toContain('<mark>paspoort</mark>');
    expect(result.total).toBe(result.items.length);
    expect(result.items[0]!.score).toBeGreaterThan(result.items[1]!.score);
  });

  it('expands colloquial words from the synonym map', () => {
    expect(ids(index, 'kliko kapot')[0]).toBe('sig:container-is-kapot');
    expect(ids(index, 'paspoort gejat')[0]).toBe('vac:paspoort-kwijt');
    expect(ids(index, 'uittreksel gba')[0]).toBe('vac:uittreksel');
  });

  it('tolerates typos by edit distance', () => {
    expect(ids(index, 'paspoord kwijt')[0]).toBe('vac:paspoort-kwijt');
    expect(ids(index, 'parkeervergunnig')[0]).toBe('upl:parkeervergunning');
  });

  it('completes the last word as a prefix (search as you type)', () => {
    expect(ids(index, 'parkeerverg')).toContain('upl:parkeervergunning');
    expect(ids(index, 'burgerz')[0]).toBe('afd:burgerzaken');
  });

  it('matches compound parts (vergunning finds parkeervergunning)', () => {
    expect(ids(index, 'vergunning parkeren')).toContain('upl:parkeervergunning');
  });

  it('boosts the content type the query asks for', () => {
    const ratio = (q: string): number => {
      const items = index.search(q).items;
      const score = (id: string) => items.find((h) => h.id === id)?.score ?? 0;
      return score('afd:burgerzaken') / score('vac:paspoort-kwijt');
    };
    expect(ratio('welke afdeling doet paspoorten')).toBeGreaterThan(ratio('paspoorten') * 1.5);
    expect(ids(index, 'melding container kapot')[0]).toBe('sig:container-is-kapot');
  });

  it('filters by type; an unknown type gives an empty result', () => {
    expect(ids(index, 'paspoort', { type: 'product' })).toEqual(['upl:paspoort']);
    expect(index.search('paspoort', { type: 'bestaat-niet' })).toEqual({ total: 0, items: [] });
  });

  it('respects limit, and clamps silly limits', () => {
    expect(index.search('paspoort', { limit: 1 }).items).toHaveLength(1);
    expect(index.search('paspoort', { limit: -5 }).items).toHaveLength(1);
    expect(index.search('paspoort', { limit: Number.NaN }).items.length).toBeGreaterThan(1);
  });

  it('answers bad input with an empty or truncated result, never an exception', () => {
    expect(index.search('')).toEqual({ total: 0, items: [] });
    expect(index.search('   ')).toEqual({ total: 0, items: [] });
    expect(index.search(null as unknown as string)).toEqual({ total: 0, items: [] });
    const long = 'paspoort '.repeat(1200);
    expect(long.length).toBeGreaterThan(10_000);
    expect(ids(index, long)[0]).toBeDefined();
    expect(ids(index, 'paspoort' + ' x'.repeat(5000))).toContain('upl:paspoort');
    expect(() => index.search('.*(a+)+$ [\\d] ^$ {1,}')).not.toThrow();
    const html = index.search('<script>alert(1)</script> paspoort');
    for (const hit of html.items) expect(hit.snippet).not.toContain('<script>');
    expect(MAX_QUERY_CHARS).toBeLessThan(10_000);
  });

  it('never throws on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (q) => {
        const result = index.search(q);
        expect(result.items.length).toBeLessThanOrEqual(10);
      }),
      { numRuns: 300 },
    );
  });
});

describe('KennisbankIndex updates', () => {
  it('upsert replaces a document and remove deletes it, without rebuilding', () => {
    const index = build();
    expect(index.size).toBe(docs.length);
    index.upsert({
      id: 'wi:nieuw',
      type: 'werkinstructie',
      title: 'Hondenbelasting uitvragen',
      body: 'Vraag naar het aantal honden.',
    });
    expect(index.size).toBe(docs.length + 1);
    expect(ids(index, 'hondenbelasting')[0]).toBe('wi:nieuw');

    index.upsert({
      id: 'wi:nieuw',
      type: 'werkinstructie',
      title: 'Toeristenbelasting uitvragen',
      body: 'Vraag naar het aantal nachten.',
    });
    expect(index.size).toBe(docs.length + 1);
    expect(ids(index, 'hondenbelasting')).not.toContain('wi:nieuw');
    expect(ids(index, 'toeristenbelasting')[0]).toBe('wi:nieuw');

    index.remove('wi:nieuw');
    index.remove('bestaat-niet');
    expect(index.size).toBe(docs.length);
    expect(ids(index, 'toeristenbelasting')).toEqual([]);
  });

  it('keeps scoring right after many edits of one document (tombstones compact)', () => {
    const index = build();
    for (let i = 0; i < 50; i++) {
      index.upsert({ id: 'upl:paspoort', type: 'product', title: 'paspoort', body: `versie ${i} paspoort` });
    }
    expect(index.size).toBe(docs.length);
    expect(ids(index, 'paspoort', { type: 'product' })).toEqual(['upl:paspoort']);
    expect(index.get('upl:paspoort')?.body).toBe('versie 49 paspoort');
  });

  it('rejects a document without id or type with a clear error', () => {
    const index = new KennisbankIndex();
    expect(() => index.upsert({ id: '', type: 'vac', title: 'x', body: '' })).toThrow(/id/);
    expect(() => index.upsert({ id: 'a', type: '', title: 'x', body: '' })).toThrow(/type/);
  });

  it('hides unpublished documents and documents outside their validity window', () => {
    const index = new KennisbankIndex();
    index.upsert({ id: 'a', type: 'nieuws', title: 'Storing DigiD', body: '', published: false });
    index.upsert({
      id: 'b',
      type: 'nieuws',
      title: 'Storing DigiD gepland',
      body: '',
      validFrom: '2026-12-01',
      validUntil: '2026-12-31',
    });
    index.upsert({
      id: 'c',
      type: 'nieuws',
      title: 'Storing DigiD oud',
      body: '',
      publishUntil: '2026-01-01',
    });
    expect(ids(index, 'storing', { now: new Date('2026-11-23') })).toEqual([]);
    expect(ids(index, 'storing', { now: new Date('2026-12-15') })).toEqual(['b']);
  });

  it('applies new synonyms at once', () => {
    const index = build();
    expect(ids(index, 'klikko')).not.toContain('sig:container-is-kapot');
    index.setSynonyms({ klikko: ['container'] });
    expect(ids(index, 'klikko')[0]).toBe('sig:container-is-kapot');
  });
});

describe('multi-word synonyms as spans', () => {
  const idDocs = [
    {
      id: 'upl:identiteitskaart',
      type: 'product',
      title: 'Identiteitskaart',
      body: 'Is uw identiteitskaart bijna verlopen? Verlengen kan niet: u vraagt een nieuwe aan bij de gemeente.',
    },
    {
      id: 'vac:bsn-op-kaart',
      type: 'vac',
      title: 'Waar staat mijn bsn op mijn identiteitskaart (ID-kaart)?',
      body: 'Uw bsn staat op de achterkant van de ID-kaart, onder de foto op de kaart.',
    },
    {
      id: 'vac:kaart-kwijt',
      type: 'vac',
      title: 'ID-kaart kwijt',
      body: 'Bent u uw ID-kaart kwijt? Meld het bij de gemeente. Een kaart die terugkomt is niet meer geldig.',
    },
    {
      id: 'upl:parkeerkaart',
      type: 'product',
      title: 'Parkeerkaart verlengen',
      body: 'Een parkeerkaart verlengen doet u online. Legitimatie met een identiteitsbewijs.',
    },
    {
      id: 'vac:bewijs',
      type: 'vac',
      title: 'Welk identiteitsbewijs is geldig?',
      body: 'Een paspoort, rijbewijs of identiteitskaart is een geldig identiteitsbewijs.',
    },
  ];
  const synonyms = {
    'id-kaart': ['identiteitskaart'],
    id: ['identiteitskaart', 'identiteitsbewijs'],
    'grof afval': ['grofvuil'],
    'nieuw adres': ['verhuizing doorgeven'],
  };
  const index = new KennisbankIndex({ synonyms });
  index.upsertMany(idDocs);
  const ids = (q: string) => index.search(q).items.map((h) => h.id);

  it('reads "id kaart verlengen" as one span clause plus "verlengen"', () => {
    const expected = [
      { words: ['id', 'kaart'], synonyms: ['identiteitskaart'] },
      { words: ['verlengen'], synonyms: [] },
    ];
    expect(index.explain('id kaart verlengen')).toEqual(expected);
    expect(index.explain('ID-kaart verlengen')).toEqual(expected);
    expect(index.explain('Id Kaart verlengen?')).toEqual(expected);
  });

  it('keeps a one-word key as before: "id" alone is one clause with its own synonyms', () => {
    expect(index.explain('id')).toEqual([
      { words: ['id'], synonyms: ['identiteitskaart', 'identiteitsbewijs'] },
    ]);
    expect(index.explain('id verlengen')).toEqual([
      { words: ['id'], synonyms: ['identiteitskaart', 'identiteitsbewijs'] },
      { words: ['verlengen'], synonyms: [] },
    ]);
    // its synonyms still find documents without the word "id"
    expect(ids('id')).toEqual(expect.arrayContaining(['upl:identiteitskaart', 'vac:bewijs']));
  });

  it('finds a document that only says "identiteitskaart" for "id kaart verlengen", on top', () => {
    expect(ids('id kaart verlengen')[0]).toBe('upl:identiteitskaart');
    expect(ids('ID-kaart verlengen')[0]).toBe('upl:identiteitskaart');
    const items = index.search('id kaart verlengen').items;
    expect(items[0]!.snippet).toContain('<mark>identiteitskaart</mark>');
  });

  it('ranks "id kaart verlengen" like "identiteitskaart verlengen" (the span counts once, not three times)', () => {
    expect(ids('id kaart verlengen').slice(0, 2)).toEqual(ids('identiteitskaart verlengen').slice(0, 2));
    // a document with "ID-kaart" and "kaart" but not "verlengen" does not outrank one with the synonym and "verlengen"
    const ranked = ids('id kaart verlengen');
    expect(ranked.indexOf('upl:identiteitskaart')).toBeLessThan(ranked.indexOf('vac:bsn-op-kaart'));
    expect(ranked.indexOf('upl:identiteitskaart')).toBeLessThan(ranked.indexOf('vac:kaart-kwijt'));
  });

  it('still matches the words of the key themselves, and one word of it alone', () => {
    expect(ids('id kaart kwijt')[0]).toBe('vac:kaart-kwijt');
    expect(ids('kaart kwijt')[0]).toBe('vac:kaart-kwijt');
  });

  it('treats a multi-word synonym value as one span too, and applies new keys at once', () => {
    const other = new KennisbankIndex({ synonyms });
    other.upsertMany([
      {
        id: 'a',
        type: 'vac',
        title: 'Verhuizing doorgeven',
        body: 'Geef uw verhuizing door aan de gemeente.',
      },
      {
        id: 'b',
        type: 'vac',
        title: 'Nieuw paspoort',
        body: 'Een nieuw paspoort vraagt u aan bij de gemeente.',
      },
    ]);
    expect(other.explain('nieuw adres')).toEqual([
      { words: ['nieuw', 'adres'], synonyms: ['verhuizing doorgeven'] },
    ]);
    expect(other.search('nieuw adres').items.map((h) => h.id)[0]).toBe('a');
    other.setSynonyms({ 'nieuw paspoort': ['reisdocument'] });
    expect(other.explain('nieuw adres')).toEqual([
      { words: ['nieuw'], synonyms: [] },
      { words: ['adres'], synonyms: [] },
    ]);
    expect(other.explain('nieuw paspoort')).toEqual([
      { words: ['nieuw', 'paspoort'], synonyms: ['reisdocument'] },
    ]);
  });

  it('explains bad input as nothing', () => {
    expect(index.explain('')).toEqual([]);
    expect(index.explain(null as unknown as string)).toEqual([]);
    expect(index.explain('!!!')).toEqual([]);
  });
});
