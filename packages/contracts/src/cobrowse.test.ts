import { describe, expect, it } from 'vitest';
import { maskPersonalNumbers } from './cobrowse-mask';

describe('maskPersonalNumbers', () => {
  it('masks a BSN that passes the 11-proef, also grouped', () => {
    expect(maskPersonalNumbers('BSN 111222333 klopt')).toBe('BSN ••••••••• klopt');
    expect(maskPersonalNumbers('BSN 111 222 333.')).toBe('BSN ••• ••• •••.');
    expect(maskPersonalNumbers('1112.22.333')).toBe('•••••••••••');
  });

  it('leaves 9 digits that fail the 11-proef and longer numbers alone', () => {
    expect(maskPersonalNumbers('order 123456789')).toBe('order 123456789');
    expect(maskPersonalNumbers('tel 0612345678')).toBe('tel 0612345678');
    expect(maskPersonalNumbers('1111222333')).toBe('1111222333');
  });

  it('masks an IBAN passing mod-97, compact or in groups, and keeps the words after it', () => {
    expect(maskPersonalNumbers('IBAN NL91ABNA0417164300 graag')).toBe('IBAN •••••••••••••••••• graag');
    expect(maskPersonalNumbers('NL91 ABNA 0417 1643 00 en')).toBe('•••• •••• •••• •••• •• en');
    expect(maskPersonalNumbers('nl91abna0417164300')).toBe('••••••••••••••••••');
  });

  it('leaves an IBAN-shaped string with a wrong check alone', () => {
    expect(maskPersonalNumbers('NL92ABNA0417164300')).toBe('NL92ABNA0417164300');
  });
});
