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
 * An HTML-escaped excerpt of `text` around the densest cluster of matched words, each match wrapped in
 * `<mark>`. `isMatch` gets a folded word (the caller decides by stem and compound parts, and caches).
 * The window with the most distinct matched words among the first 3,000 characters wins (the earliest on
 * a tie, the text start when nothing matches); found in one pass with a sliding count.
 */
export function makeSnippet(text: string, isMatch: (surface: string) => boolean): string {
  const source = text.slice(0, MAX_SOURCE_CHARS);
  let begin = 0;
  while (begin < source.length && isSpace(source.charCodeAt(begin))) begin++;
  let finish = source.length;
  while (finish > begin && isSpace(source.charCodeAt(finish - 1))) finish--;
  if (finish <= begin) return '';

  const tokens = tokenize(source).filter((t) => !t.joined);
  const n = tokens.length;
  const matched = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (isMatch(tokens[i]!.surface)) matched[i] = 1;

  // sliding window [i, i + WINDOW_TOKENS): count of each matched surface inside it
  const inWindow = new Map<string, number>();
  const enter = (j: number): void => {
    if (j < n && matched[j]) {
      const s = tokens[j]!.surface;
      inWindow.set(s, (inWindow.get(s) ?? 0) + 1);
    }
  };
  for (let j = 0; j < Math.min(n, WINDOW_TOKENS); j++) enter(j);
  let bestStart = 0;
  let bestScore = -1;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (matched[i - 1]) {
        const s = tokens[i - 1]!.surface;
        const count = inWindow.get(s)! - 1;
        if (count === 0) inWindow.delete(s);
        else inWindow.set(s, count);
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
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.start < from) continue;
    if (t.end > to) break;
    if (!matched[i]) continue;
    html += show(source.slice(cursor, t.start)) + '<mark>' + escapeHtml(source.slice(t.start, t.end)) + '</mark>';
    cursor = t.end;
  }
  html += show(source.slice(cursor, to));
  if (to < finish) html += ' …';
  return html;
}
