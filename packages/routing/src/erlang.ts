/**
 * Erlang C formulas for an M/M/N queue (Poisson arrivals, exponential handle times, N agents, no abandonment).
 * Pure math, shared by the simulator test and the dashboard.
 *
 * Symbols: A = offered load in Erlang (arrival rate × mean handle time), N = agents, h = mean handle time,
 * T = service level threshold (same unit as h).
 */

function requireLoad(load: number, agents: number): void {
  if (!Number.isFinite(load) || load < 0) throw new RangeError('offered load must be a finite number >= 0');
  if (!Number.isInteger(agents) || agents < 1) throw new RangeError('agents must be an integer >= 1');
}

/** Erlang B blocking probability, by the stable recurrence B(k) = A·B(k−1) / (k + A·B(k−1)). */
export function erlangB(load: number, agents: number): number {
  requireLoad(load, agents);
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Probability that a contact has to wait (Erlang C). 1 when the system is overloaded (A ≥ N). */
export function erlangCProbabilityOfWaiting(load: number, agents: number): number {
  requireLoad(load, agents);
  if (load >= agents) return 1;
  const b = erlangB(load, agents);
  return (agents * b) / (agents - load * (1 - b));
}

/** Share of contacts answered within `thresholdTime`: 1 − C · e^(−(N−A)·T/h). */
export function erlangCServiceLevel(
  load: number,
  agents: number,
  meanHandleTime: number,
  thresholdTime: number,
): number {
  if (!(meanHandleTime > 0)) throw new RangeError('mean handle time must be > 0');
  if (load >= agents) return 0;
  const c = erlangCProbabilityOfWaiting(load, agents);
  return 1 - c * Math.exp((-(agents - load) * thresholdTime) / meanHandleTime);
}

/** Average speed of answer (mean wait over all contacts): C · h / (N − A). Infinity when overloaded. */
export function erlangCAverageSpeedOfAnswer(load: number, agents: number, meanHandleTime: number): number {
  if (!(meanHandleTime > 0)) throw new RangeError('mean handle time must be > 0');
  if (load >= agents) return Infinity;
  return (erlangCProbabilityOfWaiting(load, agents) * meanHandleTime) / (agents - load);
}

/** Smallest number of agents that meets `targetServiceLevel` (0..1) within `thresholdTime`. */
export function erlangCAgentsNeeded(
  load: number,
  meanHandleTime: number,
  thresholdTime: number,
  targetServiceLevel: number,
): number {
  if (!(targetServiceLevel >= 0 && targetServiceLevel < 1)) throw new RangeError('target must be in [0, 1)');
  let agents = Math.max(1, Math.floor(load) + 1);
  while (erlangCServiceLevel(load, agents, meanHandleTime, thresholdTime) < targetServiceLevel) agents++;
  return agents;
}

/** Offered load in Erlang from an arrival rate and a mean handle time in the same time unit. */
export function offeredLoad(arrivalsPerTimeUnit: number, meanHandleTime: number): number {
  return arrivalsPerTimeUnit * meanHandleTime;
}
