/**
 * Phone numbers in one canonical form, so that `+31 6 1234 5678`, `0031612345678` and `06-12345678`
 * are stored and matched as the same number.
 *
 * Canonical form (always accepted by the Klantinteracties pattern `^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$`):
 * - Dutch numbers (country code 31, or a national number starting with one 0): national `0XXXXXXXXX`.
 * - Foreign numbers: `+<country code><number>`; the few that are too short for the `+` branch (7–8 digits) stay `00…`.
 */
export const KLANTINTERACTIES_PHONE_PATTERN = /^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$/;

/**
 * Dutch service numbers that Open Klant refuses as a resident's number (0800, 0900, 0906, 0909).
 * Municipal 14xxx numbers are too short for the pattern anyway.
 */
const SERVICE_PREFIXES = /^(0800|0900|0906|0909)/;

export function canonicalPhone(input: string): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  let s = input.trim();
  if (s === '') return undefined;
  // "+31 (0)6 …" — the trunk zero in brackets is not dialled after a country code.
  s = s.replace(/^(\+|00)(\d{1,3})\s*\(0\)/, '$1$2');
  if (!/^\+?[0-9\s\-./()]+$/.test(s)) return undefined;
  const international = s.startsWith('+');
  const digits = s.replace(/\D/g, '');

  let rest: string | undefined;
  if (international) rest = digits;
  else if (digits.startsWith('00')) rest = digits.slice(2);

  let canonical: string;
  if (rest !== undefined) {
    // Country codes never start with 0.
    if (rest.startsWith('0')) return undefined;
    if (rest.startsWith('31')) {
      // "+31 06 …" (trunk zero written after the country code) is a common notation of the same number.
      canonical = '0' + rest.slice(2).replace(/^0/, '');
      if (!/^0[1-9][0-9]{8}$/.test(canonical)) return undefined;
    } else if (rest.length >= 9 && rest.length <= 15) {
      canonical = '+' + rest;
    } else if (rest.length >= 7 && rest.length <= 8) {
      canonical = '00' + rest;
    } else {
      return undefined;
    }
  } else {
    canonical = digits;
  }
  if (!KLANTINTERACTIES_PHONE_PATTERN.test(canonical)) return undefined;
  if (SERVICE_PREFIXES.test(canonical)) return undefined;
  return canonical;
}

/** What Open Klant itself accepts in `DigitaalAdres.adres` for soort `telefoonnummer` (pattern, no service numbers). */
export function isValidKlantinteractiesPhone(adres: string): boolean {
  if (!KLANTINTERACTIES_PHONE_PATTERN.test(adres)) return false;
  return !SERVICE_PREFIXES.test(adres);
}
