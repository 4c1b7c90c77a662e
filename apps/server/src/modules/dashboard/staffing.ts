import type { StaffingAdvice } from '@kcc/contracts/dashboard';
import { erlangCAgentsNeeded, erlangCServiceLevel, offeredLoad } from '@kcc/routing';

export interface StaffingInput {
  servicenorm: { targetPercent: number; withinSeconds: number };
  /** Arrivals (short abandons excluded) in the window. */
  arrivals: number;
  windowMs: number;
  /** Mean handle time (talk + nawerk), seconds; null when unknown. */
  ahtSeconds: number | null;
  agentsAvailable: number;
  agentsLoggedIn: number;
}

/** Erlang C cannot reach 100 %: a 100 % target is advised as 99.9 %. */
const MAX_TARGET = 0.999;

/**
 * Agents needed now for the servicenorm (Erlang C on the recent arrival rate and handle time), next to the
 * agents available. Erlang C assumes Poisson arrivals, exponential handle times and no abandonment: an estimate.
 */
export function staffingAdvice(input: StaffingInput): StaffingAdvice {
  const { servicenorm, agentsAvailable, agentsLoggedIn } = input;
  const ratePerSecond = input.windowMs > 0 ? input.arrivals / (input.windowMs / 1000) : 0;
  const aht = input.ahtSeconds !== null && input.ahtSeconds > 0 ? input.ahtSeconds : null;
  const load = aht !== null ? offeredLoad(ratePerSecond, aht) : 0;
  const target = Math.min(MAX_TARGET, Math.max(0, servicenorm.targetPercent / 100));
  let agentsNeeded: number | null;
  let predicted: number | null = null;
  if (ratePerSecond === 0) {
    agentsNeeded = 0;
  } else if (aht === null) {
    agentsNeeded = null;
  } else {
    agentsNeeded = erlangCAgentsNeeded(load, aht, servicenorm.withinSeconds, target);
    predicted =
      agentsAvailable > 0 ? erlangCServiceLevel(load, agentsAvailable, aht, servicenorm.withinSeconds) : 0;
  }
  return {
    targetPercent: servicenorm.targetPercent,
    withinSeconds: servicenorm.withinSeconds,
    arrivalsPerHour: ratePerSecond * 3600,
    ahtSeconds: input.ahtSeconds,
    offeredLoadErlang: load,
    agentsNeeded,
    agentsAvailable,
    agentsLoggedIn,
    predictedServiceLevel: predicted,
  };
}
