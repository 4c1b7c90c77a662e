import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KennisbankDocument } from '../src/index';
import { KennisbankIndex } from '../src/index';
import { dutchAnalysisOf, miniSearchWithDutchAnalysis, oramaWithDutchAnalysis } from './baselines';
import { loadShippedCorpus, loadSynonyms } from './load-corpus';
import type { EvalQuery, Metrics, SetReport } from './metrics';
import { evaluateSet } from './metrics';
import { splitOf } from './split';

export type { EvalQuery, Metrics } from './metrics';

/** The three query sets of a run; see README "Evaluation protocol". */
export const EVAL_SETS = ['test', 'dev', 'tuning'] as const;
export type EvalSetName = (typeof EVAL_SETS)[number];

export const SET_LABELS: Record<EvalSetName, string> = {
  test: 'test (held out, never tuned on)',
  dev: 'dev (constants tuned on this)',
  tuning: 'old 64 (constants were tuned on these before)',
};

export interface EngineReport {
  name: string;
  sets: Record<EvalSetName, SetReport>;
}

export interface EvalReport {
  corpusSize: number;
  queryCounts: Record<EvalSetName, number>;
  engines: EngineReport[];
  markdown: string;
}

/** A fixed moment, so publication windows make the run reproducible. */
const EVAL_NOW = new Date('2026-11-23T12:00:00Z');

const readJson = (name: string): EvalQuery[] =>
  JSON.parse(readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8')) as EvalQuery[];

/** The 64 queries the ranking constants were tuned on before the generalisation set existed. */
export function loadQueries(): EvalQuery[] {
  return readJson('./queries.json');
}

/** The generalisation queries with their deterministic split. */
export function loadGeneralisationQueries(): { dev: EvalQuery[]; test: EvalQuery[] } {
  const all = readJson('./generalisation-queries.json');
  return {
    dev: all.filter((q) => splitOf(q.id) === 'dev'),
    test: all.filter((q) => splitOf(q.id) === 'test'),
  };
}

export function loadEvalSets(): Record<EvalSetName, EvalQuery[]> {
  const { dev, test } = loadGeneralisationQueries();
  return { test, dev, tuning: loadQueries() };
}

export function buildKennisbank(docs: KennisbankDocument[]): KennisbankIndex {
  const index = new KennisbankIndex({ synonyms: loadSynonyms() });
  index.upsertMany(docs);
  return index;
}

const fmt = (n: number): string => n.toFixed(3);

function row(name: string, slice: string, m: Metrics, bold = false): string {
  const b = (s: string): string => (bold ? `**${s}**` : s);
  return `| ${name} | ${slice} | ${m.queries} | ${b(fmt(m.recallAt5))} | ${b(fmt(m.mrrAt10))} | ${b(fmt(m.precisionAt1))} |`;
}

const HEADER = [
  '| engine | set | queries | recall@5 | MRR@10 | P@1 |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
];

function markdownOf(report: Omit<EvalReport, 'markdown'>): string {
  const lines = [
    `Kennisbank evaluation: ${report.corpusSize} documents; ${report.queryCounts.test} test, ${report.queryCounts.dev} dev and ${report.queryCounts.tuning} old queries`,
    '',
    ...HEADER,
  ];
  for (const set of EVAL_SETS) {
    for (const e of report.engines)
      lines.push(row(e.name, SET_LABELS[set], e.sets[set].overall, set === 'test'));
  }
  const own = report.engines[0]!;
  for (const set of ['test', 'dev'] as const) {
    lines.push('', `This engine by kind of query, ${SET_LABELS[set]}:`, '', ...HEADER);
    for (const [kind, m] of Object.entries(own.sets[set].byKind)) lines.push(row(own.name, kind, m));
  }
  // Only the dev set's misses are printed: looking at the test set's misses would be tuning on it.
  const misses = own.sets.dev.outcomes.filter((o) => o.firstRelevantRank === null || o.firstRelevantRank > 5);
  if (misses.length > 0) {
    lines.push('', 'Dev queries of this engine without a relevant document in the top 5:', '');
    for (const m of misses) {
      lines.push(
        `- ${m.id} "${m.query}": first relevant at ${m.firstRelevantRank ?? '—'}; top 3: ${m.top.join(', ')}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

export async function runEval(): Promise<EvalReport> {
  const docs = loadShippedCorpus();
  const sets = loadEvalSets();
  const kennisbank = buildKennisbank(docs);
  const analysis = dutchAnalysisOf(kennisbank);
  const mini = miniSearchWithDutchAnalysis(docs, analysis);
  const orama = await oramaWithDutchAnalysis(docs, analysis);

  const engines: EngineReport[] = [];
  const run = async (name: string, search: (q: string) => Promise<string[]> | string[]): Promise<void> => {
    const byQuery = new Map<string, string[]>();
    for (const set of EVAL_SETS) for (const q of sets[set]) byQuery.set(q.query, await search(q.query));
    const setReports = {} as Record<EvalSetName, SetReport>;
    for (const set of EVAL_SETS) setReports[set] = evaluateSet((q) => byQuery.get(q) ?? [], sets[set]);
    engines.push({ name, sets: setReports });
  };
  await run('kennisbank (this engine)', (q) =>
    kennisbank.search(q, { limit: 10, now: EVAL_NOW }).items.map((h) => h.id),
  );
  await run('MiniSearch + same Dutch analysis', mini);
  await run('Orama + same Dutch analysis', orama.search);

  const queryCounts = { test: sets.test.length, dev: sets.dev.length, tuning: sets.tuning.length };
  const partial = { corpusSize: docs.length, queryCounts, engines };
  return { ...partial, markdown: markdownOf(partial) };
}

/** The report without the test set, for tuning runs (`npm run eval:kennisbank -- --dev-only`). */
export function devOnlyMarkdown(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith('This engine by kind of query, ')) skipping = line.includes(SET_LABELS.test);
    if (line.startsWith('Dev queries')) skipping = false;
    if (!skipping && !line.includes(SET_LABELS.test)) out.push(line);
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runEval().then(
    (report) =>
      console.log(process.argv.includes('--dev-only') ? devOnlyMarkdown(report.markdown) : report.markdown),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
