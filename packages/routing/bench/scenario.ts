import type { AgentConfig, ChannelName, ContactInput, QueueConfig } from '../src/types';
import { mulberry32 } from '../src/simulator/prng';

export interface ScenarioSize {
  agents: number;
  queues: number;
  waiting: number;
}

export const BENCH_SIZE: ScenarioSize = { agents: 500, queues: 20, waiting: 5_000 };

export interface Scenario {
  queues: QueueConfig[];
  agents: AgentConfig[];
  /** Waiting contacts present before agents log in. */
  initial: ContactInput[];
  /** Deterministic generator for further contacts (keeps the backlog at its size). */
  nextContact: (now: number) => ContactInput;
}

const SKILLS = [
  'algemeen',
  'belastingen',
  'parkeren',
  'afval',
  'burgerzaken',
  'zorg',
  'werk-inkomen',
  'vergunningen',
];

/**
 * A seeded KCC-like setup: half the queues are telefoon, a quarter chat, a quarter e-mail; each needs one of eight
 * skills at level 1–3; agents have four random skills at level 1–5 and the default capacities.
 */
export function buildScenario(seed: number, size: ScenarioSize = BENCH_SIZE): Scenario {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const queues: QueueConfig[] = [];
  for (let i = 0; i < size.queues; i++) {
    const channel: ChannelName =
      i < size.queues / 2 ? 'telefoon' : i < (size.queues * 3) / 4 ? 'chat' : 'email';
    queues.push({
      id: `q-${String(i + 1).padStart(2, '0')}`,
      name: `Wachtrij ${i + 1}`,
      channels: [channel],
      requiredSkills: [
        { skill: SKILLS[i % SKILLS.length] as string, minLevel: 1 + Math.floor(random() * 3) },
      ],
      priority: Math.floor(random() * 3),
      servicenorm: { targetPercent: 80, withinSeconds: channel === 'telefoon' ? 30 : 60 },
      acceptTimeoutMs: 3_600_000,
      wrapUpMs: 0,
    });
  }
  const agents: AgentConfig[] = [];
  for (let i = 0; i < size.agents; i++) {
    const skills: Record<string, number> = {};
    while (Object.keys(skills).length < 4) skills[pick(SKILLS)] = 1 + Math.floor(random() * 5);
    agents.push({ id: `agent-${i + 1}`, skills, capacity: { telefoon: 1, chat: 3, email: 5 } });
  }
  let seq = 0;
  const nextContact = (now: number): ContactInput => {
    const queue = pick(queues);
    const channel = queue.channels[0] as ChannelName;
    const arrivedAt = now - Math.floor(random() * 600_000);
    return {
      id: `c-${++seq}`,
      queueId: queue.id,
      channel,
      priority: random() < 0.1 ? 1 : 0,
      arrivedAt,
      ...(channel === 'email' ? { dueAt: arrivedAt + 2 * 86_400_000 } : {}),
    };
  };
  const initial: ContactInput[] = [];
  for (let i = 0; i < size.waiting; i++) initial.push(nextContact(0));
  return { queues, agents, initial, nextContact };
}
