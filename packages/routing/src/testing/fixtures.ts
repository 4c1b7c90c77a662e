import type { AgentConfig, ContactInput, QueueConfig, RoutingEvent } from '../types';

export function queue(id: string, overrides: Partial<QueueConfig> = {}): QueueConfig {
  return {
    id,
    name: id,
    channels: ['telefoon', 'chat', 'email', 'terugbelverzoek'],
    requiredSkills: [],
    priority: 0,
    servicenorm: { targetPercent: 80, withinSeconds: 30 },
    acceptTimeoutMs: 10_000,
    wrapUpMs: 0,
    ...overrides,
  };
}

export function agent(id: string, overrides: Partial<AgentConfig> = {}): AgentConfig {
  return { id, skills: {}, capacity: { telefoon: 1, chat: 3, email: 5, terugbelverzoek: 1 }, ...overrides };
}

export function contact(id: string, overrides: Partial<ContactInput> = {}): ContactInput {
  return { id, queueId: 'q', channel: 'telefoon', arrivedAt: 0, ...overrides };
}

export type OfferedEvent = Extract<RoutingEvent, { type: 'offered' }>;

export function offersIn(events: RoutingEvent[]): OfferedEvent[] {
  return events.filter((e): e is OfferedEvent => e.type === 'offered');
}

export function typesOf(events: RoutingEvent[]): string[] {
  return events.map((e) => e.type);
}
