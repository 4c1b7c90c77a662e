import { DEFAULT_CAPACITY, type AgentConfig } from '@kcc/routing';
import type { StoredQueue } from './queues.repository';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

/** The demo KCC: one queue per channel family plus a skilled queue that overflows to algemeen. */
export const DEMO_QUEUES: StoredQueue[] = [
  {
    config: {
      id: 'algemeen',
      name: 'Algemeen',
      channels: ['telefoon'],
      requiredSkills: [],
      priority: 5,
      servicenorm: { targetPercent: 80, withinSeconds: 30 },
      acceptTimeoutMs: 20 * SECOND,
      wrapUpMs: 60 * SECOND,
    },
    defaultForChannels: ['telefoon'],
  },
  {
    config: {
      id: 'belastingen',
      name: 'Belastingen',
      channels: ['telefoon'],
      requiredSkills: [{ skill: 'belastingen', minLevel: 2 }],
      priority: 5,
      servicenorm: { targetPercent: 80, withinSeconds: 30 },
      acceptTimeoutMs: 20 * SECOND,
      wrapUpMs: 60 * SECOND,
      overflow: { toQueueId: 'algemeen', afterMs: 120 * SECOND },
    },
    defaultForChannels: [],
  },
  {
    config: {
      id: 'chat',
      name: 'Chat',
      channels: ['chat'],
      requiredSkills: [],
      priority: 4,
      servicenorm: { targetPercent: 80, withinSeconds: 60 },
      acceptTimeoutMs: 20 * SECOND,
      wrapUpMs: 30 * SECOND,
    },
    defaultForChannels: ['chat'],
  },
  {
    config: {
      id: 'balie',
      name: 'Balie',
      channels: ['balie'],
      requiredSkills: [],
      priority: 6,
      servicenorm: { targetPercent: 80, withinSeconds: 300 },
      acceptTimeoutMs: 20 * SECOND,
      wrapUpMs: 60 * SECOND,
    },
    defaultForChannels: ['balie'],
  },
  {
    config: {
      id: 'social',
      name: 'Sociale media',
      channels: ['social'],
      requiredSkills: [],
      priority: 2,
      servicenorm: { targetPercent: 80, withinSeconds: 3600 },
      acceptTimeoutMs: 20 * SECOND,
      wrapUpMs: 30 * SECOND,
    },
    defaultForChannels: ['social'],
  },
  {
    config: {
      id: 'terugbellen',
      name: 'Terugbelverzoeken',
      channels: ['terugbelverzoek'],
      requiredSkills: [],
      priority: 3,
      servicenorm: { targetPercent: 90, withinSeconds: DAY / SECOND },
      acceptTimeoutMs: 20 * SECOND,
      wrapUpMs: 60 * SECOND,
    },
    defaultForChannels: ['terugbelverzoek'],
  },
  {
    config: {
      id: 'email',
      name: 'E-mail en webformulier',
      channels: ['email', 'webformulier'],
      requiredSkills: [],
      priority: 1,
      // Servicenorm: answered within 2 working days; each contact gets that due time at arrival.
      servicenorm: { targetPercent: 90, withinSeconds: (2 * DAY) / SECOND },
      acceptTimeoutMs: 20 * SECOND,
      wrapUpMs: 30 * SECOND,
    },
    defaultForChannels: ['email', 'webformulier'],
  },
];

/** Demo agents handle every demo queue and channel. */
export function demoAgentProfile(userId: string, belastingenLevel: number): AgentConfig {
  return {
    id: userId,
    skills: { belastingen: belastingenLevel, algemeen: 3 },
    capacity: { ...DEFAULT_CAPACITY },
    queueIds: DEMO_QUEUES.map((q) => q.config.id),
  };
}
