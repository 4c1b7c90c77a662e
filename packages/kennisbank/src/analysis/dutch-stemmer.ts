/**
 * The Snowball Dutch stemmer (the classic `dutch.sbl` algorithm that Lucene/Elasticsearch ship as
 * the "dutch" snowball language), implemented directly on strings.
 * Input is expected lower-cased; accents are folded here as in the Snowball prelude.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'è']);
const ACCENTS: Record<string, string> = {
  ä: 'a',
  ë: 'e',
  ï: 'i',
  ö: 'o',
  ü: 'u',
  á: 'a',
  é: 'e',
  í: 'i',
  ó: 'o',
  ú: 'u',
};

const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

/** Marks i between vowels and y after a vowel (or at the start) as consonants (I, Y). */
function prelude(word: string): string[] {
  const chars = Array.from(word, (c) => ACCENTS[c] ?? c);
  if (chars[0] === 'y') chars[0] = 'Y';
  for (let i = 1; i < chars.length; i++) {
    if (!isVowel(chars[i - 1])) continue;
    if (chars[i] === 'i' && isVowel(chars[i + 1])) chars[i] = 'I';
    else if (chars[i] === 'y') chars[i] = 'Y';
  }
  return chars;
}

function markRegions(chars: string[]): { p1: number; p2: number } {
  const n = chars.length;
  const afterVowelConsonant = (from: number): number => {
    let i = from;
    while (i < n && !isVowel(chars[i])) i++;
    if (i >= n) return n;
    while (i < n && isVowel(chars[i])) i++;
    if (i >= n) return n;
    return i + 1;
  };
  const rawP1 = afterVowelConsonant(0);
  const p2 = rawP1 >= n ? n : afterVowelConsonant(rawP1);
  return { p1: Math.max(rawP1, 3), p2 };
}

class StemState {
  eFound = false;
  constructor(
    public w: string[],
    public readonly p1: number,
    public readonly p2: number,
  ) {}

  endsWith(suffix: string): boolean {
    const start = this.w.length - suffix.length;
    if (start < 0) return false;
    for (let i = 0; i < suffix.length; i++) if (this.w[start + i] !== suffix[i]) return false;
    return true;
  }

  /** The longest suffix of `suffixes` the word ends with. */
  longest(suffixes: readonly string[]): string | undefined {
    let best: string | undefined;
    for (const s of suffixes) if (this.endsWith(s) && (!best || s.length > best.length)) best = s;
    return best;
  }

  cut(count: number): void {
    this.w = this.w.slice(0, this.w.length - count);
  }

  undouble(): void {
    if (this.endsWith('kk') || this.endsWith('dd') || this.endsWith('tt')) this.cut(1);
  }

  /** Deletes a final e in R1 after a consonant, then undoubles. */
  eEnding(): void {
    this.eFound = false;
    const pos = this.w.length - 1;
    if (this.w[pos] !== 'e' || pos < this.p1) return;
    if (isVowel(this.w[pos - 1]) || pos - 1 < 0) return;
    this.cut(1);
    this.eFound = true;
    this.undouble();
  }

  /** Deletes a final `en` (length `len`) in R1 after a consonant, not after `gem`, then undoubles. */
  enEnding(len: number): boolean {
    const start = this.w.length - len;
    if (start < this.p1) return false;
    const before = this.w[start - 1];
    if (before === undefined || isVowel(before)) return false;
    if (start >= 3 && this.w.slice(start - 3, start).join('') === 'gem') return false;
    this.cut(len);
    this.undouble();
    return true;
  }
}

export function dutchStem(input: string): string {
  if (input.length < 3) return input;
  const chars = prelude(input);
  const { p1, p2 } = markRegions(chars);
  const s = new StemState(chars, p1, p2);

  // Step 1
  const step1 = s.longest(['heden', 'en', 'ene', 's', 'se']);
  if (step1 === 'heden') {
    if (s.w.length - 5 >= s.p1) s.w = [...s.w.slice(0, s.w.length - 5), 'h', 'e', 'i', 'd'];
  } else if (step1 === 'en' || step1 === 'ene') {
    s.enEnding(step1.length);
  } else if (step1 === 's' || step1 === 'se') {
    const start = s.w.length - step1.length;
    const before = s.w[start - 1];
    if (start >= s.p1 && before !== undefined && !isVowel(before) && before !== 'j') s.cut(step1.length);
  }

  // Step 2
  s.eEnding();

  // Step 3a
  if (s.endsWith('heid')) {
    const start = s.w.length - 4;
    if (start >= s.p2 && s.w[start - 1] !== 'c') {
      s.cut(4);
      if (s.endsWith('en')) s.enEnding(2);
    }
  }

  // Step 3b
  const step3 = s.longest(['end', 'ing', 'ig', 'lijk', 'baar', 'bar']);
  if (step3) {
    const start = s.w.length - step3.length;
    if (start >= s.p2) {
      if (step3 === 'end' || step3 === 'ing') {
        s.cut(step3.length);
        const igStart = s.w.length - 2;
        if (s.endsWith('ig') && igStart >= s.p2 && s.w[igStart - 1] !== 'e') s.cut(2);
        else s.undouble();
      } else if (step3 === 'ig') {
        if (s.w[start - 1] !== 'e') s.cut(2);
      } else if (step3 === 'lijk') {
        s.cut(4);
        s.eEnding();
      } else if (step3 === 'baar') {
        s.cut(4);
      } else if (step3 === 'bar' && s.eFound) {
        s.cut(3);
      }
    }
  }

  // Step 4: undouble a vowel in a final consonant-double vowel-consonant.
  const n = s.w.length;
  if (n >= 4) {
    const last = s.w[n - 1]!;
    const v1 = s.w[n - 2]!;
    const v2 = s.w[n - 3]!;
    const c = s.w[n - 4]!;
    if (!isVowel(last) && last !== 'I' && v1 === v2 && 'aeou'.includes(v1) && !isVowel(c)) {
      s.w.splice(n - 2, 1);
    }
  }

  return s.w.join('').replace(/I/g, 'i').replace(/Y/g, 'y');
}
