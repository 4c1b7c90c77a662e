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

const WORD = /[\p{L}\p{N}]+(?:['’.\-/][\p{L}\p{N}]+)*/gu;
const APOSTROPHES = /['’]/g;

/** Splits folded text into word tokens. Handles hyphens (id-kaart), abbreviations (o.a., b.v.), numbers (1.000, 18). */
export function tokenize(text: string): RawToken[] {
  const folded = fold(text);
  const out: RawToken[] = [];
  let position = 0;
  for (const match of folded.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    const end = start + raw.length;
    const word = raw.replace(APOSTROPHES, '');
    if (!/[.\-/]/.test(word)) {
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
