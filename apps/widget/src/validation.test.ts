import { describe, expect, it } from 'vitest';
import { TEXTS } from './texts';
import { callbackWindow, checkMessage, isEmail, isPhone } from './validation';

describe('validation', () => {
  it.each([
    ['jan@example.nl', true],
    ['j.de.vries+kcc@gemeente.voorbeeld.nl', true],
    ['jan@', false],
    ['jan@example', false],
    ['jan example@x.nl', false],
    ['', false],
  ])('isEmail(%j) is %s', (value, expected) => expect(isEmail(value)).toBe(expected));

  it.each([
    ['06 12345678', true],
    ['+31 6 12345678', true],
    ['(010) 123-4567', true],
    ['12345', false],
    ['06-1234abcd', false],
    ['0612345678\t', false],
  ])('isPhone(%j) is %s', (value, expected) => expect(isPhone(value)).toBe(expected));

  it('checks message length at the contract limit', () => {
    expect(checkMessage('')).toEqual({ field: 'text', message: TEXTS.emptyMessage });
    expect(checkMessage('x'.repeat(2000))).toBeNull();
    expect(checkMessage('x'.repeat(2001))).toEqual({ field: 'text', message: TEXTS.tooLong });
  });

  describe('callbackWindow', () => {
    const now = new Date(2026, 2, 2, 12, 0);
    it('turns a local day and times into ISO instants', () => {
      expect(callbackWindow('2026-03-03', '09:00', '10:30', now)).toEqual({
        window: {
          voorkeurVan: new Date(2026, 2, 3, 9, 0).toISOString(),
          voorkeurTot: new Date(2026, 2, 3, 10, 30).toISOString(),
        },
      });
    });
    it('accepts a window that is still running today', () => {
      expect('window' in callbackWindow('2026-03-02', '11:00', '13:00', now)).toBe(true);
    });
    it.each([
      ['', '09:00', '10:00', 'date', TEXTS.callbackWindowRequired],
      ['2026-02-31', '09:00', '10:00', 'date', TEXTS.callbackWindowRequired],
      ['2026-03-03', '25:00', '26:00', 'date', TEXTS.callbackWindowRequired],
      ['2026-03-03', '10:00', '10:00', 'to', TEXTS.callbackWindowOrder],
      ['2026-03-02', '09:00', '11:00', 'date', TEXTS.callbackWindowPast],
    ])('refuses %s %s–%s', (date, from, to, field, message) => {
      expect(callbackWindow(date, from, to, now)).toEqual({ error: { field, message } });
    });
  });
});
