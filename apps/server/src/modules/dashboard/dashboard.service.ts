import type {
  AgentLive,
  DashboardDelta,
  DashboardSnapshot,
  DashboardTotals,
  IntradayResponse,
  QueueLive,
  WaitingContact,
} from '@kcc/contracts/dashboard';
import { INTRADAY_INTERVAL_MINUTES } from '@kcc/contracts/dashboard';
import { PRESENCES, type Channel, type Presence } from '@kcc/contracts/domain';
import { systemClock, type Clock } from '../../shared/clock';
import type { DomainEvent, EventBus } from '../../shared/domain-events';
import type { ContactsRepository } from '../contacts/contacts.repository';
import type { Logger } from '../../shared/logger';
import type { RoutingService } from '../routing/routing.service';
import { ContactFold, type StoredAgentEvent, type StoredContactEvent } from './contact-fold';
import { EventLogReader, PageCursor } from './event-log';
import { LiveStats } from './live-stats';
import { localDay, localDayStart } from './local-day';
import { IntradaySeries } from './intraday';
import { OccupancyTracker, occupancyStats } from './occupancy';
import { addCounters, averageHandleTimeSeconds, emptyCounters, windowStats } from './service-level';
import { staffingAdvice } from './staffing';

export interface DashboardDeps {
  routing: RoutingService;
  contacts: ContactsRepository;
  userName: (userId: string) => string | undefined;
  /** The committed domain events; the read model folds the event log's rows from it. */
  events: EventBus;
  log: Logger;
  /** Deltas are coalesced: at most one per this many ms (default 250). */
  throttleMs?: number;
  /** Time-driven refresh (rolling 30-minute window, day change, missed pokes); default 5000 ms. */
  tickMs?: number;
  /** What time it is (default: the system clock). Throttling deltas stays on the event loop's time. */
  clock?: Clock;
}

const MAX_WAITING_LISTED = 50;
const iso = (ms: number) => new Date(ms).toISOString();

type Touched = { queues: Set<string>; agents: Set<string> };

const isPresence = (v: unknown): v is Presence => (PRESENCES as readonly unknown[]).includes(v);

/**
 * The live read model of the team-leader dashboard. Figures (offered, answered, service level, ASA, AHT, handled,
 * niet-reagerend, occupancy) are folded incrementally from the event log, rebuilt from today's events at start;
 * the state of this moment (waiting, presence, contacts held) is read from the routing engine. After start, the
 * log's rows come as committed domain events (`contact-logged`, `agent-logged`) in commit order; nothing is read
 * back. Changes are pushed as coalesced deltas with a sequence number. Store reads (the replay, waiting contacts,
 * channels of contacts whose arrival the fold did not see) are async; folding stays in log order because batches
 * are folded one after another.
 */
export class DashboardService {
  private readonly reader: EventLogReader;
  private readonly fold: ContactFold;
  private readonly stats: LiveStats;
  private readonly intraday: IntradaySeries;
  private readonly occupancy: OccupancyTracker;
  /** Channels of contacts in the batch being folded whose `created` the fold did not see (read from the store). */
  private readonly channelHints = new Map<string, Channel>();
  private lastContactSeq = 0;
  private lastAgentSeq = 0;
  /** Committed log rows not folded yet (folded on the next tick, or at once by a snapshot). */
  private pending: DomainEvent[] = [];
  private drainScheduled = false;
  /** The replay at start is done: committed rows are folded from then on. */
  private started = false;
  private draining: Promise<void> = Promise.resolve();
  private seq = 0;
  private readonly dirtyQueues = new Set<string>();
  private readonly dirtyAgents = new Set<string>();
  private readonly lastSent = new Map<string, string>();
  /** A held contact as the board shows it, by id; dropped when the event log has news about the contact. */
  private readonly heldInfo = new Map<string, AgentLive['contacts'][number]>();
  private readonly loadingHeld = new Set<string>();
  private lastTotals = '';
  /** Delta listeners, each with whether anyone is listening through it now. */
  private readonly listeners = new Map<(delta: DashboardDelta) => void, () => boolean>();
  private readonly presenceReasons = new Map<string, { presence: Presence; reason: string }>();
  private emitTimer: NodeJS.Timeout | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private lastEmitAt = 0;
  private lastTickMinute = 0;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  private readonly clock: Clock;

  constructor(private readonly deps: DashboardDeps) {
    this.clock = deps.clock ?? systemClock;
    this.reader = new EventLogReader(deps.contacts);
    this.fold = new ContactFold({
      withinSeconds: (queueId) => deps.routing.queueConfig(queueId)?.servicenorm.withinSeconds,
      channelOf: (contactId) => this.channelHints.get(contactId),
    });
    const dayStart = localDayStart(this.clock.now());
    this.stats = new LiveStats(dayStart);
    this.intraday = new IntradaySeries(dayStart);
    this.occupancy = new OccupancyTracker(dayStart);
  }

  /**
   * Rebuild today's figures from the event log, then follow it. Committed rows are collected from before the
   * log's end is read, so none is missed while the replay reads; those the replay covered are skipped by seq.
   */
  async start(): Promise<void> {
    this.unsubscribe = this.deps.events.subscribe((e) => {
      if (e.type !== 'contact-logged' && e.type !== 'agent-logged') return;
      this.pending.push(e);
      if (this.drainScheduled) return;
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        void this.drain();
      });
    });
    const max = await this.reader.maxSeqs();
    const dayStart = this.stats.day;
    const ignore: Touched = { queues: new Set<string>(), agents: new Set<string>() };
    const replay = await this.reader.dayReplay(dayStart, max);
    // Contacts that arrived before midnight and still count today: their attempts and holders first.
    for await (const page of replay.carriedOver) {
      await this.learnChannels(page);
      for (const e of page) this.foldContactEvent(e, ignore);
    }
    for (const e of replay.presenceBefore) {
      const presence = e.data?.presence;
      if (isPresence(presence)) this.occupancy.seedPresence(e.agentId, presence, dayStart);
    }
    await this.replayByTime(replay.contactEvents, replay.agentEvents, ignore);
    this.channelHints.clear();
    if (this.stopped) return;
    // The engine starts every agent offline after a restart without logging it: follow the engine from now on,
    // without counting the time the server was down.
    const now = this.clock.now();
    for (const id of this.deps.routing.agentIds()) {
      const presence = this.deps.routing.agentSnapshot(id)?.presence ?? 'offline';
      if (presence !== this.occupancy.presenceOf(id)) this.occupancy.seedPresence(id, presence, now);
    }
    this.lastContactSeq = max.contact;
    this.lastAgentSeq = max.agent;
    this.lastTickMinute = Math.floor(now / 60_000);
    this.started = true;
    this.tickTimer = setInterval(() => this.tick(), this.deps.tickMs ?? 5000);
    this.tickTimer.unref();
    await this.drain();
  }

  /** Both logs as one stream by event time, each log in its own order: occupancy needs them interleaved. */
  private async replayByTime(
    contactPages: AsyncIterable<StoredContactEvent[]>,
    agentPages: AsyncIterable<StoredAgentEvent[]>,
    touched: Touched,
  ): Promise<void> {
    const contacts = new PageCursor(contactPages);
    const agents = new PageCursor(agentPages);
    for (;;) {
      // Awaited only at a page boundary: folding within a page stays synchronous.
      if (contacts.exhausted()) {
        const page = await contacts.refill();
        if (page) await this.learnChannels(page);
      }
      if (agents.exhausted()) await agents.refill();
      const c = contacts.current();
      const a = agents.current();
      if (c !== undefined && (a === undefined || c.at <= a.at)) {
        this.applyContactEvent(c, touched);
        contacts.advance();
      } else if (a !== undefined) {
        this.applyAgentEvent(a, touched);
        agents.advance();
      } else return;
    }
  }

  /**
   * The channel of each contact in these events (log order) that arrives in a queue while the fold does not know
   * it: its `created` lies before what the fold saw, or the fold forgot it at a close earlier on.
   */
  private async learnChannels(events: readonly StoredContactEvent[]): Promise<void> {
    this.channelHints.clear();
    const created = new Set<string>();
    const forgotten = new Set<string>();
    const unknown = new Set<string>();
    for (const e of events) {
      if (e.type === 'created') created.add(e.contactId);
      else if (e.type === 'closed' || e.type === 'abandoned') forgotten.add(e.contactId);
      else if (
        (e.type === 'queued' || e.type === 'requeued') &&
        !created.has(e.contactId) &&
        (forgotten.has(e.contactId) || !this.fold.knowsChannel(e.contactId))
      ) {
        unknown.add(e.contactId);
      }
    }
    if (unknown.size === 0) return;
    for (const [id, p] of await this.deps.contacts.placements([...unknown]))
      this.channelHints.set(id, p.channel);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.tickTimer);
    clearTimeout(this.emitTimer);
  }

  /**
   * `hasAudience`: whether the listener passes deltas on to anyone now (the namespace: a team leader is
   * connected). With no audience at all no delta is built; whoever connects later starts from a snapshot.
   */
  onDelta(listener: (delta: DashboardDelta) => void, hasAudience: () => boolean = () => true): () => void {
    this.listeners.set(listener, hasAudience);
    return () => this.listeners.delete(listener);
  }

  /** The whole view now; deltas after it carry seq + 1, … */
  async snapshot(): Promise<DashboardSnapshot> {
    await this.drain();
    const waiting = await this.waitingIn(this.deps.routing.queueIds());
    const now = this.clock.now();
    const queues = this.deps.routing.queueIds().map((id) => this.queueLive(id, now, waiting.get(id) ?? []));
    const agents = this.agentIds().map((id) => this.agentLive(id));
    return {
      seq: this.seq,
      generatedAt: iso(now),
      day: localDay(now),
      queues,
      agents,
      totals: this.totals(now, agents),
    };
  }

  async queue(id: string): Promise<QueueLive | undefined> {
    if (!this.deps.routing.hasQueue(id)) return undefined;
    const waiting = await this.waitingIn([id]);
    return this.deps.routing.hasQueue(id)
      ? this.queueLive(id, this.clock.now(), waiting.get(id) ?? [])
      : undefined;
  }

  agent(id: string): AgentLive | undefined {
    return this.deps.routing.isAgent(id) ? this.agentLive(id) : undefined;
  }

  /** A team leader set this presence with a reason (shown next to the agent while it lasts). */
  notePresenceReason(agentId: string, presence: Presence, reason: string): void {
    this.presenceReasons.set(agentId, { presence, reason });
    this.markAgent(agentId);
  }

  /** Something outside the event log changed (an agent's queues): push it. */
  markAgent(agentId: string): void {
    this.dirtyAgents.add(agentId);
    for (const q of this.deps.routing.queueIds()) this.dirtyQueues.add(q);
    this.scheduleEmit();
  }

  markQueue(queueId: string): void {
    this.dirtyQueues.add(queueId);
    this.scheduleEmit();
  }

  // ------------------------------------------------------------------ following the log

  /** Fold in every committed event not seen yet, in commit order (one batch after another). */
  drain(): Promise<void> {
    this.draining = this.draining.then(() => this.drainBatch());
    return this.draining;
  }

  private async drainBatch(): Promise<void> {
    if (this.stopped || !this.started || this.pending.length === 0) return;
    try {
      const events = this.pending;
      this.pending = [];
      await this.learnChannels(
        events.flatMap((e) =>
          e.type === 'contact-logged' && e.seq > this.lastContactSeq ? [{ ...e.event, seq: e.seq }] : [],
        ),
      );
      if (this.stopped) return;
      this.rollDay(this.clock.now());
      const touched: Touched = { queues: this.dirtyQueues, agents: this.dirtyAgents };
      const contactIds = new Set<string>();
      for (const e of events) {
        // Rows the start-up replay already read are skipped.
        if (e.type === 'contact-logged' && e.seq > this.lastContactSeq) {
          this.lastContactSeq = e.seq;
          this.applyContactEvent({ ...e.event, seq: e.seq }, touched, contactIds);
        } else if (e.type === 'agent-logged' && e.seq > this.lastAgentSeq) {
          this.lastAgentSeq = e.seq;
          this.applyAgentEvent({ ...e.event, seq: e.seq }, touched);
        }
      }
      // The queue a contact is in changes its waiting / in-progress figures: a store read for contacts whose
      // queue the fold does not know (no open attempt); those queues are marked when the read returns.
      if (contactIds.size > 0) void this.markQueuesOf([...contactIds]);
      if (this.dirtyQueues.size > 0 || this.dirtyAgents.size > 0) this.scheduleEmit();
    } catch (err) {
      this.deps.log.error({ err }, 'dashboard: folding committed events failed');
    } finally {
      this.channelHints.clear();
    }
  }

  /** The first waiting contacts of each queue, as the board lists them. */
  private async waitingIn(queueIds: readonly string[]): Promise<Map<string, WaitingContact[]>> {
    const lists = await Promise.all(
      queueIds.map((id) => this.deps.contacts.waitingInQueue(id, MAX_WAITING_LISTED)),
    );
    return new Map(
      queueIds.map((id, i) => [
        id,
        (lists[i] ?? []).map((r) => ({
          id: r.id,
          channel: r.channel,
          waitingSince: iso(r.createdAt),
          priority: r.priority,
          offered: r.status === 'offered',
        })),
      ]),
    );
  }

  private async markQueuesOf(contactIds: string[]): Promise<void> {
    try {
      for (const id of contactIds) {
        const current = await this.deps.contacts.get(id);
        if (current) this.markQueue(current.queueId);
      }
    } catch (err) {
      this.deps.log.error({ err }, 'dashboard: reading contacts for their queue failed');
    }
  }

  /** A held contact the view does not know yet: read once, then the agent's row is sent again. */
  private loadHeld(agentId: string, contactId: string): void {
    if (this.loadingHeld.has(contactId)) return;
    this.loadingHeld.add(contactId);
    this.deps.contacts
      .get(contactId)
      .then((c) => {
        if (!c) return;
        if (this.heldInfo.size >= 50_000) this.heldInfo.clear();
        this.heldInfo.set(contactId, {
          id: c.id,
          channel: c.channel,
          queueId: c.queueId,
          since: iso(c.acceptedAt ?? c.createdAt),
        });
        this.markAgent(agentId);
      })
      .catch((err: unknown) =>
        this.deps.log.error({ err, contactId }, 'dashboard: reading a held contact failed'),
      )
      .finally(() => this.loadingHeld.delete(contactId));
  }

  /** The figures' part of a contact event: service-level facts and who holds the contact. */
  private foldContactEvent(e: StoredContactEvent, touched: Touched): void {
    for (const f of this.fold.apply(e)) {
      this.stats.apply(f, touched);
      this.intraday.apply(f);
    }
    const queueId = this.fold.queueOf(e.contactId);
    for (const agentId of this.occupancy.applyContactEvent(e, queueId)) touched.agents.add(agentId);
  }

  private applyContactEvent(e: StoredContactEvent, touched: Touched, contactIds?: Set<string>): void {
    // The queue the contact is in: the fold's open attempt knows it, else the store is asked after the batch.
    const queueId = this.fold.queueOf(e.contactId);
    if (queueId !== undefined) touched.queues.add(queueId);
    this.foldContactEvent(e, touched);
    const after = this.fold.queueOf(e.contactId);
    if (after !== undefined) touched.queues.add(after);
    else if (queueId === undefined) contactIds?.add(e.contactId);
    this.heldInfo.delete(e.contactId);
    const d = e.data ?? {};
    for (const key of ['queueId', 'fromQueueId', 'toQueueId'] as const) {
      const v = d[key];
      if (typeof v === 'string') touched.queues.add(v);
    }
    if (e.agentId !== undefined) touched.agents.add(e.agentId);
  }

  private applyAgentEvent(e: StoredAgentEvent, touched: Touched): void {
    touched.agents.add(e.agentId);
    this.occupancy.applyAgentEvent(e);
    if (e.type === 'presence-changed') {
      const presence = e.data?.presence;
      if (presence === 'niet-reagerend') this.stats.agentWentNietReagerend(e.agentId, e.at);
      const noted = this.presenceReasons.get(e.agentId);
      if (noted && noted.presence !== presence) this.presenceReasons.delete(e.agentId);
    }
    // Presence and queue changes alter "agents available" of the queues the agent serves.
    for (const q of this.deps.routing.servedQueueIds(e.agentId)) touched.queues.add(q);
  }

  private rollDay(now: number): void {
    const start = localDayStart(now);
    if (start === this.stats.day) return;
    this.stats.reset(start);
    this.intraday.reset(start);
    this.occupancy.reset(start);
    for (const q of this.deps.routing.queueIds()) this.dirtyQueues.add(q);
    for (const a of this.agentIds()) this.dirtyAgents.add(a);
  }

  private tick(): void {
    void this.drain();
    const minute = Math.floor(this.clock.now() / 60_000);
    if (minute !== this.lastTickMinute) {
      // The 30-minute window moved: recent figures and staffing advice change without any event.
      this.lastTickMinute = minute;
      for (const q of this.deps.routing.queueIds()) this.dirtyQueues.add(q);
      this.scheduleEmit();
    }
  }

  // ------------------------------------------------------------------ deltas

  private scheduleEmit(): void {
    if (this.emitTimer !== undefined || this.stopped) return;
    const delay = Math.max(0, this.lastEmitAt + (this.deps.throttleMs ?? 250) - Date.now());
    // The timer stays set until the delta is out, so deltas are built one at a time, in seq order.
    this.emitTimer = setTimeout(() => {
      this.emit()
        .catch((err: unknown) => this.deps.log.error({ err }, 'dashboard: building a delta failed'))
        .finally(() => {
          this.emitTimer = undefined;
          if (this.dirtyQueues.size > 0 || this.dirtyAgents.size > 0) this.scheduleEmit();
        });
    }, delay);
  }

  private async emit(): Promise<void> {
    if (this.dirtyQueues.size === 0 && this.dirtyAgents.size === 0) return;
    if (![...this.listeners.values()].some((hasAudience) => hasAudience())) {
      // Nobody to tell. Forget what was sent, so the first delta after a new snapshot sends whatever changed.
      this.dirtyQueues.clear();
      this.dirtyAgents.clear();
      this.lastSent.clear();
      this.lastTotals = '';
      return;
    }
    const dirtyQueues = [...this.dirtyQueues].filter((id) => this.deps.routing.hasQueue(id));
    const dirtyAgents = [...this.dirtyAgents];
    this.dirtyQueues.clear();
    this.dirtyAgents.clear();
    const waiting = await this.waitingIn(dirtyQueues);
    if (this.stopped) return;
    const now = this.clock.now();
    this.lastEmitAt = Date.now();
    const queues: QueueLive[] = [];
    for (const id of dirtyQueues) {
      if (!this.deps.routing.hasQueue(id)) continue;
      const q = this.queueLive(id, now, waiting.get(id) ?? []);
      if (this.changed(`q:${id}`, q)) queues.push(q);
    }
    const agents: AgentLive[] = [];
    for (const id of dirtyAgents) {
      if (!this.deps.routing.isAgent(id)) continue;
      const a = this.agentLive(id);
      if (this.changed(`a:${id}`, a)) agents.push(a);
    }
    const totals = this.totals(now);
    const totalsJson = JSON.stringify(totals);
    if (queues.length === 0 && agents.length === 0 && totalsJson === this.lastTotals) return;
    this.lastTotals = totalsJson;
    const delta: DashboardDelta = {
      seq: ++this.seq,
      at: iso(now),
      day: localDay(now),
      queues,
      agents,
      totals,
    };
    for (const listener of this.listeners.keys()) {
      try {
        listener(delta);
      } catch (err) {
        this.deps.log.error({ err }, 'dashboard: delta listener failed');
      }
    }
  }

  /** Only what differs from the last pushed version goes out (longest wait ticks on the client). */
  private changed(key: string, value: QueueLive | AgentLive): boolean {
    const { longestWaitSeconds: _ignored, ...stable } = value as QueueLive;
    const json = JSON.stringify(stable);
    if (this.lastSent.get(key) === json) return false;
    this.lastSent.set(key, json);
    return true;
  }

  // ------------------------------------------------------------------ read models

  private agentIds(): string[] {
    return this.deps.routing.agentIds().sort();
  }

  private queueLive(id: string, now: number, waitingContacts: WaitingContact[]): QueueLive {
    const { routing } = this.deps;
    const config = routing.queueConfig(id);
    if (!config) throw new Error(`unknown queue ${id}`);
    const snap = routing.queueSnapshot(id);
    const today = this.stats.today(id);
    const recent = this.stats.recent(id, now);
    const { available, inNawerk, loggedIn, team } = this.agentsFor(id, config.channels);
    const oldest = snap.oldestArrivedAt;
    return {
      id,
      name: config.name,
      channels: config.channels,
      servicenorm: { ...config.servicenorm },
      waiting: snap.waiting + snap.offered,
      oldestWaitingSince: oldest !== undefined ? iso(oldest) : null,
      longestWaitSeconds: oldest !== undefined ? Math.max(0, (now - oldest) / 1000) : 0,
      inProgress: snap.assigned,
      today: { ...windowStats(today), ...occupancyStats(this.occupancy.today(team, now, id)) },
      last30: { ...windowStats(recent.counters), ...occupancyStats(this.occupancy.recent(team, now, id)) },
      staffing: staffingAdvice({
        servicenorm: config.servicenorm,
        arrivals: recent.counters.offered,
        windowMs: recent.windowMs,
        ahtSeconds: averageHandleTimeSeconds(recent.counters) ?? averageHandleTimeSeconds(today),
        waiting: snap.waiting + snap.offered,
        agentsAvailable: available,
        agentsInNawerk: inNawerk,
        agentsLoggedIn: loggedIn,
      }),
      waitingContacts,
    };
  }

  /**
   * Agents serving this queue on one of its channels (the queue's team, whose occupancy the queue shows):
   * available (beschikbaar: idle or with a contact), in nawerk, and logged in. Nawerk and pauze take no new
   * contact now, so the staffing advice does not count them as available.
   */
  private agentsFor(
    queueId: string,
    channels: readonly string[],
  ): { available: number; inNawerk: number; loggedIn: number; team: string[] } {
    const { routing } = this.deps;
    let available = 0;
    let inNawerk = 0;
    let loggedIn = 0;
    const team: string[] = [];
    for (const agentId of routing.agentIds()) {
      const config = routing.agentConfig(agentId);
      if (!config) continue;
      const capacity = config.capacity as Record<string, number | undefined>;
      if (!channels.some((c) => (capacity[c] ?? 0) > 0)) continue;
      if (!routing.servedQueueIds(agentId).includes(queueId)) continue;
      team.push(agentId);
      const presence = routing.agentSnapshot(agentId)?.presence ?? 'offline';
      if (presence !== 'offline') loggedIn++;
      if (presence === 'beschikbaar') available++;
      else if (presence === 'nawerk') inNawerk++;
    }
    return { available, inNawerk, loggedIn, team };
  }

  /** Waiting contacts and service level through today, per queue, up to now. */
  intradayView(): IntradayResponse {
    const now = this.clock.now();
    const { routing } = this.deps;
    return {
      day: localDay(now),
      intervalMinutes: INTRADAY_INTERVAL_MINUTES,
      queues: routing.queueIds().flatMap((id) => {
        const config = routing.queueConfig(id);
        if (!config) return [];
        return [
          {
            id,
            name: config.name,
            servicenorm: { ...config.servicenorm },
            intervals: this.intraday.intervals(id, now),
          },
        ];
      }),
    };
  }

  private agentLive(id: string): AgentLive {
    const { routing } = this.deps;
    const config = routing.agentConfig(id);
    const state = routing.agentState(id);
    // Cached: an agent with many contacts would otherwise cost a store read per contact on every delta.
    const held = routing.activeContactIds(id).flatMap((cid) => {
      const known = this.heldInfo.get(cid);
      if (known) return [known];
      this.loadHeld(id, cid);
      return [];
    });
    const counters = this.stats.agentCounters(id);
    const noted = this.presenceReasons.get(id);
    return {
      id,
      name: this.deps.userName(id) ?? id,
      presence: state.presence,
      since: state.since,
      ...(noted && noted.presence === state.presence ? { presenceReason: noted.reason } : {}),
      queueIds: [...(config?.queueIds ?? [])],
      skills: { ...(config?.skills ?? {}) },
      contacts: held,
      channels: [...new Set(held.map((c) => c.channel))],
      handledToday: counters.handledToday,
      nietReagerendToday: counters.nietReagerendToday,
    };
  }

  private totals(now: number, agents?: AgentLive[]): DashboardTotals {
    let waiting = 0;
    const today = emptyCounters();
    for (const id of this.deps.routing.queueIds()) {
      const snap = this.deps.routing.queueSnapshot(id);
      waiting += snap.waiting + snap.offered;
      addCounters(today, this.stats.today(id));
    }
    const byPresence = Object.fromEntries(PRESENCES.map((p) => [p, 0])) as Record<Presence, number>;
    if (agents) {
      for (const a of agents) byPresence[a.presence]++;
    } else {
      for (const id of this.deps.routing.agentIds()) {
        byPresence[this.deps.routing.agentSnapshot(id)?.presence ?? 'offline']++;
      }
    }
    const occupancy = occupancyStats(this.occupancy.today(this.deps.routing.agentIds(), now));
    return { waiting, agentsByPresence: byPresence, today: { ...windowStats(today), ...occupancy } };
  }
}
