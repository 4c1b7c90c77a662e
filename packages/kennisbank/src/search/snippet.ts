import type { RawToken } from '../analysis/text';
import { tokenize, wordOffset } from '../analysis/text';

const MAX_SNIPPET_CHARS = 220;
const WINDOW_TOKENS = 28;
/** Tokens shown before the first match of the chosen window. */
const LEAD_TOKENS = 4;
/** Snippets come from the start of long texts (where the answer usually is). */
export const MAX_SNIPPET_SOURCE_CHARS = 3_000;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2028;
/** Anything `show` has to change: an HTML special character, whitespace other than a space, or two spaces. */
const NEEDS_WORK = /[&<>"']|[^\S ]| {2}/;
/** Escaped, with runs of whitespace shown as one space. */
const show = (text: string): string => (NEEDS_WORK.test(text) ? escapeHtml(text).replace(/\s+/g, ' ') : text);
/**
 * What the index already knows about the words of a text: the term id of each word in order (maybe fewer
 * than the text has) and whether a term id matches the query. Lets a snippet pick its window without
 * tokenising and stemming the whole text.
 */
export interface KnownWords {
  ids: Int32Array;
  /** false when the text may have more words than `ids` (the index keeps a capped number per document) */
  complete: boolean;
  matches(id: number): boolean;
}

/**
 * The window with the most distinct matched keys (the earliest on a tie, the start when nothing matches),
 * found in one pass with a sliding count.
 */
function bestWindow(matched: Uint8Array, keyOf: (i: number) => string | number): number {
  const n = matched.length;
  const inWindow = new Map<string | number, number>();
  const enter = (j: number): void => {
    if (j < n && matched[j]) {
      const key = keyOf(j);
      inWindow.set(key, (inWindow.get(key) ?? 0) + 1);
    }
  };
  for (let j = 0; j < Math.min(n, WINDOW_TOKENS); j++) enter(j);
  let bestStart = 0;
  let bestScore = -1;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (matched[i - 1]) {
        const key = keyOf(i - 1);
        const count = inWindow.get(key)! - 1;
        if (count === 0) inWindow.delete(key);
        else inWindow.set(key, count);
      }
      enter(i + WINDOW_TOKENS - 1);
    }
    if (!matched[i] && i !== 0) continue;
    const score = inWindow.size * 10 - (i === 0 ? 0 : 1);
    if (score > bestScore) {
      bestScore = score;
      bestStart = i;
    }
  }
  return bestStart;
}

/**
 * An HTML-escaped excerpt of `text` around the densest cluster of matched words (among the first 3,000
 * characters), each match wrapped in `<mark>`. `isMatch` gets a folded word (the caller decides by stem and
 * compound parts, and caches). With `known`, the window is chosen from the index's term ids of the words
 * and only the text up to the excerpt is tokenised.
 */
export function makeSnippet(text: string, isMatch: (surface: string) => boolean, known?: KnownWords): string {
  const source = text.slice(0, MAX_SNIPPET_SOURCE_CHARS);
  let begin = 0;
  while (begin < source.length && isSpace(source.charCodeAt(begin))) begin++;
  let finish = source.length;
  while (finish > begin && isSpace(source.charCodeAt(finish - 1))) finish--;
  if (finish <= begin) return '';

  let bestStart: number;
  let matchedAt: (i: number, surface: string) => boolean;
  /** every word of the source, when it had to be tokenised in full */
  let all: RawToken[] | undefined;
  if (known && known.complete && known.ids.length > 0) {
    const { ids } = known;
    const flags = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) if (known.matches(ids[i]!)) flags[i] = 1;
    bestStart = bestWindow(flags, (i) => ids[i]!);
    matchedAt = (i, surface) => (i < flags.length ? flags[i] === 1 : isMatch(surface));
  } else {
    const words = wordsOf(source);
    const ids = known?.ids ?? new Int32Array(0);
    const flags = new Uint8Array(words.length);
    // known ids for the first words (if any), the word itself for the rest
    for (let i = 0; i < words.length; i++)
      if (i < ids.length ? known!.matches(ids[i]!) : isMatch(words[i]!.surface)) flags[i] = 1;
    bestStart = bestWindow(flags, (i) => (i < ids.length ? ids[i]! : words[i]!.surface));
    matchedAt = (i) => flags[i] === 1;
    all = words;
  }

  // start a little before the first match, on a word boundary
  let firstWord = Math.max(0, bestStart - LEAD_TOKENS);
  let from = begin;
  if (firstWord > 0) {
    const start = all ? (all[firstWord]?.start ?? -1) : wordOffset(source, firstWord);
    if (start >= 0) from = start;
    else firstWord = 0;
  }
  let to = Math.min(finish, from + MAX_SNIPPET_CHARS);
  if (to < finish) {
    let space = to;
    while (space > from + 40 && !isSpace(source.charCodeAt(space))) space--;
    if (space > from + 40) to = space;
    while (to > from && isSpace(source.charCodeAt(to - 1))) to--;
  }

  // the words of the excerpt: tokenised from `from` (a word start), two characters past `to` so a word
  // that runs on past the end is seen as such
  const excerpt = all ? all.slice(firstWord) : wordsOf(source.slice(from, to + 2));
  const base = all ? 0 : from; // excerpt offsets are relative to `from` when tokenised on their own
  let html = from > begin ? '… ' : '';
  let cursor = from;
  for (let k = 0; k < excerpt.length; k++) {
    const t = excerpt[k]!;
    const start = t.start + base;
    const end = t.end + base;
    if (end > to) break;
    if (!matchedAt(firstWord + k, t.surface)) continue;
    html += show(source.slice(cursor, start)) + '<mark>' + escapeHtml(source.slice(start, end)) + '</mark>';
    cursor = end;
  }
  html += show(source.slice(cursor, to));
  if (to < finish) html += ' …';
  return html;
}

/** The words of a text (hyphen parts, not their joined form), as the index saw them. */
const wordsOf = (text: string, maxWords?: number): RawToken[] =>
  tokenize(text, maxWords).filter((t) => !t.joined);
