export const FIELD_COUNT = 3;
export const TITLE = 0;
export const KEYWORDS = 1;
export const BODY = 2;

/**
 * The documents (slots) that contain one term, with the weighted term frequency per field.
 * Removal leaves a tombstone (the slot is no longer live); the list compacts itself when half is dead.
 */
export class PostingList {
  slots: Int32Array;
  tf: Float32Array;
  length = 0;
  dead = 0;

  constructor(capacity = 4) {
    this.slots = new Int32Array(capacity);
    this.tf = new Float32Array(capacity * FIELD_COUNT);
  }

  add(slot: number, tfs: readonly number[]): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2);
      slots.set(this.slots);
      const tf = new Float32Array(slots.length * FIELD_COUNT);
      tf.set(this.tf);
      this.slots = slots;
      this.tf = tf;
    }
    this.slots[this.length] = slot;
    const base = this.length * FIELD_COUNT;
    for (let f = 0; f < FIELD_COUNT; f++) this.tf[base + f] = tfs[f] ?? 0;
    this.length++;
  }

  markDead(isLive: (slot: number) => boolean): void {
    this.dead++;
    if (this.dead * 2 > this.length && this.length > 8) this.compact(isLive);
  }

  private compact(isLive: (slot: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      const slot = this.slots[r]!;
      if (!isLive(slot)) continue;
      this.slots[w] = slot;
      for (let f = 0; f < FIELD_COUNT; f++) this.tf[w * FIELD_COUNT + f] = this.tf[r * FIELD_COUNT + f]!;
      w++;
    }
    this.length = w;
    this.dead = 0;
  }
}
