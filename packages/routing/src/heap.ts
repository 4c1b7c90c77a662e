/** Binary min-heap ordered by `before(a, b)` (true when a must come out first). */
export class BinaryHeap<T> {
  readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.down(0);
    }
    return top;
  }

  /** Keeps only the items for which `keep` holds and restores the heap order (O(n)). */
  retain(keep: (item: T) => boolean): void {
    const kept = this.items.filter(keep);
    this.items.length = 0;
    this.items.push(...kept);
    for (let i = (kept.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private up(index: number): void {
    const items = this.items;
    const item = items[index] as T;
    let i = index;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!this.before(item, parent)) break;
      items[i] = parent;
      i = parentIndex;
    }
    items[i] = item;
  }

  private down(index: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[index] as T;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.before(items[right] as T, items[left] as T)) child = right;
      const childItem = items[child] as T;
      if (!this.before(childItem, item)) break;
      items[i] = childItem;
      i = child;
    }
    items[i] = item;
  }
}

export interface HeapIndexed {
  /** Position in the heap that holds the item, -1 when in none. */
  heapIndex: number;
}

/** Binary heap that records each item's position, so an arbitrary item can be removed in O(log n). */
export class IndexedHeap<T extends HeapIndexed> {
  readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    item.heapIndex = this.items.length - 1;
    this.up(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Restores the order after the item's key changed. */
  update(item: T): void {
    const i = item.heapIndex;
    if (i < 0 || this.items[i] !== item) return;
    this.up(i);
    this.down(item.heapIndex);
  }

  remove(item: T): boolean {
    const i = item.heapIndex;
    if (i < 0 || this.items[i] !== item) return false;
    this.removeAt(i);
    return true;
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index] as T;
    const last = items.pop() as T;
    removed.heapIndex = -1;
    if (index < items.length) {
      items[index] = last;
      last.heapIndex = index;
      this.up(index);
      this.down(last.heapIndex);
    }
  }

  private up(index: number): void {
    const items = this.items;
    const item = items[index] as T;
    let i = index;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!this.before(item, parent)) break;
      items[i] = parent;
      parent.heapIndex = i;
      i = parentIndex;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  private down(index: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[index] as T;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.before(items[right] as T, items[left] as T)) child = right;
      const childItem = items[child] as T;
      if (!this.before(childItem, item)) break;
      items[i] = childItem;
      childItem.heapIndex = i;
      i = child;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}
