import { boundedDamerauLevenshtein, maxEditsFor } from './edit-distance';

export interface VocabularyMatch {
  surface: string;
  distance: number;
}

/** The folded surface words of the index, for typo tolerance (edit distance) and prefix completion. */
export class Vocabulary {
  private readonly words = new Set<string>();
  /** words by first letter and length: typo candidates are looked up, not scanned for */
  private readonly byStart = new Map<string, string[]>();
  private sorted: string[] = [];
  /** the sorted list is built on the first completion after a bulk load */
  private sortedDirty = true;

  add(surface: string): void {
    if (this.words.has(surface) || surface.length < 2 || surface.length > 40) return;
    this.words.add(surface);
    const key = bucketKey(surface[0]!, surface.length);
    let bucket = this.byStart.get(key);
    if (!bucket) {
      bucket = [];
      this.byStart.set(key, bucket);
    }
    bucket.push(surface);
    if (this.sortedDirty) return;
    // one new word after the sorted list exists (an edited article): insert it in place, no re-sort
    this.sorted.splice(this.lowerBound(surface), 0, surface);
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
      // agents rarely mistype the first letter; requiring it cuts the work about twentyfold
      const bucket = this.byStart.get(bucketKey(word[0]!, len));
      if (!bucket) continue;
      for (const candidate of bucket) {
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
    const out: string[] = [];
    for (let i = this.lowerBound(prefix); i < this.sorted.length && out.length < scanLimit; i++) {
      const w = this.sorted[i]!;
      if (!w.startsWith(prefix)) break;
      if (w !== prefix) out.push(w);
    }
    return out;
  }
}

const bucketKey = (first: string, length: number): string => `${first}${length}`;
