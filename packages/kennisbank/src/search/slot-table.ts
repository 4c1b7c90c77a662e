/**
 * Per document slot, in typed arrays: what the ranking loop needs to filter and boost a candidate without
 * touching the document object (at 100,000 documents those objects are cache misses).
 */
export class SlotTable {
  /** 1 while the slot holds a live document */
  live = new Uint8Array(1024);
  /** index into `typeNames` */
  type = new Int32Array(1024);
  /** 1 when the document is `published: false` */
  unpublished = new Uint8Array(1024);
  /** validity window in ms since the epoch; NaN when open */
  from = new Float64Array(1024);
  until = new Float64Array(1024);
  boost = new Float64Array(1024);
  /** doelgroep bits (see priors.ts) */
  doelgroep = new Uint8Array(1024);
  readonly typeNames: string[] = [];
  private readonly typeIds = new Map<string, number>();

  typeId(name: string): number | undefined {
    return this.typeIds.get(name);
  }

  set(
    slot: number,
    type: string,
    published: boolean,
    from: number,
    until: number,
    boost: number,
    doelgroep = 0,
  ): void {
    if (slot >= this.live.length) this.grow(Math.max(slot + 1, this.live.length * 2));
    let id = this.typeIds.get(type);
    if (id === undefined) {
      id = this.typeNames.length;
      this.typeIds.set(type, id);
      this.typeNames.push(type);
    }
    this.live[slot] = 1;
    this.type[slot] = id;
    this.unpublished[slot] = published ? 0 : 1;
    this.from[slot] = from;
    this.until[slot] = until;
    this.boost[slot] = boost;
    this.doelgroep[slot] = doelgroep;
  }

  clear(slot: number): void {
    this.live[slot] = 0;
  }

  /** Live, of the wanted type (-1: any), published and valid at `now`. */
  visible(slot: number, typeId: number, now: number): boolean {
    return (
      this.live[slot] === 1 &&
      (typeId < 0 || this.type[slot] === typeId) &&
      this.unpublished[slot] === 0 &&
      !(this.from[slot]! > now) &&
      !(this.until[slot]! < now)
    );
  }

  private grow(size: number): void {
    const grown = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.live = grown(this.live, (n) => new Uint8Array(n));
    this.type = grown(this.type, (n) => new Int32Array(n));
    this.unpublished = grown(this.unpublished, (n) => new Uint8Array(n));
    this.from = grown(this.from, (n) => new Float64Array(n));
    this.until = grown(this.until, (n) => new Float64Array(n));
    this.boost = grown(this.boost, (n) => new Float64Array(n));
    this.doelgroep = grown(this.doelgroep, (n) => new Uint8Array(n));
  }
}
