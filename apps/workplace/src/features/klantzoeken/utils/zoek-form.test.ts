import { describe, expect, it } from 'vitest';
import {
  EMPTY_VALUES,
  fieldOfParam,
  normalizePostcode,
  parseDatum,
  validateZoek,
  zoekParams,
} from './zoek-form';

const TODAY = new Date('2026-11-23T12:00:00Z');

describe('zoek-form', () => {
  it('parses Dutch and ISO dates and refuses impossible ones', () => {
    expect(parseDatum('07-07-1970')).toBe('1970-07-07');
    expect(parseDatum('7/7/1970')).toBe('1970-07-07');
    expect(parseDatum('1970-07-07')).toBe('1970-07-07');
    expect(parseDatum('31-02-1970')).toBeUndefined();
    expect(parseDatum('1970')).toBeUndefined();
  });

  it('normalises postcodes', () => {
    expect(normalizePostcode('1234 ab')).toBe('1234AB');
    expect(normalizePostcode('0123AB')).toBeUndefined();
    expect(normalizePostcode('12345')).toBeUndefined();
  });

  it('checks only the fields of the chosen search, and the purpose when no contact is open', () => {
    expect(validateZoek('persoon', 'bsn', EMPTY_VALUES, { doelNodig: true }, TODAY)).toEqual({
      bsn: 'Vul het BSN in.',
      doel: 'Kies een doel. Zonder doel mag u geen gegevens van inwoners inzien.',
    });
    expect(
      validateZoek('persoon', 'bsn', { ...EMPTY_VALUES, bsn: '123' }, { doelNodig: false }, TODAY),
    ).toEqual({
      bsn: 'Een BSN heeft 9 cijfers.',
    });
    expect(
      validateZoek('persoon', 'bsn', { ...EMPTY_VALUES, bsn: '999993654' }, { doelNodig: false }, TODAY).bsn,
    ).toBe('Dit BSN klopt niet. Controleer het nummer.');
    expect(
      validateZoek(
        'persoon',
        'naam',
        { ...EMPTY_VALUES, geslachtsnaam: 'Jansen', geboortedatum: '01-01-2030' },
        { doelNodig: false },
        TODAY,
      ),
    ).toEqual({ geboortedatum: 'Deze datum ligt in de toekomst.' });
    expect(
      validateZoek(
        'persoon',
        'adres',
        { ...EMPTY_VALUES, postcode: '1234', huisnummer: '4a' },
        { doelNodig: false },
        TODAY,
      ),
    ).toEqual({
      postcode: 'Vul een postcode in zoals 1234 AB.',
      huisnummer: 'Vul alleen het nummer in, zonder letter of toevoeging.',
    });
    expect(
      validateZoek(
        'organisatie',
        'kvkNummer',
        { ...EMPTY_VALUES, kvkNummer: '9000567' },
        { doelNodig: false },
        TODAY,
      ),
    ).toEqual({ kvkNummer: 'Een KvK-nummer heeft 8 cijfers.' });
    expect(
      validateZoek(
        'organisatie',
        'naam',
        { ...EMPTY_VALUES, naam: 'Bakkerij', doel: 'klantvraag_zonder_contact' },
        { doelNodig: true },
        TODAY,
      ),
    ).toEqual({});
  });

  it('sends only the fields of the search plus the purpose, normalised', () => {
    const values = {
      ...EMPTY_VALUES,
      bsn: '999993653',
      geslachtsnaam: 'Jansen',
      geboortedatum: '7-7-1970',
      postcode: '1234 ab',
      huisnummer: '6',
    };
    expect(zoekParams('persoon', 'naam', values, { doel: 'klantvraag_zonder_contact' }).toString()).toBe(
      'geslachtsnaam=Jansen&geboortedatum=1970-07-07&doel=klantvraag_zonder_contact',
    );
    expect(zoekParams('persoon', 'adres', values, { contactId: 'c-1' }).toString()).toBe(
      'postcode=1234AB&huisnummer=6&contactId=c-1',
    );
  });

  it('maps server parameter names to the visible fields', () => {
    expect(fieldOfParam('query.bsn', ['bsn', 'doel'])).toBe('bsn');
    expect(fieldOfParam('query.doel', ['bsn', 'doel'])).toBe('doel');
    expect(fieldOfParam('query.doel', ['bsn'])).toBeUndefined();
    expect(fieldOfParam('query.contactId', ['bsn'])).toBeUndefined();
  });
});
