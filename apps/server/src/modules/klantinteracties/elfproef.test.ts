import { describe, expect, it } from 'vitest';
import { isValidBsn } from './elfproef';
import { DEMO_RESIDENTS } from './seed-demo';

describe('isValidBsn (11-proef)', () => {
  it('accepts the BRP test BSNs used in the demo data', () => {
    for (const r of DEMO_RESIDENTS) expect(isValidBsn(r.bsn), r.bsn).toBe(true);
    expect(isValidBsn('111222333')).toBe(true);
  });

  it('refuses a BSN with one digit changed or two digits swapped', () => {
    expect(isValidBsn('999993654')).toBe(false);
    expect(isValidBsn('999996353')).toBe(false);
    expect(isValidBsn('123456789')).toBe(false);
  });

  it('refuses wrong lengths, non-digits and all zeros', () => {
    expect(isValidBsn('99999365')).toBe(false);
    expect(isValidBsn('9999936530')).toBe(false);
    expect(isValidBsn('99999365a')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
  });
});
