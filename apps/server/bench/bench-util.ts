import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** One measured number; every bench returns a list of these (the runner's common shape). */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchResult {
  rows: BenchRow[];
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Nearest-rank percentile of an ascending sorted list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  return value.toLocaleString('en', { maximumFractionDigits: 3 });
}

export function toMarkdown(rows: readonly BenchRow[]): string {
  const lines = ['| Measurement | Value | Unit | Note |', '| --- | ---: | --- | --- |'];
  for (const r of rows) {
    const note = (r.note ?? '').replace(/\|/g, '\\|');
    lines.push(`| ${r.name} | ${formatValue(r.value)} | ${r.unit} | ${note} |`);
  }
  return lines.join('\n');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True when `importMetaUrl` is the file node was started with (`tsx file.ts`). */
export function isMain(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && importMetaUrl === pathToFileURL(entry).href;
}

/** Run a bench file directly: print its table, exit non-zero on failure. */
export function runDirectly(title: string, run: () => Promise<BenchResult>): void {
  const started = performance.now();
  run().then(
    ({ rows }) => {
      console.log(`## ${title}\n`);
      console.log(toMarkdown(rows));
      console.log(`\n(${round((performance.now() - started) / 1000, 1)} s, Node ${process.version})`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/** Event-loop delay of this (client) process while `fn` runs, so readers can judge client-side noise. */
export async function withLoopDelay<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; p99Ms: number; maxMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  try {
    const result = await fn();
    return { result, p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 };
  } finally {
    h.disable();
  }
}

/**
 * Open-loop load: call `send(i)` at `start + i × interval` regardless of earlier calls finishing.
 * Returns how late the sends were against their schedule (ms), which shows when the client fell behind.
 */
export async function openLoop(
  count: number,
  ratePerSecond: number,
  send: (i: number) => void,
): Promise<{ lagMs: number[] }> {
  const interval = 1000 / ratePerSecond;
  const start = performance.now() + 5;
  const lagMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    // No busy-wait: it would stall the client's event loop, which also receives the measured replies.
    if (wait > 0) await sleep(wait);
    lagMs.push(performance.now() - due);
    send(i);
  }
  return { lagMs };
}
