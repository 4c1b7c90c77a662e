/**
 * Bounds how many scrypt computations run at once. scrypt runs on libuv's thread pool (4 threads), which the
 * server's fsyncs and file reads share: a flood of logins must not occupy it (issue 11 §6). A computation waits
 * for a free slot; when too many already wait, it is refused at once instead of queueing without end.
 */
export class ScryptSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly slots: number,
    readonly maxWaiting: number,
  ) {}

  /** Run `fn` in a slot; `undefined` when the queue is full (the caller answers 429) unless `always`. */
  run<T>(fn: () => Promise<T>, always = false): Promise<T> | undefined {
    if (!always && this.active >= this.slots && this.waiting.length >= this.maxWaiting) return undefined;
    return this.acquire().then(async () => {
      try {
        return await fn();
      } finally {
        this.release();
      }
    });
  }

  get inUse(): number {
    return this.active;
  }

  private acquire(): Promise<void> {
    if (this.active < this.slots) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
