import type { RawToken } from '../analysis/text';
import { tokenize } from '../analysis/text';

const MAX_SNIPPET_CHARS = 220;
const WINDOW_TOKENS = 28;
/** Tokens shown before the first match of the chosen window. */
const LEAD_TOKENS = 4;
/** Snippets come from the start of long texts (where the answer usually is). */
const MAX_SOURCE_CHARS = 3_000;

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
/** Escaped, with runs of whitespace shown as one space. */
const show = (text: string): string => escapeHtml(text).replace(/\s+/g, ' ');

/**
 * What the index already knows about the words of a text: the term id of each word in order (maybe fewer
 * than the text has) and whether a term id matches the query. Lets a snippet pick its window without
 * tokenising and stemming the whole text.
 */
export interface KnownWords {
  ids: Int32Array;
  matches(id: number): boolean;
}

/** Most words a 220-character excerpt can hold (a one-letter word and a separator each). */
const MAX_WORDS_IN_EXCERPT = MAX_SNIPPET_CHARS / 2 + 2;

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
  const source = text.slice(0, MAX_SOURCE_CHARS);
  let begin = 0;
  while (begin < source.length && isSpace(source.charCodeAt(begin))) begin++;
  let finish = source.length;
  while (finish > begin && isSpace(source.charCodeAt(finish - 1))) finish--;
  if (finish <= begin) return '';

  let tokens: RawToken[];
  let matchedAt: (i: number) => boolean;
  let bestStart: number;
  if (known && known.ids.length > 0) {
    const { ids } = known;
    const flags = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) if (known.matches(ids[i]!)) flags[i] = 1;
    bestStart = bestWindow(flags, (i) => ids[i]!);
    tokens = wordsOf(source, bestStart + MAX_WORDS_IN_EXCERPT);
    matchedAt = (i) => (i < flags.length ? flags[i] === 1 : isMatch(tokens[i]!.surface));
    if (tokens.length <= bestStart) bestStart = 0;
  } else {
    tokens = wordsOf(source);
    const flags = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) if (isMatch(tokens[i]!.surface)) flags[i] = 1;
    bestStart = bestWindow(flags, (i) => tokens[i]!.surface);
    matchedAt = (i) => flags[i] === 1;
  }
  const n = tokens.length;

  // start a little before the first match, on a token boundary
  const firstToken = Math.max(0, bestStart - LEAD_TOKENS);
  const from = firstToken === 0 || n === 0 ? begin : tokens[firstToken]!.start;
  let to = Math.min(finish, from + MAX_SNIPPET_CHARS);
  if (to < finish) {
    let space = to;
    while (space > from + 40 && !isSpace(source.charCodeAt(space))) space--;
    if (space > from + 40) to = space;
  }

  let html = from > begin ? '… ' : '';
  let cursor = from;
  for (let i = firstToken; i < n; i++) {
    const t = tokens[i]!;
    if (t.start < from) continue;
    if (t.end > to) break;
    if (!matchedAt(i)) continue;
    html += show(source.slice(cursor, t.start)) + '<mark>' + escapeHtml(source.slice(t.start, t.end)) + '</mark>';
    cursor = t.end;
  }
  html += show(source.slice(cursor, to));
  if (to < finish) html += ' …';
  return html;
}

/** The words of a text (hyphen parts, not their joined form), as the index saw them. */
const wordsOf = (text: string, maxWords?: number): RawToken[] =>
  tokenize(text, maxWords).filter((t) => !t.joined);
