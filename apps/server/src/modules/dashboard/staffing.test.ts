import { erlangCAgentsNeeded } from '@kcc/routing';
import { describe, expect, it } from 'vitest';
import { staffingAdvice, type StaffingInput } from './staffing';

const HALF_HOUR = 30 * 60_000;
const phone = (over: Partial<StaffingInput> = {}): StaffingInput => ({
  servicenorm: { targetPercent: 80, withinSeconds: 30 },
  arrivals: 60,
  windowMs: HALF_HOUR,
  ahtSeconds: 240,
  waiting: 0,
  agentsAvailable: 8,
  agentsInNawerk: 0,
  agentsLoggedIn: 8,
  ...over,
});

describe('staffingAdvice', () => {
  it('is Erlang C alone when nobody waits', () => {
    const advice = staffingAdvice(phone());
    const load = (60 / 1800) * 240;
    expect(advice.agentsForArrivals).toBe(erlangCAgentsNeeded(load, 240, 30, 0.8));
    expect(advice.agentsForBacklog).toBe(0);
    expect(advice.agentsNeeded).toBe(advice.agentsForArrivals);
  });

  it('adds the agents it takes to work off a backlog that Erlang C does not see (79 waiting)', () => {
    // the situation in the issue: Erlang C said 6 while 79 callers waited
    const advice = staffingAdvice(phone({ waiting: 79 }));
    const steady = staffingAdvice(phone()).agentsNeeded ?? 0;
    expect(advice.agentsForBacklog).toBe(Math.ceil((79 * 240) / 1800));
    expect(advice.agentsNeeded).toBe(steady + Math.ceil((79 * 240) / 1800));
    expect(advice.agentsNeeded).toBeGreaterThan(advice.agentsAvailable);
  });

  it('works a backlog off within the servicenorm when that is longer than the window (e-mail)', () => {
    const advice = staffingAdvice(
      phone({ servicenorm: { targetPercent: 90, withinSeconds: 2 * 86_400 }, waiting: 79, ahtSeconds: 600 }),
    );
    expect(advice.backlogHorizonSeconds).toBe(2 * 86_400);
    expect(advice.agentsForBacklog).toBe(1);
  });

  it('needs agents for a backlog even without recent arrivals, and knows nothing without a handle time', () => {
    expect(staffingAdvice(phone({ arrivals: 0, waiting: 10 })).agentsNeeded).toBe(
      Math.ceil((10 * 240) / 1800),
    );
    expect(staffingAdvice(phone({ ahtSeconds: null, waiting: 10 })).agentsNeeded).toBeNull();
    expect(staffingAdvice(phone({ ahtSeconds: null, arrivals: 0, waiting: 0 })).agentsNeeded).toBe(0);
  });

  it('predicts the service level from the agents who take work now', () => {
    const none = staffingAdvice(phone({ agentsAvailable: 0, agentsInNawerk: 8 }));
    expect(none.predictedServiceLevel).toBe(0);
    expect(none.agentsInNawerk).toBe(8);
  });
});
