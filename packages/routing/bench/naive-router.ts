import type { AgentConfig, ChannelName, ContactInput, QueueConfig, RoutingEvent } from '../src/types';

/**
 * Reference router for the benchmark baseline: the same policy as RoutingEngine (priority, due time / age,
 * insertion order; eligible = skills, queue, presence, capacity incl. telefoon exclusivity; longest idle), written
 * the simple way: every decision scans all agents for free capacity, then all waiting contacts against those
 * agents, with no index or precomputed eligibility.
 * Only what the benchmark drives is implemented (no timeouts, decline, nawerk or overflow).
 */
const CHANNELS: ChannelName[] = ['telefoon', 'chat', 'email'];

interface NaiveAgent {
  config: AgentConfig;
  seq: number;
  available: boolean;
  idleSince: number;
  active: Map<ChannelName, number>;
  reserved: Map<ChannelName, number>;
}

interface NaiveContact {
  input: ContactInput;
  seq: number;
  priority: number;
  orderAt: number;
  agent?: NaiveAgent;
  offerId?: string;
}

export class NaiveRouter {
  private readonly queues = new Map<string, QueueConfig>();
  private readonly agents: NaiveAgent[] = [];
  private readonly agentById = new Map<string, NaiveAgent>();
  private waiting: NaiveContact[] = [];
  private readonly offers = new Map<string, NaiveContact>();
  private readonly contacts = new Map<string, NaiveContact>();
  private seq = 0;
  private offerSeq = 0;

  upsertQueue(queue: QueueConfig): void {
    this.queues.set(queue.id, queue);
  }

  upsertAgent(config: AgentConfig): void {
    const agent: NaiveAgent = {
      config,
      seq: this.agents.length,
      available: false,
      idleSince: 0,
      active: new Map(),
      reserved: new Map(),
    };
    this.agents.push(agent);
    this.agentById.set(config.id, agent);
  }

  setPresence(agentId: string, _presence: 'beschikbaar', now: number): RoutingEvent[] {
    const agent = this.agentById.get(agentId);
    if (!agent) throw new Error(`unknown agent ${agentId}`);
    if (!agent.available) {
      agent.available = true;
      agent.idleSince = now;
    }
    return this.dispatch(now);
  }

  enqueue(input: ContactInput, now: number): RoutingEvent[] {
    const queue = this.queues.get(input.queueId);
    if (!queue) throw new Error(`unknown queue ${input.queueId}`);
    const contact: NaiveContact = {
      input,
      seq: ++this.seq,
      priority: queue.priority + (input.priority ?? 0),
      orderAt: input.dueAt ?? input.arrivedAt,
    };
    this.contacts.set(input.id, contact);
    this.waiting.push(contact);
    return this.dispatch(now);
  }

  accept(offerId: string, agentId: string, now: number): { ok: boolean; events: RoutingEvent[] } {
    const contact = this.offers.get(offerId);
    const agent = contact?.agent;
    if (!contact || !agent || agent.config.id !== agentId) return { ok: false, events: [] };
    this.offers.delete(offerId);
    const channel = contact.input.channel;
    agent.reserved.set(channel, (agent.reserved.get(channel) ?? 0) - 1);
    agent.active.set(channel, (agent.active.get(channel) ?? 0) + 1);
    const events: RoutingEvent[] = [
      { type: 'assigned', offerId, contactId: contact.input.id, agentId, at: now },
    ];
    return { ok: true, events: events.concat(this.dispatch(now)) };
  }

  finish(contactId: string, now: number): RoutingEvent[] {
    const contact = this.contacts.get(contactId);
    const agent = contact?.agent;
    if (!contact || !agent) return [];
    this.contacts.delete(contactId);
    const channel = contact.input.channel;
    agent.active.set(channel, (agent.active.get(channel) ?? 0) - 1);
    agent.idleSince = now;
    return [{ type: 'removed', contactId, reason: 'finished', at: now }, ...this.dispatch(now)];
  }

  private ready(agent: NaiveAgent, channel: ChannelName): boolean {
    if (!agent.available) return false;
    let telefoon = 0;
    let pendingAll = 0;
    for (const n of agent.reserved.values()) pendingAll += n;
    telefoon += (agent.active.get('telefoon') ?? 0) + (agent.reserved.get('telefoon') ?? 0);
    if (telefoon > 0) return false;
    const capacity = agent.config.capacity[channel] ?? 0;
    const used = (agent.active.get(channel) ?? 0) + (agent.reserved.get(channel) ?? 0);
    if (channel === 'telefoon') return capacity > 0 && used === 0 && pendingAll === 0;
    return used < capacity;
  }

  private qualifies(agent: NaiveAgent, queue: QueueConfig, channel: ChannelName): boolean {
    if ((agent.config.capacity[channel] ?? 0) <= 0) return false;
    const ids = agent.config.queueIds;
    if (ids && ids.length > 0 && !ids.includes(queue.id)) return false;
    return queue.requiredSkills.every((r) => (agent.config.skills[r.skill] ?? 0) >= r.minLevel);
  }

  private dispatch(now: number): RoutingEvent[] {
    const events: RoutingEvent[] = [];
    for (;;) {
      // every decision: one pass over all agents, then one pass over all waiting contacts
      const available = this.agents.filter(
        (agent) => agent.available && CHANNELS.some((c) => this.ready(agent, c)),
      );
      if (available.length === 0) return events;
      let best: NaiveContact | undefined;
      let bestAgent: NaiveAgent | undefined;
      let bestIndex = -1;
      for (let i = 0; i < this.waiting.length; i++) {
        const contact = this.waiting[i] as NaiveContact;
        if (best && !before(contact, best)) continue;
        const queue = this.queues.get(contact.input.queueId) as QueueConfig;
        let chosen: NaiveAgent | undefined;
        for (const agent of available) {
          if (
            !this.ready(agent, contact.input.channel) ||
            !this.qualifies(agent, queue, contact.input.channel)
          )
            continue;
          if (
            !chosen ||
            agent.idleSince < chosen.idleSince ||
            (agent.idleSince === chosen.idleSince && agent.seq < chosen.seq)
          ) {
            chosen = agent;
          }
        }
        if (chosen) {
          best = contact;
          bestAgent = chosen;
          bestIndex = i;
        }
      }
      if (!best || !bestAgent) return events;
      this.waiting.splice(bestIndex, 1);
      const offerId = `naive-${++this.offerSeq}`;
      const channel = best.input.channel;
      best.agent = bestAgent;
      best.offerId = offerId;
      bestAgent.reserved.set(channel, (bestAgent.reserved.get(channel) ?? 0) + 1);
      bestAgent.idleSince = now;
      this.offers.set(offerId, best);
      events.push({
        type: 'offered',
        offerId,
        contactId: best.input.id,
        agentId: bestAgent.config.id,
        queueId: best.input.queueId,
        channel,
        at: now,
        expiresAt: now + 3_600_000,
      });
    }
  }
}

function before(a: NaiveContact, b: NaiveContact): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.orderAt !== b.orderAt) return a.orderAt < b.orderAt;
  return a.seq < b.seq;
}
