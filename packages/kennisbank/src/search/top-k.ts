/**
 * Keeps the k highest-scoring ids seen (a binary min-heap on score) in typed arrays: no allocation per
 * push, and no array kind change that would throw the caller out of optimised code.
 */
export class TopK {
  private readonly items: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.items = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  push(item: number, score: number): void {
    if (this.size < this.k) {
      this.items[this.size] = item;
      this.scores[this.size] = score;
      this.up(this.size++);
    } else if (score > this.scores[0]!) {
      this.items[0] = item;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Whether an item with this score would be kept now. */
  accepts(score: number): boolean {
    return this.size < this.k || score > this.scores[0]!;
  }

  /** The kept items and their scores, in heap order (not sorted). */
  kept(): { items: Int32Array; scores: Float64Array; size: number } {
    return { items: this.items, scores: this.scores, size: this.size };
  }

  private swap(a: number, b: number): void {
    const item = this.items[a]!;
    this.items[a] = this.items[b]!;
    this.items[b] = item;
    const score = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = score;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) break;
      this.swap(parent, i);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.scores[l]! < this.scores[smallest]!) smallest = l;
      if (r < n && this.scores[r]! < this.scores[smallest]!) smallest = r;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
