import { boundedDamerauLevenshtein, maxEditsFor } from './edit-distance';

export interface VocabularyMatch {
  surface: string;
  distance: number;
}

/** The folded surface words of the index, for typo tolerance (edit distance) and prefix completion. */
export class Vocabulary {
  private readonly words = new Set<string>();
  private readonly byLength = new Map<number, string[]>();
  private sorted: string[] = [];
  private sortedDirty = false;

  add(surface: string): void {
    if (this.words.has(surface) || surface.length < 2 || surface.length > 40) return;
    this.words.add(surface);
    let bucket = this.byLength.get(surface.length);
    if (!bucket) {
      bucket = [];
      this.byLength.set(surface.length, bucket);
    }
    bucket.push(surface);
    this.sortedDirty = true;
  }

  has(surface: string): boolean {
    return this.words.has(surface);
  }

  get size(): number {
    return this.words.size;
  }

  /** Words within the length-scaled edit distance of `word` (excluding the word itself). */
  fuzzy(word: string, limit: number): VocabularyMatch[] {
    const max = maxEditsFor(word.length);
    if (max === 0) return [];
    const out: VocabularyMatch[] = [];
    for (let len = word.length - max; len <= word.length + max; len++) {
      const bucket = this.byLength.get(len);
      if (!bucket) continue;
      const first = word.charCodeAt(0);
      for (const candidate of bucket) {
        // agents rarely mistype the first letter; requiring it cuts the work about twentyfold
        if (candidate.charCodeAt(0) !== first) continue;
        const d = boundedDamerauLevenshtein(word, candidate, max);
        if (d > 0 && d <= max) out.push({ surface: candidate, distance: d });
      }
    }
    out.sort((a, b) => a.distance - b.distance);
    return out.slice(0, limit);
  }

  /** Words that start with `prefix` (longer than it), at most `scanLimit` examined. */
  completions(prefix: string, scanLimit = 2_000): string[] {
    if (this.sortedDirty) {
      this.sorted = [...this.words].sort();
      this.sortedDirty = false;
    }
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && out.length < scanLimit; i++) {
      const w = this.sorted[i]!;
      if (!w.startsWith(prefix)) break;
      if (w !== prefix) out.push(w);
    }
    return out;
  }
}
