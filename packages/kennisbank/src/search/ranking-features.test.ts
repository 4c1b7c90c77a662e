import { describe, expect, it } from 'vitest';
import { capitalise, toKennisbankDocument, withProductInfo, withZoektermen } from '../corpus';
import type { KennisbankDocument } from '../types';
import { KennisbankIndex } from './kennisbank-index';
import { documentPrior, doelgroepBits, doelgroepFactor, queryIsOndernemer } from './priors';

const product = (id: string, title: string, extra: Partial<KennisbankDocument> = {}): KennisbankDocument => ({
  id,
  type: 'product',
  title,
  body: `Uniforme productnaam: ${title}.`,
  ...extra,
});

const filler: KennisbankDocument[] = [
  product('upl:verzoekschrift', 'verzoekschrift'),
  {
    id: 'vac:verzoek',
    type: 'vac',
    title: 'Hoe dien ik een verzoek in?',
    body: 'Een verzoek doet u per brief.',
  },
  {
    id: 'vac:vergunning',
    type: 'vac',
    title: 'Wanneer heb ik een vergunning nodig?',
    body: 'Een vergunning.',
  },
  { id: 'vac:computer', type: 'vac', title: 'Hulp met de computer', body: 'Leer werken met de computer.' },
  { id: 'vac:heffing', type: 'vac', title: 'Welke heffing betaal ik?', body: 'Een heffing voor het riool.' },
];

const ids = (index: KennisbankIndex, query: string): string[] =>
  index.search(query, { now: new Date('2026-06-01') }).items.map((h) => h.id);

describe('compounds the splitter cannot split', () => {
  const index = new KennisbankIndex();
  index.upsertMany([
    ...filler,
    product('upl:laadpaalverzoek', 'laadpaalverzoek'),
    product('upl:collectevergunning', 'collectevergunning'),
    product('upl:rioolheffing', 'rioolheffing'),
  ]);

  it('finds a compound by its first part when the rest is a known word ("laadpaal" → laadpaalverzoek)', () => {
    expect(ids(index, 'laadpaal aanvragen')[0]).toBe('upl:laadpaalverzoek');
    expect(ids(index, 'collecte houden')[0]).toBe('upl:collectevergunning');
  });

  it('reads a compound written apart as the compound ("riool heffing")', () => {
    expect(ids(index, 'riool heffing')[0]).toBe('upl:rioolheffing');
    expect(index.explain('riool heffing')[0]!.synonyms).toContain('rioolheffing');
  });

  it('uses the known beginning of an unknown compound ("computercursus" → computer)', () => {
    expect(ids(index, 'computercursus')).toContain('vac:computer');
  });
});

describe('y typed for ij', () => {
  it('finds "rijbewijs" for "rijbewys"', () => {
    const index = new KennisbankIndex();
    index.upsertMany([...filler, product('upl:rijbewijs', 'rijbewijs')]);
    expect(ids(index, 'rijbewys verlengen')[0]).toBe('upl:rijbewijs');
  });
});

describe('priors from what the corpus knows', () => {
  it('maps the UPL audience to doelgroep, levels to overheidslaag, and capitalises titles', () => {
    const doc = toKennisbankDocument({
      id: 'upl:x',
      type: 'product',
      title: 'afvalcontainer',
      body: '',
      audience: ['burger', 'bedrijf'],
      levels: ['gemeente'],
    })!;
    expect(doc.title).toBe('Afvalcontainer');
    expect(capitalise('brp-uittreksel')).toBe('BRP-uittreksel');
    expect(capitalise('woz-beschikking')).toBe('WOZ-beschikking');
    expect(capitalise('digid')).toBe('DigiD');
    expect(capitalise('Wat kost een paspoort?')).toBe('Wat kost een paspoort?');
    expect(doc.doelgroep).toEqual(['inwoner', 'ondernemer']);
    expect(doc.overheidslaag).toEqual(['gemeente']);
  });

  it('ranks a product no municipality provides lower, and one with a kanaaladvies higher', () => {
    expect(documentPrior(product('a', 'a', { overheidslaag: ['rijk'] }))).toBeLessThan(1);
    expect(documentPrior(product('a', 'a', { overheidslaag: ['rijk', 'gemeente'] }))).toBe(1);
    expect(documentPrior(product('a', 'a', { kanaal: { primair: 'website' } }))).toBeGreaterThan(1);
    expect(documentPrior(product('a', 'a'))).toBe(1);
  });

  it('prefers ondernemer articles only when the query is about a business', () => {
    expect(queryIsOndernemer(['afval', 'van', 'mijn', 'bedrijf'])).toBe(true);
    expect(queryIsOndernemer(['afval', 'ophalen'])).toBe(false);
    const ondernemer = doelgroepBits(product('a', 'a', { doelgroep: ['ondernemer'] }));
    const both = doelgroepBits(product('a', 'a', { doelgroep: ['inwoner', 'ondernemer'] }));
    expect(doelgroepFactor(ondernemer, true)).toBeGreaterThan(1);
    expect(doelgroepFactor(ondernemer, false)).toBeLessThan(1);
    expect(doelgroepFactor(both, false)).toBe(1);
    expect(doelgroepFactor(0, true)).toBe(1);
  });

  it('with the same words, the doelgroep decides: inwoner for a resident, ondernemer for a business', () => {
    const index = new KennisbankIndex();
    index.upsertMany([
      ...filler,
      product('upl:voor-inwoners', 'afvalinzameling', {
        doelgroep: ['inwoner'],
        overheidslaag: ['gemeente'],
      }),
      product('upl:voor-bedrijven', 'afvalinzameling', {
        doelgroep: ['ondernemer'],
        overheidslaag: ['gemeente'],
      }),
      product('upl:rijk', 'afvalinzameling', { overheidslaag: ['rijk'] }),
    ]);
    expect(ids(index, 'afvalinzameling')).toEqual(['upl:voor-inwoners', 'upl:voor-bedrijven', 'upl:rijk']);
    expect(ids(index, 'afvalinzameling voor mijn bedrijf')[0]).toBe('upl:voor-bedrijven');
  });
});

describe('query shapes that cost time without adding meaning', () => {
  const index = new KennisbankIndex();
  index.upsertMany([...filler, product('upl:paspoort', 'paspoort')]);

  it('reads a word said many times once', () => {
    expect(index.explain('paspoort paspoort paspoort kwijt paspoort')).toHaveLength(2);
    expect(ids(index, 'paspoort '.repeat(200))[0]).toBe('upl:paspoort');
  });

  it('keeps at least the most frequent completion of a prefix', () => {
    expect(ids(index, 'verz').length).toBeGreaterThan(0);
  });
});

describe('product information', () => {
  it('puts costs, how to apply and delivery time in front of the UPL metadata, with the sources', () => {
    const doc = product('upl:paspoort', 'Paspoort');
    const withInfo = withProductInfo(doc, {
      kosten: '€ 88,65',
      levertijd: '5 werkdagen',
      bronnen: ['vac:1'],
    });
    expect(withInfo.body).toBe(
      'Kosten: € 88,65\n\nLevertijd: 5 werkdagen\n\nBron: vac:1\n\nUniforme productnaam: Paspoort.',
    );
    expect(withProductInfo(doc, undefined)).toBe(doc);
    expect(withProductInfo(doc, { bronnen: ['vac:1'] })).toBe(doc);
  });
});

describe('zoektermen (the words residents use, per article)', () => {
  it('adds the terms to the keywords once, and leaves a document without terms unchanged', () => {
    const doc = product('upl:afvalcontainer', 'Afvalcontainer', { keywords: ['afval'] });
    expect(withZoektermen(doc, ['kliko', 'afval', ' ', 'vuilnisbak']).keywords).toEqual([
      'afval',
      'kliko',
      'vuilnisbak',
    ]);
    expect(withZoektermen(doc, undefined)).toBe(doc);
    expect(withZoektermen(doc, [])).toBe(doc);
  });

  it("lets a resident's word find the product whose title and body never use it", () => {
    const docs = [
      product('upl:afvalcontainer', 'Afvalcontainer'),
      product('upl:afvalkalender', 'Afvalkalender'),
      { id: 'vac:bak', type: 'vac', title: 'Waar laat ik mijn bak?', body: 'Zet de bak aan de straat.' },
    ];
    const without = new KennisbankIndex();
    without.upsertMany(docs);
    expect(ids(without, 'kliko kapot')).not.toContain('upl:afvalcontainer');
    const withTerms = new KennisbankIndex();
    withTerms.upsertMany(docs.map((d) => withZoektermen(d, d.id === 'upl:afvalcontainer' ? ['kliko'] : [])));
    expect(ids(withTerms, 'kliko kapot')[0]).toBe('upl:afvalcontainer');
  });
});
