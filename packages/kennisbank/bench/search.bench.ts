/**
 * Kennisbank benchmark: build time, index memory and in-process query latency (p50/p95) of this
 * engine next to MiniSearch and Orama with default options, on the shipped corpus and on a generated
 * 100,000-document corpus. Run: `npm run bench -w @kcc/kennisbank` (uses node --expose-gc for memory).
 */
import { fileURLToPath } from 'node:url';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import type { AnyOrama } from '@orama/orama';
import MiniSearch from 'minisearch';
import type { KennisbankDocument } from '../src/index';
import { KennisbankIndex } from '../src/index';
import { loadShippedCorpus, loadSynonyms } from '../eval/load-corpus';
import { loadQueries } from '../eval/run-eval';
import { generateCorpus } from './synthetic-corpus';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const SYNTHETIC_SIZE = 100_000;

interface Engine {
  name: string;
  build(docs: KennisbankDocument[]): Promise<unknown>;
  query(index: unknown, q: string): Promise<unknown> | unknown;
}

const engines: Engine[] = [
  {
    name: 'kennisbank',
    build: async (docs) => {
      const index = new KennisbankIndex({ synonyms: loadSynonyms() });
      index.upsertMany(docs);
      return index;
    },
    query: (index, q) => (index as KennisbankIndex).search(q, { limit: 10 }),
  },
  {
    name: 'minisearch-defaults',
    build: async (docs) => {
      const mini = new MiniSearch({ fields: ['title', 'body'] });
      mini.addAll(docs.map((d) => ({ id: d.id, title: d.title, body: d.body })));
      return mini;
    },
    query: (index, q) => (index as MiniSearch).search(q).slice(0, 10),
  },
  {
    name: 'orama-defaults',
    build: async (docs) => {
      const db = create({ schema: { docId: 'string', title: 'string', body: 'string' } as const });
      await insertMultiple(
        db,
        docs.map((d) => ({ docId: d.id, title: d.title, body: d.body })),
        1000,
      );
      return db;
    },
    query: (index, q) => oramaSearch(index as AnyOrama, { term: q, limit: 10 }),
  },
];

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number | undefined {
  if (!gc) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function measure(
  engine: Engine,
  label: string,
  docs: KennisbankDocument[],
  queries: string[],
  rounds: number,
): Promise<BenchRow[]> {
  const before = heapUsed();
  const t0 = performance.now();
  const index = await engine.build(docs);
  const buildMs = performance.now() - t0;
  const after = heapUsed();

  for (const q of queries) await engine.query(index, q); // warm-up: one full round
  gc?.();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      await engine.query(index, q);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const rows: BenchRow[] = [
    { name: `${label} ${engine.name} build`, value: round(buildMs), unit: 'ms', note: `${docs.length} docs` },
    {
      name: `${label} ${engine.name} index memory`,
      value: before !== undefined && after !== undefined ? round((after - before) / 1024 / 1024) : Number.NaN,
      unit: 'MiB',
      note: gc ? 'heap delta after GC' : 'run with node --expose-gc to measure',
    },
    {
      name: `${label} ${engine.name} query p50`,
      value: round(percentile(times, 50), 3),
      unit: 'ms',
      note: `${times.length} queries`,
    },
    {
      name: `${label} ${engine.name} query p95`,
      value: round(percentile(times, 95), 3),
      unit: 'ms',
      note: `${times.length} queries`,
    },
  ];
  // keep the index alive until after the memory measurement
  if (!index) throw new Error(`${engine.name} built nothing`);
  return rows;
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Query strings: the evaluation queries plus their search-as-you-type prefixes. */
function benchQueries(): string[] {
  const queries = loadQueries().map((q) => q.query);
  const typing = queries.slice(0, 20).map((q) => q.slice(0, Math.max(3, Math.ceil(q.length * 0.6))));
  return [...queries, ...typing];
}

export async function runKennisbankBench(): Promise<{ rows: BenchRow[] }> {
  const corpus = loadShippedCorpus();
  const queries = benchQueries();
  const rows: BenchRow[] = [];
  for (const engine of engines) rows.push(...(await measure(engine, 'corpus', corpus, queries, 10)));
  // generated after the corpus runs, so its garbage does not disturb them
  const synthetic = generateCorpus(corpus, SYNTHETIC_SIZE, 20261123);
  for (const engine of engines) {
    // Orama's default search takes seconds per query at this size: half the queries keep the run short
    const subset = engine.name === 'orama-defaults' ? queries.filter((_, i) => i % 2 === 0) : queries;
    rows.push(...(await measure(engine, '100k', synthetic, subset, 1)));
  }
  return { rows };
}

export function toMarkdown(rows: BenchRow[]): string {
  const lines = ['| measurement | value | unit | note |', '| --- | ---: | --- | --- |'];
  for (const r of rows)
    lines.push(`| ${r.name} | ${Number.isNaN(r.value) ? 'n/a' : r.value} | ${r.unit} | ${r.note ?? ''} |`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  runKennisbankBench().then(
    ({ rows }) => {
      console.log(toMarkdown(rows));
      console.log(`\n(total ${round((performance.now() - started) / 1000)} s, node ${process.version})`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
