import { RoutingEngine } from '../engine';
import { BinaryHeap } from '../heap';
import type { ChannelName, RoutingEvent } from '../types';
import { exponential, mulberry32 } from './prng';

export interface SimulationConfig {
  seed: number;
  /** Identical agents, all 'beschikbaar' from time 0. */
  agents: number;
  /** Poisson arrival rate λ (contacts per second). Offered load A = λ × meanHandleSeconds. */
  arrivalRatePerSecond: number;
  /** Mean of the exponential handle time. */
  meanHandleSeconds: number;
  /** T of the service level ("answered within T seconds"). */
  serviceLevelSeconds: number;
  /** Contacts measured after the warm-up. */
  contacts: number;
  /** Contacts at the start that are simulated but not measured (the empty-system transient). Default 0. */
  warmupContacts?: number;
  /** Default 'telefoon' (capacity 1, exclusive). */
  channel?: ChannelName;
  /** Contacts one agent handles at once on this channel. Default 1. */
  capacityPerAgent?: number;
  /** Nawerk after each contact. Default 0. */
  wrapUpSeconds?: number;
}

export interface SimulationResult {
  /** Wait of each measured contact in ms, in arrival order (arrival → assigned). */
  waitTimesMs: number[];
  /** Share of measured contacts answered within T (wait ≤ T). */
  serviceLevel: number;
  /** Share of measured contacts that waited more than 0. */
  probabilityOfWaiting: number;
  /** Mean wait of the measured contacts, in seconds. */
  averageSpeedOfAnswerSeconds: number;
  /** Time-average share of agents holding at least one contact, over the measurement window. */
  occupancy: number;
  /** Offered load in Erlang (λ × h). */
  offeredLoadErlang: number;
  /** Length of the measurement window (first to last measured arrival), in seconds. */
  measuredSeconds: number;
  counts: { arrived: number; measured: number; offers: number; assigned: number; finished: number };
}

interface Completion {
  at: number;
  seq: number;
  contactId: string;
  agentId: string;
}

/**
 * Discrete-event simulation on a virtual clock (ms). Drives the engine only through its public API: agents
 * accept every offer at once, handle it for an exponential time and then call `finish`.
 */
export function simulate(config: SimulationConfig): SimulationResult {
  const warmup = config.warmupContacts ?? 0;
  const total = warmup + config.contacts;
  const channel = config.channel ?? 'telefoon';
  const capacity = config.capacityPerAgent ?? 1;
  if (!(config.arrivalRatePerSecond > 0 && config.meanHandleSeconds > 0 && config.agents >= 1)) {
    throw new RangeError('arrival rate, mean handle time and agents must be positive');
  }
  if (!Number.isInteger(total) || total < 1) throw new RangeError('contacts must be a positive integer');

  const random = mulberry32(config.seed);
  const meanInterArrivalMs = 1000 / config.arrivalRatePerSecond;
  const meanHandleMs = config.meanHandleSeconds * 1000;
  const thresholdMs = config.serviceLevelSeconds * 1000;

  const engine = new RoutingEngine();
  engine.upsertQueue({
    id: 'sim',
    name: 'Simulatie',
    channels: [channel],
    requiredSkills: [{ skill: 'algemeen', minLevel: 1 }],
    priority: 0,
    servicenorm: { targetPercent: 80, withinSeconds: config.serviceLevelSeconds },
    acceptTimeoutMs: 30_000,
    wrapUpMs: (config.wrapUpSeconds ?? 0) * 1000,
  });
  const loadPerAgent = new Map<string, number>();
  for (let i = 1; i <= config.agents; i++) {
    const id = `agent-${i}`;
    engine.upsertAgent({ id, skills: { algemeen: 1 }, capacity: { [channel]: capacity } }, 0);
    engine.setPresence(id, 'beschikbaar', 0);
    loadPerAgent.set(id, 0);
  }

  const arrivedAt: number[] = new Array<number>(total);
  const waitTimesMs: number[] = [];
  const completions = new BinaryHeap<Completion>((a, b) => (a.at !== b.at ? a.at < b.at : a.seq < b.seq));
  let completionSeq = 0;
  let offers = 0;
  let assigned = 0;
  let finished = 0;
  let measuredAnswered = 0;

  // Occupancy: integrate the number of busy agents over the measurement window.
  let busyAgents = 0;
  let busyArea = 0;
  let lastChange = 0;
  let windowStart = Infinity;
  let windowEnd = Infinity;
  const accumulate = (now: number): void => {
    const from = Math.max(lastChange, windowStart);
    const to = Math.min(now, windowEnd);
    if (to > from) busyArea += busyAgents * (to - from);
    lastChange = now;
  };

  const handle = (initial: RoutingEvent[], now: number): void => {
    const pending = [...initial];
    for (let event = pending.shift(); event; event = pending.shift()) {
      if (event.type === 'offered') {
        offers++;
        const result = engine.accept(event.offerId, event.agentId, now);
        if (!result.ok) throw new Error(`simulator: accept failed (${result.error})`);
        pending.push(...result.events);
      } else if (event.type === 'assigned') {
        assigned++;
        const index = Number(event.contactId.slice(2));
        if (index >= warmup) {
          waitTimesMs[index - warmup] = event.at - (arrivedAt[index] as number);
          measuredAnswered++;
        }
        const load = loadPerAgent.get(event.agentId) ?? 0;
        if (load === 0) {
          accumulate(now);
          busyAgents++;
        }
        loadPerAgent.set(event.agentId, load + 1);
        completions.push({
          at: now + exponential(random, meanHandleMs),
          seq: ++completionSeq,
          contactId: event.contactId,
          agentId: event.agentId,
        });
      }
    }
  };

  let nextArrival = exponential(random, meanInterArrivalMs);
  let arrivals = 0;
  while (measuredAnswered < config.contacts) {
    const arrivalAt = arrivals < total ? nextArrival : Infinity;
    const completionAt = completions.peek()?.at ?? Infinity;
    const deadlineAt = engine.nextDeadline() ?? Infinity;
    const now = Math.min(arrivalAt, completionAt, deadlineAt);
    if (now === Infinity) throw new Error('simulator: no more events but contacts are still waiting');
    if (deadlineAt === now) {
      handle(engine.advance(now), now);
    } else if (arrivalAt === now) {
      const index = arrivals++;
      arrivedAt[index] = now;
      if (index === warmup) windowStart = now;
      if (index === total - 1) windowEnd = now;
      handle(engine.enqueue({ id: `c-${index}`, queueId: 'sim', channel, arrivedAt: now }, now), now);
      nextArrival = now + exponential(random, meanInterArrivalMs);
    } else {
      const completion = completions.pop() as Completion;
      const load = (loadPerAgent.get(completion.agentId) ?? 1) - 1;
      loadPerAgent.set(completion.agentId, load);
      if (load === 0) {
        accumulate(now);
        busyAgents--;
      }
      finished++;
      handle(engine.finish(completion.contactId, now), now);
    }
  }
  accumulate(windowEnd);

  const measuredMs = windowEnd - windowStart;
  let withinT = 0;
  let waited = 0;
  let waitSum = 0;
  for (const wait of waitTimesMs) {
    if (wait <= thresholdMs) withinT++;
    if (wait > 0) waited++;
    waitSum += wait;
  }
  const n = waitTimesMs.length;
  return {
    waitTimesMs,
    serviceLevel: withinT / n,
    probabilityOfWaiting: waited / n,
    averageSpeedOfAnswerSeconds: waitSum / n / 1000,
    occupancy: measuredMs > 0 ? busyArea / (config.agents * measuredMs) : 0,
    offeredLoadErlang: config.arrivalRatePerSecond * config.meanHandleSeconds,
    measuredSeconds: measuredMs / 1000,
    counts: { arrived: arrivals, measured: n, offers, assigned, finished },
  };
}
