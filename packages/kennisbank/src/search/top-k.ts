/** Keeps the k highest-scoring items seen (a binary min-heap on score). */
export class TopK<T> {
  private readonly items: T[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  push(item: T, score: number): void {
    if (this.items.length < this.k) {
      this.items.push(item);
      this.scores.push(score);
      this.up(this.items.length - 1);
    } else if (score > this.scores[0]!) {
      this.items[0] = item;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** All kept items, best first. */
  drain(): { item: T; score: number }[] {
    return this.items.map((item, i) => ({ item, score: this.scores[i]! })).sort((a, b) => b.score - a.score);
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
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
    const n = this.items.length;
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
