/**
 * Before/after latency of this engine alone: the same 84 queries and the same method as `search.bench.ts`
 * (corpus: 10 rounds after a warm-up round; 100k: 2 rounds after 10 warm-up queries) for one or more copies of
 * `src/` given as directories, each copy in a fresh process so one does not warm up or burden the other.
 *
 *   cp -r src /tmp/src-before   # before the change
 *   node --import tsx bench/compare-engines.ts /tmp/src-before src /tmp/src-before src
 *
 * Prints one line per copy and corpus.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KennisbankDocument, KennisbankIndex } from '../src/index';
import { loadShippedCorpus, loadSynonyms } from '../eval/load-corpus';
import { loadQueries } from '../eval/run-eval';
import { generateCorpus } from './synthetic-corpus';

type IndexClass = new (options: { synonyms: Record<string, string[]> }) => KennisbankIndex;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function benchQueries(): string[] {
  const queries = loadQueries().map((q) => q.query);
  return [...queries, ...queries.slice(0, 20).map((q) => q.slice(0, Math.max(3, Math.ceil(q.length * 0.6))))];
}

function measure(Index: IndexClass, docs: KennisbankDocument[], rounds: number, warmup: number): string {
  const queries = benchQueries();
  const t0 = performance.now();
  const index = new Index({ synonyms: loadSynonyms() });
  index.upsertMany(docs);
  const build = performance.now() - t0;
  for (const q of queries.slice(0, warmup)) index.search(q, { limit: 10 });
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      index.search(q, { limit: 10 });
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return `build ${build.toFixed(0)} ms, p50 ${percentile(times, 50).toFixed(3)} / p95 ${percentile(times, 95).toFixed(3)} ms (${times.length} queries)`;
}

/** Measures one copy of `src/` (in this process). */
async function measureCopy(dir: string): Promise<void> {
  const module = (await import(pathToFileURL(resolve(dir, 'index.ts')).href)) as {
    KennisbankIndex: IndexClass;
  };
  const corpus = loadShippedCorpus();
  console.log(`${dir} corpus: ${measure(module.KennisbankIndex, corpus, 10, benchQueries().length)}`);
  const synthetic = generateCorpus(corpus, 100_000, 20261123);
  console.log(`${dir} 100k:   ${measure(module.KennisbankIndex, synthetic, 2, 10)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [first, ...rest] = process.argv.slice(2);
  if (process.env.KENNISBANK_COMPARE_CHILD === '1' && first) {
    void measureCopy(first);
  } else if (!first) {
    console.error('usage: node --import tsx bench/compare-engines.ts <src dir> [<src dir> ...]');
    process.exitCode = 2;
  } else {
    for (const dir of [first, ...rest]) {
      execFileSync(process.execPath, ['--import', 'tsx', process.argv[1], dir], {
        stdio: 'inherit',
        env: { ...process.env, KENNISBANK_COMPARE_CHILD: '1' },
      });
    }
  }
}
