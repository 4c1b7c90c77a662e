import { describe, expect, it } from 'vitest';
import { loadQueries, runEval } from './run-eval';
import { loadShippedCorpus } from './load-corpus';

describe('kennisbank evaluation set', () => {
  it('has at least 40 queries of every kind, each judged against existing corpus ids', () => {
    const queries = loadQueries();
    const ids = new Set(loadShippedCorpus().map((d) => d.id));
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(queries.map((q) => q.kind))).toEqual(
      new Set(['keyword', 'question', 'typo', 'colloquial', 'oldterm']),
    );
    for (const q of queries) {
      expect(q.relevant.length).toBeGreaterThan(0);
      for (const id of q.relevant) expect(ids.has(id), `${q.id}: ${id}`).toBe(true);
    }
  });

  it('meets the goals (recall@5 ≥ 0.90, MRR@10 ≥ 0.85) and beats the MiniSearch BM25 baseline', async () => {
    const report = await runEval();
    const [own, mini] = report.engines;
    expect(own!.overall.recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(own!.overall.mrrAt10).toBeGreaterThanOrEqual(0.85);
    expect(mini!.overall.recallAt5).toBeLessThan(own!.overall.recallAt5 - 0.1);
    expect(mini!.overall.mrrAt10).toBeLessThan(own!.overall.mrrAt10 - 0.1);
  });
});
