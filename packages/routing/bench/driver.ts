import type { ContactInput, RoutingEvent } from '../src/types';
import type { Scenario } from './scenario';

/** The part of the routing API the benchmark drives; RoutingEngine and NaiveRouter both provide it. */
export interface DrivableRouter {
  enqueue(contact: ContactInput, now: number): RoutingEvent[];
  setPresence(agentId: string, presence: 'beschikbaar', now: number): RoutingEvent[];
  accept(offerId: string, agentId: string, now: number): { ok: boolean; events: RoutingEvent[] };
  finish(contactId: string, now: number): RoutingEvent[];
}

export interface Decision {
  contactId: string;
  agentId: string;
}

export interface PhaseResult {
  decisions: number;
  ms: number;
  perSecond: number;
}

/** Everything the driver needs to continue after the burst: open offers in the order they were made. */
export interface DriveState {
  now: number;
  open: { offerId: string; contactId: string; agentId: string }[];
  log: Decision[] | undefined;
}

function collect(events: RoutingEvent[], state: DriveState): number {
  let made = 0;
  for (const e of events) {
    if (e.type !== 'offered') continue;
    made++;
    state.open.push({ offerId: e.offerId, contactId: e.contactId, agentId: e.agentId });
    state.log?.push({ contactId: e.contactId, agentId: e.agentId });
  }
  return made;
}

export function loadBacklog(router: DrivableRouter, scenario: Scenario): void {
  for (const contact of scenario.initial) router.enqueue(contact, 0);
}

/** All agents log in one by one while the backlog waits: each login fills that agent's capacity. */
export function burst(router: DrivableRouter, scenario: Scenario, state: DriveState): PhaseResult {
  const start = performance.now();
  let decisions = 0;
  for (const agent of scenario.agents)
    decisions += collect(router.setPresence(agent.id, 'beschikbaar', ++state.now), state);
  const ms = performance.now() - start;
  return { decisions, ms, perSecond: (decisions / ms) * 1000 };
}

/**
 * Steady state: take the oldest open offer, accept it, finish it at once (freeing the slot), and enqueue one new
 * contact to keep the backlog constant. Every offer made by these calls is one assignment decision; the time
 * includes the accept, finish and enqueue work around it.
 */
export function steady(
  router: DrivableRouter,
  scenario: Scenario,
  state: DriveState,
  maxDecisions: number,
  maxMs: number,
): PhaseResult {
  const start = performance.now();
  let decisions = 0;
  let head = 0;
  while (decisions < maxDecisions && head < state.open.length) {
    if (performance.now() - start > maxMs) break;
    const offer = state.open[head++] as DriveState['open'][number];
    const now = ++state.now;
    const accepted = router.accept(offer.offerId, offer.agentId, now);
    if (!accepted.ok) throw new Error(`bench: accept of ${offer.offerId} failed`);
    decisions += collect(accepted.events, state);
    decisions += collect(router.finish(offer.contactId, now), state);
    decisions += collect(router.enqueue(scenario.nextContact(now), now), state);
  }
  const ms = performance.now() - start;
  state.open.splice(0, head);
  return { decisions, ms, perSecond: (decisions / ms) * 1000 };
}
