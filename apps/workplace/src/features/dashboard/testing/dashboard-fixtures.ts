import type {
  AgentLive,
  DashboardDelta,
  DashboardSnapshot,
  IntradayResponse,
  QueueLive,
  QueueWindowStats,
  StaffingAdvice,
} from '@kcc/contracts/dashboard';

export const DAY = '2026-03-10';

export const stats = (overrides: Partial<QueueWindowStats> = {}): QueueWindowStats => ({
  offered: 10,
  answered: 8,
  answeredWithinNorm: 7,
  abandoned: 1,
  shortAbandoned: 1,
  serviceLevel: 7 / 9,
  asaSeconds: 21,
  ahtSeconds: 245,
  abandonRate: 1 / 9,
  handled: 7,
  occupancy: 0.625,
  busyAgentSeconds: 2250,
  availableAgentSeconds: 3600,
  ...overrides,
});

export const staffing = (overrides: Partial<StaffingAdvice> = {}): StaffingAdvice => ({
  targetPercent: 80,
  withinSeconds: 30,
  arrivalsPerHour: 60,
  ahtSeconds: 300,
  offeredLoadErlang: 5,
  agentsNeeded: 7,
  agentsForArrivals: 7,
  agentsForBacklog: 0,
  waiting: 0,
  backlogHorizonSeconds: 1800,
  agentsAvailable: 5,
  agentsInNawerk: 0,
  agentsLoggedIn: 6,
  predictedServiceLevel: 0.4,
  ...overrides,
});

export const queue = (overrides: Partial<QueueLive> = {}): QueueLive => ({
  id: 'algemeen',
  name: 'Algemeen',
  channels: ['telefoon', 'chat'],
  servicenorm: { targetPercent: 80, withinSeconds: 30 },
  waiting: 2,
  oldestWaitingSince: new Date(Date.now() - 45_000).toISOString(),
  longestWaitSeconds: 45,
  inProgress: 3,
  today: stats(),
  last30: stats({
    offered: 4,
    answered: 4,
    answeredWithinNorm: 4,
    abandoned: 0,
    serviceLevel: 1,
    abandonRate: 0,
  }),
  staffing: staffing(),
  waitingContacts: [
    {
      id: 'c-10',
      channel: 'telefoon',
      waitingSince: new Date(Date.now() - 45_000).toISOString(),
      priority: 0,
      offered: false,
    },
    {
      id: 'c-11',
      channel: 'chat',
      waitingSince: new Date(Date.now() - 10_000).toISOString(),
      priority: 0,
      offered: true,
    },
  ],
  ...overrides,
});

export const belastingen = (overrides: Partial<QueueLive> = {}): QueueLive =>
  queue({
    id: 'belastingen',
    name: 'Belastingen',
    channels: ['telefoon', 'email'],
    waiting: 0,
    oldestWaitingSince: null,
    longestWaitSeconds: 0,
    inProgress: 0,
    staffing: staffing({ agentsNeeded: 1, agentsAvailable: 2 }),
    waitingContacts: [],
    ...overrides,
  });

export const agent = (overrides: Partial<AgentLive> = {}): AgentLive => ({
  id: 'user-anna',
  name: 'Anna de Vries',
  presence: 'beschikbaar',
  since: new Date(Date.now() - 125_000).toISOString(),
  queueIds: ['algemeen'],
  skills: { algemeen: 5 },
  contacts: [],
  channels: [],
  handledToday: 4,
  nietReagerendToday: 1,
  ...overrides,
});

const totals = (waiting: number): DashboardSnapshot['totals'] => ({
  waiting,
  agentsByPresence: { beschikbaar: 1, pauze: 0, nawerk: 0, offline: 1, 'niet-reagerend': 0 },
  today: stats(),
});

export const snapshot = (overrides: Partial<DashboardSnapshot> = {}): DashboardSnapshot => ({
  seq: 5,
  generatedAt: new Date().toISOString(),
  day: DAY,
  queues: [queue(), belastingen()],
  agents: [agent(), agent({ id: 'user-bram', name: 'Bram Jansen', presence: 'offline', queueIds: [] })],
  totals: totals(2),
  ...overrides,
});

export const delta = (seq: number, changes: Partial<DashboardDelta> = {}): DashboardDelta => ({
  seq,
  at: new Date().toISOString(),
  day: DAY,
  queues: [],
  agents: [],
  totals: totals(changes.queues?.reduce((sum, q) => sum + q.waiting, 0) ?? 2),
  ...changes,
});

/** Today from midnight to 08:30 in 15-minute intervals: quiet until 08:00, then three intervals with contacts. */
export const intraday = (): IntradayResponse => {
  const start = (i: number) =>
    new Date(Date.UTC(2026, 2, 10, 0, 0) - 3_600_000 + i * 15 * 60_000).toISOString();
  const quiet = Array.from({ length: 32 }, (_, i) => ({
    start: start(i),
    maxWaiting: 0,
    offered: 0,
    serviceLevel: null,
  }));
  const busy = [
    { start: start(32), maxWaiting: 2, offered: 4, serviceLevel: 1 },
    { start: start(33), maxWaiting: 5, offered: 6, serviceLevel: 0.75 },
    { start: start(34), maxWaiting: 3, offered: 2, serviceLevel: 0.5 },
  ];
  const servicenorm = { targetPercent: 80, withinSeconds: 30 };
  return {
    day: '2026-03-10',
    intervalMinutes: 15,
    queues: [
      { id: 'algemeen', name: 'Algemeen', servicenorm, intervals: [...quiet, ...busy] },
      { id: 'belastingen', name: 'Belastingen', servicenorm, intervals: quiet },
    ],
  };
};
