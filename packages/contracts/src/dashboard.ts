import { z } from 'zod';
import { Channel, IsoDateTime, Presence } from './domain';
import type { Ack } from './realtime';

/**
 * Team-leader dashboard (`/dashboard` socket namespace, `/api/dashboard/*`) and reports (`/api/reports`).
 * Every figure is derived from the contact event log; the definitions are in docs/service-level.md:
 *
 * - service level = answered within T / (answered + abandoned after the short-abandon threshold)
 * - ASA = mean wait (arrival in the queue → accepted) of answered contacts
 * - AHT = mean (talk + nawerk): accepted → nawerk ended (closed)
 * - abandon rate = abandoned after the threshold / (answered + abandoned after the threshold)
 * - occupancy = agent time in gesprek + nawerk / agent time beschikbaar + in gesprek + nawerk
 *
 * A ratio is `null` when its denominator is 0 (nothing to measure), never an invented 0 or 100 %.
 */

export const SERVICE_LEVEL_DEFINITION = {
  /** Contacts abandoned within this many seconds count neither as offered nor as abandoned. */
  shortAbandonSeconds: 5,
  /** The rolling window of the "last 30 minutes" figures and of the staffing advice. */
  recentWindowMinutes: 30,
  /** First-contact resolution: no new contact of the same partij about the same onderwerp within this many days. */
  fcrWindowDays: 7,
  /** Inspanning: contacts of the same partij about the same onderwerp within this many days are one question. */
  inspanningWindowDays: 14,
} as const;

/** Gespreksresultaat code (Klantinteracties) that counts as "zelfstandig afgehandeld" (first-line resolved). */
export const ZELFSTANDIG_AFGEHANDELD = 'zelfstandig_afgehandeld';

// ---------------------------------------------------------------- live figures

/** Figures of one queue over one window (today, or the last 30 minutes). */
export const QueueWindowStats = z.object({
  /** Arrivals in the window, short abandons excluded. */
  offered: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  answeredWithinNorm: z.number().int().nonnegative(),
  /** Abandoned after the short-abandon threshold. */
  abandoned: z.number().int().nonnegative(),
  /** Abandoned within the threshold (reported, not in the service level). */
  shortAbandoned: z.number().int().nonnegative(),
  /** 0..1, or null when nothing was answered or abandoned yet. */
  serviceLevel: z.number().min(0).max(1).nullable(),
  /** Average speed of answer in seconds, null when nothing was answered. */
  asaSeconds: z.number().nonnegative().nullable(),
  /** Average handle time (talk + nawerk) in seconds over contacts that ended in the window; null when none. */
  ahtSeconds: z.number().nonnegative().nullable(),
  /** 0..1, or null. */
  abandonRate: z.number().min(0).max(1).nullable(),
  /** Contacts whose handling ended (closed after nawerk) in the window. */
  handled: z.number().int().nonnegative(),
  /**
   * Occupancy (bezetting), 0..1: agent time in gesprek or nawerk / agent time beschikbaar, in gesprek or nawerk
   * (pauze, niet-reagerend, offline excluded), of the agents serving the queue (totals: all agents) in the window;
   * null when no agent was available. Added later: absent from older servers.
   */
  occupancy: z.number().min(0).max(1).nullable().optional(),
  /** The occupancy's numerator: agent seconds in gesprek or nawerk in the window. */
  busyAgentSeconds: z.number().nonnegative().optional(),
  /** The occupancy's denominator: agent seconds beschikbaar, in gesprek or nawerk in the window. */
  availableAgentSeconds: z.number().nonnegative().optional(),
});
export type QueueWindowStats = z.infer<typeof QueueWindowStats>;

/**
 * Erlang C advice from the last 30 minutes: arrival rate and AHT → agents needed for the servicenorm. The UI writes
 * "voor {targetPercent} % binnen {withinSeconds} s nu nodig: {agentsNeeded}, beschikbaar: {agentsAvailable}".
 */
export const StaffingAdvice = z.object({
  targetPercent: z.number().min(0).max(100),
  withinSeconds: z.number().positive(),
  /** Arrivals in the last 30 minutes (short abandons excluded), per hour. */
  arrivalsPerHour: z.number().nonnegative(),
  /** Mean handle time used (seconds): the last 30 minutes' AHT, else today's, else null. */
  ahtSeconds: z.number().nonnegative().nullable(),
  /** Offered load A in Erlang (λ × AHT). */
  offeredLoadErlang: z.number().nonnegative(),
  /** Agents needed now: for the arrivals plus for the backlog; null when no handle time is known yet. */
  agentsNeeded: z.number().int().nonnegative().nullable(),
  /** Erlang C for the recent arrivals (steady state); 0 without arrivals; null without a handle time. */
  agentsForArrivals: z.number().int().nonnegative().nullable(),
  /**
   * Extra agents to work off the contacts waiting now within the backlog horizon (waiting × AHT / horizon):
   * Erlang C assumes a steady state and does not see a queue that has already built up.
   */
  agentsForBacklog: z.number().int().nonnegative().nullable(),
  /** Contacts waiting now, the backlog the advice includes. */
  waiting: z.number().int().nonnegative(),
  /** Seconds within which the advice works off the backlog: the recent window or the servicenorm, the longer. */
  backlogHorizonSeconds: z.number().positive(),
  /** Agents serving this queue who are beschikbaar (idle or with a contact): they take work now. */
  agentsAvailable: z.number().int().nonnegative(),
  /** Agents serving this queue in nawerk: not counted as available. */
  agentsInNawerk: z.number().int().nonnegative(),
  /** Agents serving this queue who are logged in (any presence but offline). */
  agentsLoggedIn: z.number().int().nonnegative(),
  /** Predicted service level with `agentsAvailable` (0..1), null when it cannot be computed. */
  predictedServiceLevel: z.number().min(0).max(1).nullable(),
});
export type StaffingAdvice = z.infer<typeof StaffingAdvice>;

/** A contact waiting in a queue, without personal data (for "move" and "raise priority"). */
export const WaitingContact = z.object({
  id: z.string(),
  channel: Channel,
  /** Arrival in the queue (its place in line). */
  waitingSince: IsoDateTime,
  /** Extra priority on top of the queue priority. */
  priority: z.number().int(),
  /** An offer to an agent is pending. */
  offered: z.boolean(),
});
export type WaitingContact = z.infer<typeof WaitingContact>;

export const QueueLive = z.object({
  id: z.string(),
  name: z.string(),
  channels: z.array(Channel),
  servicenorm: z.object({ targetPercent: z.number(), withinSeconds: z.number() }),
  /** Contacts waiting for an agent now (including those with a pending offer). */
  waiting: z.number().int().nonnegative(),
  /** The longest-waiting contact's arrival, so the UI can tick the longest wait without polling. */
  oldestWaitingSince: IsoDateTime.nullable(),
  /** Longest wait in seconds at `DashboardSnapshot.generatedAt` / `DashboardDelta.at`. */
  longestWaitSeconds: z.number().nonnegative(),
  /** Contacts of this queue with an agent now (assigned). */
  inProgress: z.number().int().nonnegative(),
  today: QueueWindowStats,
  last30: QueueWindowStats,
  staffing: StaffingAdvice,
  /** Up to 50 waiting contacts, longest first. */
  waitingContacts: z.array(WaitingContact),
});
export type QueueLive = z.infer<typeof QueueLive>;

export const AgentContactLive = z.object({
  id: z.string(),
  channel: Channel,
  queueId: z.string(),
  /** Accepted at. */
  since: IsoDateTime,
});
export type AgentContactLive = z.infer<typeof AgentContactLive>;

export const AgentLive = z.object({
  id: z.string(),
  name: z.string(),
  presence: Presence,
  /** When the current presence began (time in it = now − since). */
  since: IsoDateTime,
  /** Reason given when a team leader set this presence. */
  presenceReason: z.string().optional(),
  /** Queues this agent serves (empty: every queue whose skills it meets). */
  queueIds: z.array(z.string()),
  skills: z.record(z.string(), z.number().int()),
  /** Contacts the agent holds now. */
  contacts: z.array(AgentContactLive),
  /** Distinct channels of `contacts`. */
  channels: z.array(Channel),
  /** Contacts this agent finished (registered and afgerond) today. */
  handledToday: z.number().int().nonnegative(),
  /** Times this agent went niet-reagerend (missed offer) today. */
  nietReagerendToday: z.number().int().nonnegative(),
});
export type AgentLive = z.infer<typeof AgentLive>;

export const DashboardTotals = z.object({
  waiting: z.number().int().nonnegative(),
  agentsByPresence: z.record(Presence, z.number().int().nonnegative()),
  today: QueueWindowStats,
});
export type DashboardTotals = z.infer<typeof DashboardTotals>;

/** Sent on every (re)connect and as the answer to `dashboard:resync`. */
export const DashboardSnapshot = z.object({
  /** Deltas after this snapshot carry seq + 1, seq + 2, … */
  seq: z.number().int().nonnegative(),
  generatedAt: IsoDateTime,
  /** The local (Europe/Amsterdam) day "today" refers to, YYYY-MM-DD. */
  day: z.string(),
  queues: z.array(QueueLive),
  agents: z.array(AgentLive),
  totals: DashboardTotals,
});
export type DashboardSnapshot = z.infer<typeof DashboardSnapshot>;

/**
 * Coalesced changes (at most one per 250 ms): changed queues and agents as whole objects, replace by id. When
 * `seq` is not the previous seq + 1 the client missed one and must ask `dashboard:resync`.
 */
export const DashboardDelta = z.object({
  seq: z.number().int().positive(),
  at: IsoDateTime,
  day: z.string(),
  queues: z.array(QueueLive),
  agents: z.array(AgentLive),
  totals: DashboardTotals,
});
export type DashboardDelta = z.infer<typeof DashboardDelta>;

// ---------------------------------------------------------------- actions (teamleider only; reason logged)

const Reason = z.string().trim().min(3, 'Geef een reden op (minimaal 3 tekens).').max(500);
const Id = z.string().min(1).max(100);

export const SetAgentQueuesPayload = z
  .object({
    agentId: Id,
    queueIds: z.array(Id).max(100),
    /** Replace the skills too (skill → level 1..10); absent: keep them. */
    skills: z.record(z.string().min(1).max(50), z.number().int().min(1).max(10)).optional(),
    reason: Reason,
  })
  .strict();
export type SetAgentQueuesPayload = z.infer<typeof SetAgentQueuesPayload>;

export const SetAgentPresencePayload = z
  .object({ agentId: Id, presence: z.enum(['pauze', 'offline']), reason: Reason })
  .strict();
export type SetAgentPresencePayload = z.infer<typeof SetAgentPresencePayload>;

export const MoveContactPayload = z.object({ contactId: Id, toQueueId: Id, reason: Reason }).strict();
export type MoveContactPayload = z.infer<typeof MoveContactPayload>;

export const SetContactPriorityPayload = z
  .object({
    contactId: Id,
    /** Extra priority on top of the queue priority (higher is sooner). */
    priority: z.number().int().min(0).max(100),
    reason: Reason,
  })
  .strict();
export type SetContactPriorityPayload = z.infer<typeof SetContactPriorityPayload>;

/** Ack error codes of dashboard actions besides ACK_ERRORS (`invalid_payload`, `not_found`, `forbidden`). */
export const DASHBOARD_ERRORS = {
  unknownAgent: 'unknown_agent',
  unknownQueue: 'unknown_queue',
  unknownContact: 'unknown_contact',
  /** The contact is no longer waiting (taken, finished, abandoned). */
  notWaiting: 'not_waiting',
  /** The target queue does not serve the contact's channel. */
  channelNotServed: 'channel_not_served',
} as const;

/** Client → server on `/dashboard` (auth: `{ token }` in the handshake, role teamleider or beheerder). */
export interface DashboardClientToServerEvents {
  /** Ask a fresh snapshot (after a seq gap). Also allowed for beheerder. */
  'dashboard:resync': (payload: Record<string, never>, ack: (res: Ack<DashboardSnapshot>) => void) => void;
  'agent:set-queues': (payload: SetAgentQueuesPayload, ack: (res: Ack<AgentLive>) => void) => void;
  'agent:set-presence': (payload: SetAgentPresencePayload, ack: (res: Ack<AgentLive>) => void) => void;
  'contact:move': (payload: MoveContactPayload, ack: (res: Ack) => void) => void;
  'contact:set-priority': (payload: SetContactPriorityPayload, ack: (res: Ack) => void) => void;
}

/** Server → client on `/dashboard`. */
export interface DashboardServerToClientEvents {
  'dashboard:snapshot': (snapshot: DashboardSnapshot) => void;
  'dashboard:delta': (delta: DashboardDelta) => void;
}

export interface DashboardSocketData {
  userId: string;
  roles: string[];
}

/**
 * REST equivalents (Bearer; actions teamleider, GET also beheerder). Success: 200 with the same data as the ack;
 * errors: problem JSON (400 invalidParams, 403, 404, 409 not waiting, 422 channel not served).
 *   GET  /api/dashboard/snapshot                          → DashboardSnapshot
 *   POST /api/dashboard/agents/:agentId/queues            body Omit<SetAgentQueuesPayload,'agentId'> → AgentLive
 *   POST /api/dashboard/agents/:agentId/presence          body Omit<SetAgentPresencePayload,'agentId'> → AgentLive
 *   POST /api/dashboard/contacts/:contactId/move          body Omit<MoveContactPayload,'contactId'> → { ok: true }
 *   POST /api/dashboard/contacts/:contactId/priority      body Omit<SetContactPriorityPayload,'contactId'> → { ok: true }
 */
export const DASHBOARD_NAMESPACE = '/dashboard';

// ---------------------------------------------------------------- reports

export const ReportPeriod = z.enum(['day', 'week', 'month']);
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** A real calendar day `YYYY-MM-DD` (no 2024-02-30) in a range a report can cover. */
const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Gebruik JJJJ-MM-DD')
  .refine((day) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 2000 && y <= 2999 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'Kies een bestaande datum tussen 2000 en 2999');

/** `GET /api/reports` query (teamleider, beheerder). from/to are inclusive local days; default: the last 7 days. */
export const ReportQuery = z
  .object({
    period: ReportPeriod.default('day'),
    from: DateOnly.optional(),
    to: DateOnly.optional(),
    queue: z.string().min(1).max(100).optional(),
    channel: Channel.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type ReportQuery = z.infer<typeof ReportQuery>;

/** The KPIs of one bucket (a day, ISO week or month) or of one queue / channel over the whole range. */
export const ReportMetrics = z.object({
  offered: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  answeredWithinNorm: z.number().int().nonnegative(),
  abandoned: z.number().int().nonnegative(),
  shortAbandoned: z.number().int().nonnegative(),
  serviceLevel: z.number().min(0).max(1).nullable(),
  asaSeconds: z.number().nonnegative().nullable(),
  ahtSeconds: z.number().nonnegative().nullable(),
  abandonRate: z.number().min(0).max(1).nullable(),
  /** Contacts with at least one registration that ended as zelfstandig afgehandeld. */
  zelfstandigAfgehandeld: z.number().int().nonnegative(),
  /** Of those: no new contact of the same partij about the same onderwerp within 7 days. */
  firstContactResolved: z.number().int().nonnegative(),
  /** firstContactResolved / zelfstandigAfgehandeld-with-a-known-partij-and-onderwerp, null when none. */
  firstContactResolution: z.number().min(0).max(1).nullable(),
  /** `kanaalswitch` events on contacts arriving in the bucket. */
  channelSwitches: z.number().int().nonnegative(),
  /** Kanaalsturing registrations (kennisbank) in the bucket, and how many pointed to the primary channel. */
  kanaalsturing: z.number().int().nonnegative(),
  kanaalsturingPrimary: z.number().int().nonnegative(),
  /** Of the kanaalsturing registrations: contacts that came in through the product's primary channel. */
  viaPrimaryChannel: z.number().int().nonnegative(),
  /** viaPrimaryChannel / kanaalsturing: the channel residents actually used, not the agent's tick. */
  primaryChannelShare: z.number().min(0).max(1).nullable(),
  /**
   * Inspanning: questions (a known partij's first contact about an onderwerp, counted in the bucket it started)
   * with the contacts and channel changes it took within `inspanningWindowDays`.
   */
  vragen: z.number().int().nonnegative(),
  contactenVoorVragen: z.number().int().nonnegative(),
  kanaalwisselsVoorVragen: z.number().int().nonnegative(),
  /** contactenVoorVragen / vragen, null when no questions. */
  contactenPerVraag: z.number().nonnegative().nullable(),
  /**
   * Voorspelbaarheid: answers promised in ontvangstbevestigingen that fell due in the bucket, and how many were
   * answered (a reply sent by an agent, or the contact registered) by the promised time.
   */
  beloften: z.number().int().nonnegative(),
  beloftenNagekomen: z.number().int().nonnegative(),
  voorspelbaarheid: z.number().min(0).max(1).nullable(),
  /** CSAT ratings (rating links after every channel, 1..5). */
  csatCount: z.number().int().nonnegative(),
  csatAverage: z.number().min(1).max(5).nullable(),
});
export type ReportMetrics = z.infer<typeof ReportMetrics>;

export const ReportBucket = ReportMetrics.extend({
  /** First local day of the bucket, YYYY-MM-DD. */
  start: z.string(),
  /** Dutch label: "ma 3 mrt", "week 10 2026", "maart 2026". */
  label: z.string(),
});
export type ReportBucket = z.infer<typeof ReportBucket>;

/**
 * Registrations per onderwerp over the whole range (issue 14 §7), under both filters: those picked from the managed
 * list per onderwerp (its current name), all free text together in one row (`onderwerpId: null`). Contact figures
 * (handle time, ratings) count once for every onderwerp registered on the contact.
 */
export const ReportOnderwerp = z.object({
  onderwerpId: z.string().nullable(),
  naam: z.string(),
  registraties: z.number().int().nonnegative(),
  contacten: z.number().int().nonnegative(),
  zelfstandigAfgehandeld: z.number().int().nonnegative(),
  firstContactResolved: z.number().int().nonnegative(),
  firstContactResolution: z.number().min(0).max(1).nullable(),
  ahtSeconds: z.number().nonnegative().nullable(),
  kanaalsturing: z.number().int().nonnegative(),
  primaryChannelShare: z.number().min(0).max(1).nullable(),
  csatCount: z.number().int().nonnegative(),
  csatAverage: z.number().min(1).max(5).nullable(),
});
export type ReportOnderwerp = z.infer<typeof ReportOnderwerp>;

export const ReportResponse = z.object({
  period: ReportPeriod,
  from: z.string(),
  to: z.string(),
  filters: z.object({ queue: z.string().optional(), channel: Channel.optional() }),
  definitions: z.object({
    shortAbandonSeconds: z.number(),
    fcrWindowDays: z.number(),
    inspanningWindowDays: z.number(),
    serviceLevel: z.string(),
  }),
  buckets: z.array(ReportBucket),
  total: ReportMetrics,
  /** Over the whole range; byQueue applies only the channel filter, byChannel only the queue filter. */
  byQueue: z.array(ReportMetrics.extend({ queue: z.string(), name: z.string() })),
  byChannel: z.array(ReportMetrics.extend({ channel: Channel })),
  /** Most registrations first. */
  byOnderwerp: z.array(ReportOnderwerp),
});
export type ReportResponse = z.infer<typeof ReportResponse>;

/** `POST /beoordeling/:token` (form or JSON): the e-mail rating link's answer. */
export const RatingForm = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});
export type RatingForm = z.infer<typeof RatingForm>;

// ---------------------------------------------------------------- intraday (the day so far, per interval)

/** Length of one interval of the intraday chart. */
export const INTRADAY_INTERVAL_MINUTES = 15;

export const IntradayInterval = z.object({
  /** Start of the interval. */
  start: IsoDateTime,
  /** The most contacts waiting at once in this queue during the interval. */
  maxWaiting: z.number().int().nonnegative(),
  /** Contacts that arrived in the interval (short abandons excluded). */
  offered: z.number().int().nonnegative(),
  /** Service level of the contacts that arrived in the interval and were answered or abandoned; null: none. */
  serviceLevel: z.number().min(0).max(1).nullable(),
});
export type IntradayInterval = z.infer<typeof IntradayInterval>;

export const IntradayQueue = z.object({
  id: z.string(),
  name: z.string(),
  servicenorm: z.object({ targetPercent: z.number(), withinSeconds: z.number() }),
  /** From the start of the day to the interval that holds now, in time order. */
  intervals: z.array(IntradayInterval),
});
export type IntradayQueue = z.infer<typeof IntradayQueue>;

/** `GET /api/dashboard/intraday`: waiting contacts and service level through the day, per queue. */
export const IntradayResponse = z.object({
  day: z.string(),
  intervalMinutes: z.number().int().positive(),
  queues: z.array(IntradayQueue),
});
export type IntradayResponse = z.infer<typeof IntradayResponse>;
