import { describe, expect, it } from 'vitest';
import { formatSynonyms, parseSynonyms } from './synonyms-text';

describe('synonyms text', () => {
  it('round-trips a map as sorted lines `term: syn1, syn2`', () => {
    const map = { kliko: ['container', 'minicontainer'], gba: ['brp'], 'id kaart': ['identiteitskaart'] };
    const text = formatSynonyms(map);
    expect(text).toBe('gba: brp\nid kaart: identiteitskaart\nkliko: container, minicontainer');
    expect(parseSynonyms(text)).toEqual({ ok: true, synonyms: map });
  });

  it('normalises case and spaces, drops empty and duplicate words, skips blank and # lines', () => {
    expect(parseSynonyms('# afval\n\n  Kliko :  Container, , container ,GFT-bak\n')).toEqual({
      ok: true,
      synonyms: { kliko: ['container', 'gft-bak'] },
    });
  });

  it('reports every bad line with its number in Dutch', () => {
    const result = parseSynonyms(
      [
        'kliko container',
        ': brp',
        'een twee drie vier vijf: x',
        'gba:',
        'wob: woo',
        'wob: openbaarheid',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 1, message: 'Er staat geen dubbele punt in. Schrijf: woord: synoniem1, synoniem2' },
        { line: 2, message: 'Het woord vóór de dubbele punt ontbreekt.' },
        { line: 3, message: '"een twee drie vier vijf" heeft meer dan 4 woorden.' },
        { line: 4, message: 'Na de dubbele punt staat geen synoniem.' },
        { line: 6, message: '"wob" staat al op een eerdere regel.' },
      ],
    });
    const many = `veel: ${Array.from({ length: 21 }, (_, i) => `w${i}`).join(', ')}`;
    expect(parseSynonyms(many)).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'Meer dan 20 synoniemen op één regel.' }],
    });
  });
});
