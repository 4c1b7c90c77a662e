import type { Analyzer } from '../analysis/analyzer';
import { tokenize } from '../analysis/text';

const MAX_SNIPPET_CHARS = 220;
const WINDOW_TOKENS = 28;
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

/**
 * An HTML-escaped excerpt of `text` around the densest cluster of matched terms, each match wrapped in
 * `<mark>`. A token matches when its stem, or the stem of one of its compound parts, is in `terms`.
 */
export function makeSnippet(text: string, terms: ReadonlySet<string>, analyzer: Analyzer): string {
  const source = text.slice(0, MAX_SOURCE_CHARS).replace(/\s+/g, ' ').trim();
  if (!source) return '';
  const tokens = tokenize(source).filter((t) => !t.joined);
  const matched = tokens.map((t) => {
    if (terms.has(analyzer.stem(t.surface))) return true;
    return analyzer.compoundParts(t.surface).some((p) => terms.has(p));
  });

  let bestStart = 0;
  let bestScore = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (!matched[i] && i !== 0) continue;
    const distinct = new Set<string>();
    for (let j = i; j < Math.min(tokens.length, i + WINDOW_TOKENS); j++) {
      if (matched[j]) distinct.add(tokens[j]!.surface);
    }
    const score = distinct.size * 10 - (i === 0 ? 0 : 1);
    if (score > bestScore) {
      bestScore = score;
      bestStart = i;
    }
  }

  // start a little before the first match, on a token boundary
  const firstToken = Math.max(0, bestStart - 4);
  let from = tokens.length > 0 ? tokens[firstToken]!.start : 0;
  if (firstToken === 0) from = 0;
  let to = Math.min(source.length, from + MAX_SNIPPET_CHARS);
  if (to < source.length) {
    const lastSpace = source.lastIndexOf(' ', to);
    if (lastSpace > from + 40) to = lastSpace;
  }

  let html = from > 0 ? '… ' : '';
  let cursor = from;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!matched[i] || t.start < from || t.end > to) continue;
    html +=
      escapeHtml(source.slice(cursor, t.start)) +
      '<mark>' +
      escapeHtml(source.slice(t.start, t.end)) +
      '</mark>';
    cursor = t.end;
  }
  html += escapeHtml(source.slice(cursor, to));
  if (to < source.length) html += ' …';
  return html;
}
