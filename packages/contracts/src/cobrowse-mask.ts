/**
 * Masking of personal numbers in text, shared by the widget's recorder (in the browser, before anything is sent)
 * and the tests. No zod here: the widget's recorder chunk imports it.
 */

/** 11-proef (BSN: weights 9..2 and -1). */
function elevenProof(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && digits !== '000000000';
}

/** ISO 13616 mod-97 check on an IBAN without spaces. */
function ibanMod97(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

// 9 digits, optionally grouped with spaces or dots (123 456 782, 1234.56.782), not part of a longer number.
const BSN_LIKE = /(?<![0-9])[0-9](?:[ .]?[0-9]){8}(?![0-9])/g;
// Two letters, two check digits, then letters/digits: compact, or in groups of 4 separated by spaces.
const IBAN_LIKE = /\b[A-Za-z]{2}[0-9]{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{1,4}){3,8})\b/g;

/** The longest leading run of space-separated groups that is an IBAN, or undefined. */
function ibanPrefix(match: string): string | undefined {
  const groups = match.split(' ');
  for (let n = groups.length; n >= 1; n--) {
    const candidate = groups.slice(0, n).join(' ');
    const compact = candidate.replace(/ /g, '').toUpperCase();
    if (compact.length >= 15 && compact.length <= 34 && ibanMod97(compact)) return candidate;
  }
  return undefined;
}

/** Replace every BSN (passing the 11-proef) and IBAN (passing mod-97) in a text by `•` of the same length. */
export function maskPersonalNumbers(text: string): string {
  if (text.length < 9 || !/[0-9]/.test(text)) return text;
  const hide = (m: string) => m.replace(/[^ ]/g, '•');
  return text
    .replace(IBAN_LIKE, (m) => {
      const iban = ibanPrefix(m);
      return iban === undefined ? m : hide(iban) + m.slice(iban.length);
    })
    .replace(BSN_LIKE, (m) => (elevenProof(m.replace(/[ .]/g, '')) ? hide(m) : m));
}
