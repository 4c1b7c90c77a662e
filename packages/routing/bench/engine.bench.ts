/**
 * Routing engine benchmark: assignment decisions (offers made) per second with 500 agents, 20 queues and
 * 5,000 waiting contacts, next to a naive reference router measured in the same run.
 *
 *   npx tsx packages/routing/bench/engine.bench.ts          # markdown table, JSON on the last line
 *   npx tsx packages/routing/bench/engine.bench.ts --json   # JSON only
 */
import { pathToFileURL } from 'node:url';
import { RoutingEngine } from '../src/engine';
import type { DriveState, PhaseResult } from './driver';
import { burst, loadBacklog, steady } from './driver';
import { NaiveRouter } from './naive-router';
import type { Scenario } from './scenario';
import { BENCH_SIZE, buildScenario } from './scenario';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const ROUNDS = 5;
const NAIVE_ROUNDS = 3;
const STEADY_DECISIONS = 200_000;
const GOAL = 50_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function engineFor(scenario: Scenario): RoutingEngine {
  const engine = new RoutingEngine();
  for (const queue of scenario.queues) engine.upsertQueue(queue);
  for (const agent of scenario.agents) engine.upsertAgent(agent, 0);
  loadBacklog(engine, scenario);
  return engine;
}

function naiveFor(scenario: Scenario): NaiveRouter {
  const router = new NaiveRouter();
  for (const queue of scenario.queues) router.upsertQueue(queue);
  for (const agent of scenario.agents) router.upsertAgent(agent);
  loadBacklog(router, scenario);
  return router;
}

function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export async function runRoutingBench(): Promise<{ rows: BenchRow[] }> {
  const engineBurst: PhaseResult[] = [];
  const engineSteady: PhaseResult[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const scenario = buildScenario(1_000 + r);
    const engine = engineFor(scenario);
    const state: DriveState = { now: 0, open: [], log: undefined };
    engineBurst.push(burst(engine, scenario, state));
    engineSteady.push(steady(engine, scenario, state, STEADY_DECISIONS, 10_000));
    const waiting = scenario.queues.reduce((n, q) => n + engine.queueSnapshot(q.id, state.now).waiting, 0);
    if (Math.abs(waiting - BENCH_SIZE.waiting) > engineBurst[r]!.decisions) {
      throw new Error(`bench: backlog drifted to ${waiting}`);
    }
  }

  const naiveBurst: PhaseResult[] = [];
  const naiveSteady: PhaseResult[] = [];
  for (let r = 0; r < NAIVE_ROUNDS; r++) {
    const scenario = buildScenario(1_000 + r);
    const naive = naiveFor(scenario);
    const state: DriveState = { now: 0, open: [], log: undefined };
    naiveBurst.push(burst(naive, scenario, state));
    naiveSteady.push(steady(naive, scenario, state, 1_000_000, 1_500));
  }

  const steadyMedian = median(engineSteady.map((p) => p.perSecond));
  const naiveMedian = median(naiveSteady.map((p) => p.perSecond));
  const size = `${BENCH_SIZE.agents} agents, ${BENCH_SIZE.queues} queues, ${BENCH_SIZE.waiting.toLocaleString('en')} waiting`;
  return {
    rows: [
      {
        name: 'Routing: assignment decisions/s, steady state',
        value: round(steadyMedian),
        unit: 'decisions/s',
        note: `${size}; median of ${ROUNDS} rounds × ${STEADY_DECISIONS.toLocaleString('en')} decisions incl. accept+finish+enqueue; goal ≥ ${GOAL.toLocaleString('en')}/s: ${steadyMedian >= GOAL ? 'met' : 'NOT met'}`,
      },
      {
        name: 'Routing: assignment decisions/s, login burst',
        value: round(median(engineBurst.map((p) => p.perSecond))),
        unit: 'decisions/s',
        note: `${size}; all agents log in one by one and fill their capacity (${engineBurst[0]?.decisions ?? 0} offers)`,
      },
      {
        name: 'Routing baseline: naive full scan, steady state',
        value: round(naiveMedian),
        unit: 'decisions/s',
        note: `same policy, no index: every decision scans all agents, then all waiting contacts against the available agents; median of ${NAIVE_ROUNDS} rounds of 1.5 s`,
      },
      {
        name: 'Routing baseline: naive full scan, login burst',
        value: round(median(naiveBurst.map((p) => p.perSecond))),
        unit: 'decisions/s',
      },
      {
        name: 'Routing: engine vs naive (steady state)',
        value: round(steadyMedian / naiveMedian, 1),
        unit: '×',
      },
    ],
  };
}

function toMarkdown(rows: BenchRow[]): string {
  const lines = ['| Benchmark | Value | Unit | Note |', '| --- | ---: | --- | --- |'];
  for (const row of rows)
    lines.push(`| ${row.name} | ${row.value.toLocaleString('en')} | ${row.unit} | ${row.note ?? ''} |`);
  return lines.join('\n');
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const result = await runRoutingBench();
  if (!process.argv.includes('--json')) {
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
    console.log(toMarkdown(result.rows));
    console.log('');
  }
  console.log(JSON.stringify(result));
}
