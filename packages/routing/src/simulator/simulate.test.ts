import { describe, expect, it } from 'vitest';
import { erlangCAverageSpeedOfAnswer, erlangCProbabilityOfWaiting, erlangCServiceLevel } from '../erlang';
import { simulate } from './simulate';

describe('simulate against queueing theory (M/M/N, Erlang C)', () => {
  it('reproduces service level 88.8 % and P(wait) 0.174 for A = 10, N = 14, h = 180 s, T = 20 s', () => {
    const meanHandleSeconds = 180;
    const result = simulate({
      seed: 20_240_601,
      agents: 14,
      arrivalRatePerSecond: 10 / meanHandleSeconds,
      meanHandleSeconds,
      serviceLevelSeconds: 20,
      contacts: 120_000,
      warmupContacts: 2_000,
    });
    expect(result.counts.measured).toBe(120_000);
    expect(result.offeredLoadErlang).toBeCloseTo(10, 12);
    const pWait = erlangCProbabilityOfWaiting(10, 14);
    const serviceLevel = erlangCServiceLevel(10, 14, meanHandleSeconds, 20);
    expect(Math.abs(result.serviceLevel - serviceLevel)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(result.probabilityOfWaiting - pWait)).toBeLessThanOrEqual(0.015);
    // occupancy of an M/M/N queue is A / N; ASA = C·h/(N−A)
    expect(Math.abs(result.occupancy - 10 / 14)).toBeLessThanOrEqual(0.015);
    const asa = erlangCAverageSpeedOfAnswer(10, 14, meanHandleSeconds);
    expect(Math.abs(result.averageSpeedOfAnswerSeconds - asa) / asa).toBeLessThanOrEqual(0.1);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const config = {
      agents: 3,
      arrivalRatePerSecond: 1 / 60,
      meanHandleSeconds: 120,
      serviceLevelSeconds: 20,
      contacts: 2_000,
    };
    const a = simulate({ ...config, seed: 1 });
    const b = simulate({ ...config, seed: 1 });
    const c = simulate({ ...config, seed: 2 });
    expect(a.waitTimesMs).toEqual(b.waitTimesMs);
    expect(a.waitTimesMs).not.toEqual(c.waitTimesMs);
    expect(a.counts).toMatchObject({ arrived: 2_000, measured: 2_000, offers: 2_000, assigned: 2_000 });
  });

  it('handles multi-capacity chat agents and wrap-up through the same engine API', () => {
    const result = simulate({
      seed: 7,
      agents: 4,
      channel: 'chat',
      capacityPerAgent: 3,
      arrivalRatePerSecond: 1 / 60,
      meanHandleSeconds: 300,
      wrapUpSeconds: 10,
      serviceLevelSeconds: 60,
      contacts: 3_000,
      warmupContacts: 200,
    });
    expect(result.counts.measured).toBe(3_000);
    expect(result.serviceLevel).toBeGreaterThan(0.5);
    expect(result.serviceLevel).toBeLessThanOrEqual(1);
    expect(result.occupancy).toBeGreaterThan(0);
    expect(result.occupancy).toBeLessThanOrEqual(1);
  });

  it('refuses a configuration without agents or load', () => {
    expect(() =>
      simulate({
        seed: 1,
        agents: 0,
        arrivalRatePerSecond: 1,
        meanHandleSeconds: 1,
        serviceLevelSeconds: 1,
        contacts: 1,
      }),
    ).toThrow(RangeError);
  });
});
