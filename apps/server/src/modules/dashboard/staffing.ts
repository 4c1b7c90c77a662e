import type { StaffingAdvice } from '@kcc/contracts/dashboard';
import { erlangCAgentsNeeded, erlangCServiceLevel, offeredLoad } from '@kcc/routing';

export interface StaffingInput {
  servicenorm: { targetPercent: number; withinSeconds: number };
  /** Arrivals (short abandons excluded) in the window. */
  arrivals: number;
  windowMs: number;
  /** Mean handle time (talk + nawerk), seconds; null when unknown. */
  ahtSeconds: number | null;
  /** Contacts waiting now (including those with a pending offer). */
  waiting: number;
  /** Agents serving the queue who are beschikbaar: idle or with a contact. */
  agentsAvailable: number;
  agentsInNawerk: number;
  agentsLoggedIn: number;
}

/** Erlang C cannot reach 100 %: a 100 % target is advised as 99.9 %. */
const MAX_TARGET = 0.999;

/**
 * Agents needed now: Erlang C on the recent arrival rate and handle time (a steady-state estimate: Poisson
 * arrivals, exponential handle times, no abandonment), plus the agents it takes to work off the contacts already
 * waiting within the backlog horizon, which Erlang C does not see. Compared with the agents who are beschikbaar:
 * agents in nawerk or pauze take no contact now.
 */
export function staffingAdvice(input: StaffingInput): StaffingAdvice {
  const { servicenorm, agentsAvailable, agentsInNawerk, agentsLoggedIn, waiting } = input;
  const ratePerSecond = input.windowMs > 0 ? input.arrivals / (input.windowMs / 1000) : 0;
  const aht = input.ahtSeconds !== null && input.ahtSeconds > 0 ? input.ahtSeconds : null;
  const load = aht !== null ? offeredLoad(ratePerSecond, aht) : 0;
  const target = Math.min(MAX_TARGET, Math.max(0, servicenorm.targetPercent / 100));
  const horizonSeconds = Math.max(input.windowMs / 1000, servicenorm.withinSeconds);
  let forArrivals: number | null;
  let forBacklog: number | null;
  let predicted: number | null = null;
  if (aht === null) {
    forArrivals = ratePerSecond === 0 ? 0 : null;
    forBacklog = waiting === 0 ? 0 : null;
  } else {
    forArrivals = ratePerSecond === 0 ? 0 : erlangCAgentsNeeded(load, aht, servicenorm.withinSeconds, target);
    forBacklog = Math.ceil((waiting * aht) / horizonSeconds);
    if (ratePerSecond > 0)
      predicted =
        agentsAvailable > 0 ? erlangCServiceLevel(load, agentsAvailable, aht, servicenorm.withinSeconds) : 0;
  }
  return {
    targetPercent: servicenorm.targetPercent,
    withinSeconds: servicenorm.withinSeconds,
    arrivalsPerHour: ratePerSecond * 3600,
    ahtSeconds: input.ahtSeconds,
    offeredLoadErlang: load,
    agentsNeeded: forArrivals === null || forBacklog === null ? null : forArrivals + forBacklog,
    agentsForArrivals: forArrivals,
    agentsForBacklog: forBacklog,
    waiting,
    backlogHorizonSeconds: horizonSeconds,
    agentsAvailable,
    agentsInNawerk,
    agentsLoggedIn,
    predictedServiceLevel: predicted,
  };
}
