/** Ranking metrics of the kennisbank evaluation: recall@5, MRR@10 and P@1, averaged over queries. */
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

export interface QueryOutcome {
  id: string;
  query: string;
  /** 1-based rank of the first relevant document, null when none is returned */
  firstRelevantRank: number | null;
  top: string[];
}

export interface SetReport {
  overall: Metrics;
  byKind: Record<string, Metrics>;
  outcomes: QueryOutcome[];
}

export function metricsFor(results: { ranked: readonly string[]; relevant: readonly string[] }[]): Metrics {
  let recall = 0;
  let mrr = 0;
  let p1 = 0;
  for (const { ranked, relevant } of results) {
    const rel = new Set(relevant);
    recall += ranked.slice(0, 5).filter((id) => rel.has(id)).length / Math.max(1, rel.size);
    const rank = ranked.slice(0, 10).findIndex((id) => rel.has(id));
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (ranked[0] !== undefined && rel.has(ranked[0])) p1++;
  }
  const n = Math.max(1, results.length);
  return { queries: results.length, recallAt5: recall / n, mrrAt10: mrr / n, precisionAt1: p1 / n };
}

/** Runs every query through `search` (ids, best first) and scores the result. */
export function evaluateSet(search: (query: string) => readonly string[], queries: EvalQuery[]): SetReport {
  const results = queries.map((q) => ({ q, ranked: search(q.query), relevant: q.relevant }));
  const byKind: Record<string, Metrics> = {};
  for (const kind of [...new Set(queries.map((q) => q.kind))].sort()) {
    byKind[kind] = metricsFor(results.filter((r) => r.q.kind === kind));
  }
  const outcomes = results.map(({ q, ranked }) => {
    const rank = ranked.findIndex((id) => q.relevant.includes(id));
    return {
      id: q.id,
      query: q.query,
      firstRelevantRank: rank >= 0 ? rank + 1 : null,
      top: ranked.slice(0, 3),
    };
  });
  return { overall: metricsFor(results), byKind, outcomes };
}
