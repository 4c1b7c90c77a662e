import { describe, expect, it } from 'vitest';
import { onderscheidTekst } from './onderscheid-tekst';

describe('onderscheidTekst', () => {
  it('says year of birth and street with woonplaats, leaving out what is unknown', () => {
    expect(
      onderscheidTekst({
        onderscheid: { geboortejaar: 1961, straat: 'Kerkstraat', woonplaats: 'Voorbeeldstad' },
      }),
    ).toBe('Geboren in 1961 · Kerkstraat, Voorbeeldstad');
    expect(onderscheidTekst({ onderscheid: { woonplaats: 'Voorbeeldstad' } })).toBe('Voorbeeldstad');
    expect(onderscheidTekst({ onderscheid: { geboortejaar: 1995 } })).toBe('Geboren in 1995');
    expect(onderscheidTekst({})).toBe('');
  });
});
