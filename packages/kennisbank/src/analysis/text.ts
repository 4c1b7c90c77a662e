/** Lower-casing, diacritic folding and tokenisation that keep character offsets (for highlighting). */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const foldCache = new Map<string, string>();

/** Folds one UTF-16 code unit: lower case without diacritics, always exactly one code unit. */
function foldChar(c: string): string {
  const cached = foldCache.get(c);
  if (cached !== undefined) return cached;
  let out = c.toLowerCase();
  if (out.length !== 1) out = c;
  const stripped = out.normalize('NFD').replace(COMBINING_MARKS, '');
  if (stripped.length === 1) out = stripped;
  if (foldCache.size < 10_000) foldCache.set(c, out);
  return out;
}

/** Lower case + diacritic folding; the result has the same length as the input. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  const out = text.replace(/[^\x00-\x7f]/g, foldChar).toLowerCase();
  if (out.length === text.length) return out;
  let slow = '';
  for (let i = 0; i < text.length; i++) slow += foldChar(text[i]!);
  return slow;
}

export interface RawToken {
  /** folded word as used for stemming and matching */
  surface: string;
  /** offsets in the original text */
  start: number;
  end: number;
  position: number;
  /** a part of a hyphenated word (id-kaart → id, kaart) */
  part?: boolean;
  /** the joined form of a hyphenated word (idkaart), at the position of its first part */
  joined?: boolean;
}

/** Letter or digit per BMP code unit, filled lazily: 0 unknown, 1 yes, 2 no. */
const WORD_CHAR_CACHE = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Length (1 or 2 code units) of the letter or digit at `i`, or 0 when there is none. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
    return 0;
  }
  let known = WORD_CHAR_CACHE[c]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CHAR_CACHE[c] = known;
  }
  return known === 1 ? 1 : 0;
}

/** Length of the run of letters and digits starting at `i`. */
function wordRun(text: string, i: number): number {
  let j = i;
  for (;;) {
    const w = wordCharAt(text, j);
    if (w === 0) return j - i;
    j += w;
  }
}

const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const isConnector = (c: number): boolean =>
  c === APOSTROPHE || c === RIGHT_QUOTE || c === 46 /* . */ || c === 45 /* - */ || c === 47; /* / */
const APOSTROPHES = /['’]/g;

/**
 * Splits folded text into word tokens. Handles hyphens (id-kaart), abbreviations (o.a., b.v.), numbers (1.000, 18).
 * A word is a run of letters and digits, joined by ' ’ . - or / to further runs (the regular expression
 * `[\p{L}\p{N}]+(?:['’.\-/][\p{L}\p{N}]+)*`), found by a hand-written scanner because this runs for every
 * indexed text and every snippet. `maxWords` stops after that many words (hyphen parts count, joined forms not).
 */
export function tokenize(text: string, maxWords = Number.POSITIVE_INFINITY): RawToken[] {
  const folded = fold(text);
  const out: RawToken[] = [];
  let position = 0;
  const n = folded.length;
  let i = 0;
  while (i < n && position < maxWords) {
    const run = wordRun(folded, i);
    if (run === 0) {
      i++;
      continue;
    }
    const start = i;
    let end = i + run;
    let apostrophe = false;
    let separator = false;
    while (end < n) {
      const c = folded.charCodeAt(end);
      if (!isConnector(c)) break;
      const next = wordRun(folded, end + 1);
      if (next === 0) break;
      if (c === APOSTROPHE || c === RIGHT_QUOTE) apostrophe = true;
      else separator = true;
      end += 1 + next;
    }
    i = end;
    const raw = folded.slice(start, end);
    const word = apostrophe ? raw.replace(APOSTROPHES, '') : raw;
    if (!separator) {
      out.push({ surface: word, start, end, position: position++ });
      continue;
    }
    const segments = word.split(/[.\-/]/).filter((s) => s.length > 0);
    const dotted = word.includes('.') && !word.includes('-') && !word.includes('/');
    if (dotted && (segments.every((s) => s.length === 1) || segments.every((s) => /^\d+$/.test(s)))) {
      // abbreviation (o.a. → oa) or a number with thousands separators (1.000 → 1000)
      out.push({ surface: segments.join(''), start, end, position: position++ });
      continue;
    }
    const joined = word.includes('-') && !dotted ? segments.join('') : undefined;
    let offset = start;
    const firstPosition = position;
    for (const segment of segments) {
      const segStart = folded.indexOf(segment, offset);
      const s = segStart >= 0 && segStart < end ? segStart : offset;
      offset = s + segment.length;
      out.push({
        surface: segment,
        start: s,
        end: s + segment.length,
        position: position++,
        ...(joined ? { part: true } : {}),
      });
    }
    if (joined && segments.length > 1)
      out.push({ surface: joined, start, end, position: firstPosition, joined: true });
  }
  return out;
}

/**
 * Character offset of word `index` of `text` (words counted as `tokenize` counts them: hyphen parts each,
 * joined forms not), or -1 when the text has fewer words. Allocates nothing for plain words.
 */
export function wordOffset(text: string, index: number): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const run = wordRun(text, i);
    if (run === 0) {
      i++;
      continue;
    }
    const start = i;
    let end = i + run;
    let separator = false;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (!isConnector(c)) break;
      const next = wordRun(text, end + 1);
      if (next === 0) break;
      if (c !== APOSTROPHE && c !== RIGHT_QUOTE) separator = true;
      end += 1 + next;
    }
    i = end;
    if (!separator) {
      if (count === index) return start;
      count++;
      continue;
    }
    // a word with . - or /: as many words as tokenize makes of it
    const words = tokenize(text.slice(start, end)).filter((t) => !t.joined);
    if (index < count + words.length) return start + words[index - count]!.start;
    count += words.length;
  }
  return -1;
}
