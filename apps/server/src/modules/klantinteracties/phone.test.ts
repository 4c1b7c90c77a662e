import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPhone, isValidKlantinteractiesPhone, KLANTINTERACTIES_PHONE_PATTERN } from './phone';

describe('canonicalPhone', () => {
  it.each([
    ['+31 6 1234 5678', '0612345678'],
    ['+31612345678', '0612345678'],
    ['0031612345678', '0612345678'],
    ['0031 6 12345678', '0612345678'],
    ['06-12345678', '0612345678'],
    ['06 12 34 56 78', '0612345678'],
    ['(06) 123 456 78', '0612345678'],
    ['+31 (0)6 12345678', '0612345678'],
    ['+31 06 12345678', '0612345678'],
    ['0612345678', '0612345678'],
    ['020-1234567', '0201234567'],
    ['+31 20 123 4567', '0201234567'],
    ['088 123 4567', '0881234567'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0032470123456', '+32470123456'],
    ['+49 30 1234567', '+49301234567'],
    ['001234567', '001234567'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalPhone(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['0800-1234', 'free service number'],
    ['0900 1234567', 'paid service number'],
    ['08001234567', 'free service number (11 digits)'],
    ['14 020', 'municipal short number'],
    ['06-1234567', 'one digit short'],
    ['061234567890', 'too long'],
    ['+31 6 1234567', 'Dutch number one digit short'],
    ['+12345', 'too short international'],
    ['06-12345678 ext 3', 'letters'],
    ['anoniem', 'not a number'],
    ['+', 'only a plus'],
    ['+31 0000000000', 'zeros after the Dutch country code'],
    ['+0612345678', 'country code starting with 0'],
  ])('refuses %s (%s)', (input) => {
    expect(canonicalPhone(input)).toBeUndefined();
  });

  it('always returns a form the Klantinteracties pattern accepts, and is idempotent', () => {
    const phoneLike = fc
      .tuple(
        fc.constantFrom('', '+', '00', '0', '+31 ', '0031', '+31 (0)'),
        fc.array(fc.constantFrom(...'0123456789 -.'.split('')), { minLength: 0, maxLength: 20 }),
      )
      .map(([prefix, chars]) => prefix + chars.join(''));
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string({ maxLength: 30 })), (input) => {
        const c = canonicalPhone(input);
        if (c === undefined) return;
        expect(c).toMatch(KLANTINTERACTIES_PHONE_PATTERN);
        expect(isValidKlantinteractiesPhone(c)).toBe(true);
        expect(canonicalPhone(c)).toBe(c);
      }),
      { numRuns: 2000 },
    );
  });

  it('maps every notation of one Dutch mobile number to the same canonical form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const rest = String(n).padStart(8, '0');
        const variants = [
          `06${rest}`,
          `06-${rest}`,
          `+316${rest}`,
          `+31 6 ${rest.slice(0, 4)} ${rest.slice(4)}`,
          `00316${rest}`,
        ];
        const forms = new Set(variants.map(canonicalPhone));
        expect([...forms]).toEqual([`06${rest}`]);
      }),
    );
  });
});

describe('isValidKlantinteractiesPhone', () => {
  it('follows the spec: 0612345678, +31612345678 and 0031612345678 are allowed; 0800/0900 not', () => {
    expect(isValidKlantinteractiesPhone('0612345678')).toBe(true);
    expect(isValidKlantinteractiesPhone('+31612345678')).toBe(true);
    expect(isValidKlantinteractiesPhone('0031612345678')).toBe(true);
    expect(isValidKlantinteractiesPhone('0800123456')).toBe(false);
    expect(isValidKlantinteractiesPhone('0900123456')).toBe(false);
    expect(isValidKlantinteractiesPhone('06-12345678')).toBe(false);
  });
});
