/**
 * Optimal-string-alignment (restricted Damerau-Levenshtein) distance with an upper bound:
 * returns max + 1 as soon as the distance must exceed `max`.
 */
export function boundedDamerauLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (rows[0]!.length < lb + 1) rows = [0, 1, 2].map(() => new Int32Array(Math.max(64, 2 * (lb + 1))));
  // three rows reused between calls (this runs for many vocabulary words per query)
  let [prevPrev, prev, curr] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, curr] = [prev, curr, prevPrev];
  }
  return Math.min(prev[lb]!, max + 1);
}

let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Edits allowed for a word of this length: none below 5 letters (too many real words are 1 edit apart), 1 up to 8, 2 from 9. */
export function maxEditsFor(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  return 2;
}
