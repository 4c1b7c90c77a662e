import { SERVICE_LEVEL_DEFINITION, type QueueWindowStats } from '@kcc/contracts/dashboard';

/**
 * The one definition of the contact-centre figures (docs/service-level.md), shared by the live dashboard, the
 * reports and the tests. Counters are plain sums so windows can be added and subtracted.
 */
export interface Counters {
  /** Arrivals, short abandons excluded. */
  offered: number;
  answered: number;
  answeredWithinNorm: number;
  /** Abandoned after the short-abandon threshold. */
  abandoned: number;
  shortAbandoned: number;
  /** Sum of waits (arrival → accepted) of the answered contacts, ms. */
  waitMsSum: number;
  /** Contacts whose handling (talk + nawerk) ended. */
  handled: number;
  handleMsSum: number;
}

export const SHORT_ABANDON_MS = SERVICE_LEVEL_DEFINITION.shortAbandonSeconds * 1000;

export function emptyCounters(): Counters {
  return {
    offered: 0,
    answered: 0,
    answeredWithinNorm: 0,
    abandoned: 0,
    shortAbandoned: 0,
    waitMsSum: 0,
    handled: 0,
    handleMsSum: 0,
  };
}

export function addCounters(target: Counters, source: Counters): Counters {
  for (const key of Object.keys(target) as (keyof Counters)[]) target[key] += source[key];
  return target;
}

/** Answered within the servicenorm's T: the wait is at most T. */
export function withinNorm(waitMs: number, withinSeconds: number): boolean {
  return waitMs <= withinSeconds * 1000;
}

export function isShortAbandon(waitMs: number): boolean {
  return waitMs < SHORT_ABANDON_MS;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

/** Service level: answered within T / (answered + abandoned after the short-abandon threshold). */
export function serviceLevel(c: Counters): number | null {
  return ratio(c.answeredWithinNorm, c.answered + c.abandoned);
}

export function abandonRate(c: Counters): number | null {
  return ratio(c.abandoned, c.answered + c.abandoned);
}

export function averageSpeedOfAnswerSeconds(c: Counters): number | null {
  return c.answered > 0 ? c.waitMsSum / c.answered / 1000 : null;
}

export function averageHandleTimeSeconds(c: Counters): number | null {
  return c.handled > 0 ? c.handleMsSum / c.handled / 1000 : null;
}

export function windowStats(c: Counters): QueueWindowStats {
  return {
    offered: c.offered,
    answered: c.answered,
    answeredWithinNorm: c.answeredWithinNorm,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    serviceLevel: serviceLevel(c),
    asaSeconds: averageSpeedOfAnswerSeconds(c),
    ahtSeconds: averageHandleTimeSeconds(c),
    abandonRate: abandonRate(c),
    handled: c.handled,
  };
}
