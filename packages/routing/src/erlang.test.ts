import { describe, expect, it } from 'vitest';
import {
  erlangB,
  erlangCAgentsNeeded,
  erlangCAverageSpeedOfAnswer,
  erlangCProbabilityOfWaiting,
  erlangCServiceLevel,
  offeredLoad,
} from './erlang';

describe('Erlang C', () => {
  it('gives P(wait) 0.174 and service level 88.8 % for A = 10, N = 14, h = 180 s, T = 20 s', () => {
    expect(erlangCProbabilityOfWaiting(10, 14)).toBeCloseTo(0.174, 3);
    expect(erlangCServiceLevel(10, 14, 180, 20)).toBeCloseTo(0.888, 3);
    expect(erlangCAverageSpeedOfAnswer(10, 14, 180)).toBeCloseTo(7.836, 3);
  });

  it('matches the closed form of Erlang B for small N', () => {
    // B(A=2, N=2) = (A²/2) / (1 + A + A²/2) = 2 / 5
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 12);
    // one agent: C = A (M/M/1 probability of waiting = utilisation)
    expect(erlangCProbabilityOfWaiting(0.6, 1)).toBeCloseTo(0.6, 12);
  });

  it('treats overload as always waiting', () => {
    expect(erlangCProbabilityOfWaiting(14, 14)).toBe(1);
    expect(erlangCServiceLevel(20, 14, 180, 20)).toBe(0);
    expect(erlangCAverageSpeedOfAnswer(20, 14, 180)).toBe(Infinity);
  });

  it('finds the agents needed for a target service level', () => {
    expect(erlangCAgentsNeeded(10, 180, 20, 0.8)).toBe(14);
    expect(erlangCServiceLevel(10, 13, 180, 20)).toBeLessThan(0.8);
    expect(erlangCAgentsNeeded(offeredLoad(100 / 3600, 180), 180, 30, 0.8)).toBe(8);
  });

  it('rejects impossible input', () => {
    expect(() => erlangCProbabilityOfWaiting(-1, 3)).toThrow(RangeError);
    expect(() => erlangCProbabilityOfWaiting(1, 0)).toThrow(RangeError);
    expect(() => erlangCServiceLevel(1, 3, 0, 20)).toThrow(RangeError);
  });
});
