export interface SynonymSpan {
  /** index of the first query word the key covers */
  start: number;
  /** number of query words the key covers (1 for a one-word key) */
  length: number;
  /** the synonyms of the key, as folded text */
  values: readonly string[];
}

/**
 * Chooses the synonym keys a query uses, as spans of its words that do not overlap. A multi-word key is one
 * span: its words are one concept that the synonyms may replace ("id kaart" → identiteitskaart), so none of
 * its words adds its own one-word synonyms. Among overlapping multi-word keys the one with the most content
 * (non-stop) words wins, then the longest, then the leftmost: in "de sociale dienst" the key "sociale dienst"
 * beats "de sociale". Words outside every multi-word span may still match a one-word key.
 *
 * `lookup(start, length)` gives the synonyms of the key formed by those words (empty when there is none).
 * Returns the spans ordered by start.
 */
export function chooseSynonymSpans(
  wordCount: number,
  maxWords: number,
  isStop: (index: number) => boolean,
  lookup: (start: number, length: number) => readonly string[],
): SynonymSpan[] {
  const candidates: (SynonymSpan & { content: number })[] = [];
  for (let start = 0; start < wordCount; start++) {
    for (let length = Math.min(maxWords, wordCount - start); length >= 2; length--) {
      const values = lookup(start, length);
      if (values.length === 0) continue;
      let content = 0;
      for (let i = start; i < start + length; i++) if (!isStop(i)) content++;
      candidates.push({ start, length, values, content });
    }
  }
  candidates.sort((a, b) => b.content - a.content || b.length - a.length || a.start - b.start);
  const covered = new Uint8Array(wordCount);
  const spans: SynonymSpan[] = [];
  for (const { start, length, values } of candidates) {
    let free = true;
    for (let i = start; i < start + length && free; i++) free = covered[i] === 0;
    if (!free) continue;
    covered.fill(1, start, start + length);
    spans.push({ start, length, values });
  }
  for (let i = 0; i < wordCount; i++) {
    if (covered[i] === 1) continue;
    const values = lookup(i, 1);
    if (values.length > 0) spans.push({ start: i, length: 1, values });
  }
  return spans.sort((a, b) => a.start - b.start);
}
