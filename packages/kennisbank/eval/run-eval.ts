import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import type { AnyOrama } from '@orama/orama';
import MiniSearch from 'minisearch';
import type { KennisbankDocument } from '../src/index';
import { KennisbankIndex } from '../src/index';
import { loadShippedCorpus, loadSynonyms } from './load-corpus';

export interface EvalQuery {
  id: string;
  query: string;
  kind: string;
  relevant: string[];
}

export interface Metrics {
  queries: number;
  recallAt5: number;
  mrrAt10: number;
  precisionAt1: number;
}

export interface EngineReport {
  name: string;
  overall: Metrics;
  byKind: Record<string, Metrics>;
  /** queries whose first relevant document is not in the top 5 */
  misses: { id: string; query: string; firstRelevantRank: number | null; top: string[] }[];
}

export interface EvalReport {
  corpusSize: number;
  engines: EngineReport[];
  markdown: string;
}

type Searcher = (query: string) => string[];

/** A fixed moment, so publication windows make the run reproducible. */
const EVAL_NOW = new Date('2026-11-23T12:00:00Z');

export function loadQueries(): EvalQuery[] {
  const file = fileURLToPath(new URL('./queries.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as EvalQuery[];
}

function metricsFor(results: { ranked: string[]; relevant: string[] }[]): Metrics {
  let recall = 0;
  let mrr = 0;
  let p1 = 0;
  for (const { ranked, relevant } of results) {
    const rel = new Set(relevant);
    recall += ranked.slice(0, 5).filter((id) => rel.has(id)).length / rel.size;
    const rank = ranked.slice(0, 10).findIndex((id) => rel.has(id));
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (ranked[0] !== undefined && rel.has(ranked[0])) p1++;
  }
  const n = Math.max(1, results.length);
  return { queries: results.length, recallAt5: recall / n, mrrAt10: mrr / n, precisionAt1: p1 / n };
}

function evaluate(name: string, search: Searcher, queries: EvalQuery[]): EngineReport {
  const results = queries.map((q) => ({ q, ranked: search(q.query), relevant: q.relevant }));
  const byKind: Record<string, Metrics> = {};
  for (const kind of [...new Set(queries.map((q) => q.kind))].sort()) {
    byKind[kind] = metricsFor(results.filter((r) => r.q.kind === kind));
  }
  const misses = results
    .map(({ q, ranked }) => {
      const rank = ranked.findIndex((id) => q.relevant.includes(id));
      return {
        id: q.id,
        query: q.query,
        firstRelevantRank: rank >= 0 ? rank + 1 : null,
        top: ranked.slice(0, 3),
      };
    })
    .filter((m) => m.firstRelevantRank === null || m.firstRelevantRank > 5);
  return { name, overall: metricsFor(results), byKind, misses };
}

export function buildKennisbank(docs: KennisbankDocument[]): KennisbankIndex {
  const index = new KennisbankIndex({ synonyms: loadSynonyms() });
  index.upsertMany(docs);
  return index;
}

/** The plain BM25 baseline: MiniSearch with its default options on title and body. */
export function buildMiniSearchBaseline(docs: KennisbankDocument[]): MiniSearch {
  const mini = new MiniSearch({ fields: ['title', 'body'] });
  mini.addAll(docs.map((d) => ({ id: d.id, title: d.title, body: d.body })));
  return mini;
}

export async function buildOramaBaseline(docs: KennisbankDocument[]): Promise<AnyOrama> {
  const db = create({ schema: { docId: 'string', title: 'string', body: 'string' } as const });
  await insertMultiple(
    db,
    docs.map((d) => ({ docId: d.id, title: d.title, body: d.body })),
  );
  return db;
}

const fmt = (n: number): string => n.toFixed(3);

function markdownTable(engines: EngineReport[]): string {
  const kinds = Object.keys(engines[0]?.byKind ?? {});
  const lines = [
    '| engine | slice | queries | recall@5 | MRR@10 | P@1 |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const e of engines) {
    lines.push(
      `| ${e.name} | **overall** | ${e.overall.queries} | **${fmt(e.overall.recallAt5)}** | **${fmt(e.overall.mrrAt10)}** | **${fmt(e.overall.precisionAt1)}** |`,
    );
    for (const kind of kinds) {
      const m = e.byKind[kind]!;
      lines.push(
        `| ${e.name} | ${kind} | ${m.queries} | ${fmt(m.recallAt5)} | ${fmt(m.mrrAt10)} | ${fmt(m.precisionAt1)} |`,
      );
    }
  }
  return lines.join('\n');
}

export async function runEval(): Promise<EvalReport> {
  const docs = loadShippedCorpus();
  const queries = loadQueries();

  const kennisbank = buildKennisbank(docs);
  const mini = buildMiniSearchBaseline(docs);
  const orama = await buildOramaBaseline(docs);

  const oramaIds = new Map<string, string[]>();
  for (const q of queries) {
    const result = await oramaSearch(orama, { term: q.query, limit: 10 });
    oramaIds.set(
      q.query,
      result.hits.map((h) => String((h.document as Record<string, unknown>).docId)),
    );
  }

  const engines = [
    evaluate(
      'kennisbank (this engine)',
      (q) => kennisbank.search(q, { limit: 10, now: EVAL_NOW }).items.map((h) => h.id),
      queries,
    ),
    evaluate(
      'MiniSearch defaults (BM25 baseline)',
      (q) =>
        mini
          .search(q)
          .slice(0, 10)
          .map((r) => String(r.id)),
      queries,
    ),
    evaluate('Orama defaults', (q) => oramaIds.get(q) ?? [], queries),
  ];

  let markdown = `Kennisbank evaluation: ${queries.length} queries, ${docs.length} documents\n\n${markdownTable(engines)}\n`;
  const own = engines[0]!;
  if (own.misses.length > 0) {
    markdown += `\nQueries of this engine without a relevant document in the top 5:\n\n`;
    for (const m of own.misses) {
      markdown += `- ${m.id} "${m.query}": first relevant at ${m.firstRelevantRank ?? '—'}; top 3: ${m.top.join(', ')}\n`;
    }
  }
  return { corpusSize: docs.length, engines, markdown };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runEval().then(
    (report) => console.log(report.markdown),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
