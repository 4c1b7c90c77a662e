import { describe, expect, it } from 'vitest';
import type { PersoonIdentiteit } from '@kcc/contracts/klantbeeld';
import { antwoordenKloppen, huisnummerUit, postcodeUit } from './verificatie';

const brp: PersoonIdentiteit = {
  soort: 'persoon',
  bsn: '999993653',
  naam: { volledigeNaam: 'Fatima El Amrani' },
  geboortedatum: '1984-03-12',
  adresregels: ['Lindelaan 4 A', '1234 AB  VOORBEELDSTAD'],
  geheimhouding: false,
  opgeschort: false,
  gebruik: 'alleen ter verificatie',
};

describe('verification answers against the BRP', () => {
  it('reads postcode and huisnummer from the BRP address lines', () => {
    expect(postcodeUit(brp.adresregels)).toBe('1234AB');
    expect(huisnummerUit(brp.adresregels)).toBe(4);
    expect(huisnummerUit(['Dorpsweg 12-2', '7311 AB  APELDOORN'])).toBe(12);
    expect(huisnummerUit(['2e Oosterparkstraat 101', '1091 GZ  AMSTERDAM'])).toBe(101);
    expect(huisnummerUit([])).toBeUndefined();
  });

  it('needs all three answers right; postcode spacing and case do not matter', () => {
    const goed = { geboortedatum: '1984-03-12', postcode: '1234ab', huisnummer: 4 };
    expect(antwoordenKloppen(brp, goed)).toBe(true);
    expect(antwoordenKloppen(brp, { ...goed, postcode: '1234 AB' })).toBe(true);
    expect(antwoordenKloppen(brp, { ...goed, geboortedatum: '1984-12-03' })).toBe(false);
    expect(antwoordenKloppen(brp, { ...goed, postcode: '1234AC' })).toBe(false);
    expect(antwoordenKloppen(brp, { ...goed, huisnummer: 40 })).toBe(false);
  });

  it('never matches when the BRP lacks the data', () => {
    const leeg = { ...brp, adresregels: [] };
    const { geboortedatum: _g, ...zonderDatum } = brp;
    const goed = { geboortedatum: '1984-03-12', postcode: '1234AB', huisnummer: 4 };
    expect(antwoordenKloppen(leeg, goed)).toBe(false);
    expect(antwoordenKloppen(zonderDatum, goed)).toBe(false);
  });
});
