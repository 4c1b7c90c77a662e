import { describe, expect, it } from 'vitest';
import { RoutingEngine } from '../src/engine';
import type { DriveState } from './driver';
import { burst, loadBacklog, steady } from './driver';
import { NaiveRouter } from './naive-router';
import { buildScenario } from './scenario';

/**
 * The benchmark baseline is only a fair comparison if it makes the same decisions. This also cross-checks the
 * engine's indexes against a straightforward implementation of the same policy.
 */
describe('RoutingEngine vs the naive reference router', () => {
  it.each([11, 12, 13])('makes exactly the same offers (seed %i)', (seed) => {
    const size = { agents: 60, queues: 8, waiting: 250 };
    const a = buildScenario(seed, size);
    const b = buildScenario(seed, size);

    const engine = new RoutingEngine();
    for (const q of a.queues) engine.upsertQueue(q);
    for (const agent of a.agents) engine.upsertAgent(agent, 0);
    loadBacklog(engine, a);
    const naive = new NaiveRouter();
    for (const q of b.queues) naive.upsertQueue(q);
    for (const agent of b.agents) naive.upsertAgent(agent);
    loadBacklog(naive, b);

    const engineState: DriveState = { now: 0, open: [], log: [] };
    const naiveState: DriveState = { now: 0, open: [], log: [] };
    const engineBurst = burst(engine, a, engineState);
    const naiveBurst = burst(naive, b, naiveState);
    expect(engineBurst.decisions).toBeGreaterThan(50);
    expect(engineBurst.decisions).toBe(naiveBurst.decisions);
    steady(engine, a, engineState, 1_500, 60_000);
    steady(naive, b, naiveState, 1_500, 60_000);
    expect(engineState.log?.length).toBeGreaterThanOrEqual(1_500);
    expect(engineState.log).toEqual(naiveState.log);
  });
});
