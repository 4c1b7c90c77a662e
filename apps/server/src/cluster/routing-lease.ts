import { sql, type Kysely } from 'kysely';
import type { CancelTimer, Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { StoreMigration } from '../store/migration';
import type { Store } from '../store/store';
import type { SharedState } from './shared-state';

/**
 * The routing lease (issue 10 §3): one row in PostgreSQL names the one instance that runs the routing engine.
 * Its fencing token goes up by one at every acquisition; routing checks it inside its unit of work with
 * `assertFencing`, so a write of a leader that lost the lease without noticing (GC pause, partition) is rejected.
 * docs/decisions.md ("Issue 10 §3: routing lease") has the failure cases.
 */
export const routingLeaseMigrations: StoreMigration[] = [
  {
    id: 'cluster/001_routing_lease',
    // One process on SQLite always holds the lease: no table.
    sqlite: null,
    postgres: `CREATE TABLE routing_lease (
  name TEXT PRIMARY KEY,
  holder TEXT,
  holder_url TEXT,
  fencing BIGINT NOT NULL,
  beat BIGINT NOT NULL,
  renewed_at BIGINT NOT NULL
)`,
  },
];

interface RoutingLeaseRow {
  name: string;
  holder: string | null;
  holder_url: string | null;
  fencing: number;
  beat: number;
  renewed_at: number;
}
interface RoutingLeaseTables {
  routing_lease: RoutingLeaseRow;
}

/** Who holds the lease, as this instance last read it. */
export interface LeaseHolder {
  instanceId: string;
  /** The internal URL the holder advertised, when it gave one. */
  url: string | undefined;
  fencing: number;
}

export interface LeaseListener {
  /** This instance holds the lease now, with this fencing token: build the engine from the store. */
  onAcquired(fencing: number): void;
  /** It no longer does (taken over, expired without a heartbeat, or stopped): stop the engine at once. */
  onLost(): void;
}

/** A write under a fencing token that is no longer the lease's: the writer is not the routing leader. */
export class NotRoutingLeader extends Error {
  override name = 'NotRoutingLeader';
  constructor(readonly fencing: number | undefined) {
    super(`deze instantie heeft de routing-lease niet (fencing ${fencing ?? 'geen'})`);
  }
}

export interface RoutingLease {
  readonly instanceId: string;
  /** True when a heartbeat confirmed the lease less than `ttl - heartbeat` ago (on this instance's clock). */
  isLeader(): boolean;
  /** The fencing token this instance holds, else undefined. */
  fencing(): number | undefined;
  /** The holder as last read (this instance when it holds it); undefined when nobody holds it. */
  leader(): LeaseHolder | undefined;
  /** Listeners hear acquisitions and losses; one added while this instance leads hears `onAcquired` at once. */
  subscribe(listener: LeaseListener): () => void;
  /**
   * Call inside the unit of work that writes routing state, on its transaction (or any query builder of the
   * ambient unit of work): rejects with `NotRoutingLeader` unless `fencing` is still the lease's token. On
   * PostgreSQL it share-locks the lease row, so a takeover waits until this transaction ends and the new leader
   * reads what it wrote.
   */
  assertFencing(db: Kysely<unknown>, fencing: number): Promise<void>;
  start(): Promise<void>;
  /** Releases the lease, so another instance takes it at once. */
  stop(): Promise<void>;
}

const LEASE = 'routing';
const RELEASED = 'routing-lease:released';

/** Without PostgreSQL there is one process: it always leads, with fencing token 1. */
export function localRoutingLease(instanceId: string): RoutingLease {
  const listeners = new Set<LeaseListener>();
  let running = false;
  return {
    instanceId,
    isLeader: () => running,
    fencing: () => (running ? 1 : undefined),
    leader: () => (running ? { instanceId, url: undefined, fencing: 1 } : undefined),
    subscribe(listener) {
      listeners.add(listener);
      if (running) listener.onAcquired(1);
      return () => listeners.delete(listener);
    },
    assertFencing: async (_db, fencing) => {
      if (!running || fencing !== 1) throw new NotRoutingLeader(fencing);
    },
    start: async () => {
      if (running) return;
      running = true;
      for (const l of listeners) l.onAcquired(1);
    },
    stop: async () => {
      if (!running) return;
      running = false;
      for (const l of listeners) l.onLost();
    },
  };
}

export interface PostgresRoutingLeaseOptions {
  store: Store;
  instanceId: string;
  clock: Clock;
  log: Logger;
  /** A holder whose heartbeat was not seen to change for this long is taken over. */
  ttlMs?: number;
  /** How often the holder renews and the others look. */
  heartbeatMs?: number;
  /** Stored with the lease for followers that talk to the leader directly. */
  advertisedUrl?: string;
  /** When given (Redis in a cluster), a release wakes the other instances at once instead of at their next look. */
  state?: SharedState;
}

/**
 * The lease in a PostgreSQL row. Expiry never compares clocks of two machines: a contender takes over when the
 * row's `beat` did not change for `ttlMs` of its own clock, and the holder stops leading `heartbeatMs` before
 * that, counted on its own clock from the moment it sent the last heartbeat that succeeded.
 */
export function postgresRoutingLease(options: PostgresRoutingLeaseOptions): PostgresRoutingLease {
  return new PostgresRoutingLease(options);
}

export class PostgresRoutingLease implements RoutingLease {
  readonly instanceId: string;
  private readonly db: Kysely<RoutingLeaseTables>;
  private readonly ttlMs: number;
  private readonly heartbeatMs: number;
  private readonly listeners = new Set<LeaseListener>();
  private held: number | undefined;
  private holder: LeaseHolder | undefined;
  /** The row as a contender last saw it change, on this instance's clock. */
  private observed: { key: string; since: number } | undefined;
  private running = false;
  private nextTick: CancelTimer | undefined;
  private selfExpiry: CancelTimer | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(private readonly options: PostgresRoutingLeaseOptions) {
    this.instanceId = options.instanceId;
    this.db = options.store.kysely<RoutingLeaseTables>();
    this.ttlMs = options.ttlMs ?? 6000;
    this.heartbeatMs = options.heartbeatMs ?? 2000;
    if (this.heartbeatMs * 2 >= this.ttlMs)
      throw new Error('routing lease: heartbeat must be under half the TTL');
  }

  isLeader(): boolean {
    return this.held !== undefined;
  }

  fencing(): number | undefined {
    return this.held;
  }

  leader(): LeaseHolder | undefined {
    return this.holder;
  }

  subscribe(listener: LeaseListener): () => void {
    this.listeners.add(listener);
    if (this.held !== undefined) listener.onAcquired(this.held);
    return () => this.listeners.delete(listener);
  }

  async assertFencing(db: Kysely<unknown>, fencing: number): Promise<void> {
    const { rows } = await sql<{ fencing: number; holder: string | null }>`
      SELECT fencing, holder FROM routing_lease WHERE name = ${LEASE} FOR SHARE`.execute(db);
    const row = rows[0];
    if (!row || Number(row.fencing) !== fencing || row.holder !== this.instanceId) {
      throw new NotRoutingLeader(fencing);
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.db
      .insertInto('routing_lease')
      .values({ name: LEASE, holder: null, holder_url: null, fencing: 0, beat: 0, renewed_at: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    if (this.options.state) {
      this.unsubscribe = await this.options.state.subscribe(RELEASED, (from) => {
        if (from !== this.instanceId) this.tickNow();
      });
    }
    this.tickNow();
    await this.ticking;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.nextTick?.();
    await this.ticking;
    const fencing = this.held;
    if (fencing !== undefined) {
      this.lose();
      try {
        await this.db
          .updateTable('routing_lease')
          .set({ holder: null, holder_url: null, beat: sql`beat + 1` })
          .where('name', '=', LEASE)
          .where('fencing', '=', fencing)
          .where('holder', '=', this.instanceId)
          .execute();
        await this.options.state?.publish(RELEASED, this.instanceId);
      } catch (err) {
        this.options.log.warn(
          { err: String(err) },
          'routing-lease: vrijgeven mislukt; een ander neemt over na de TTL',
        );
      }
    }
    await this.unsubscribe?.();
  }

  /** Resolves when the running heartbeat or look (if any) has finished: for tests that move the clock. */
  idle(): Promise<void> {
    return this.ticking;
  }

  private tickNow(): void {
    this.nextTick?.();
    this.nextTick = undefined;
    this.ticking = this.ticking.then(() => this.tick());
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    try {
      if (this.held !== undefined) await this.renew(this.held);
      else await this.look();
    } catch (err) {
      // The holder keeps leading until its self-expiry; a contender just looks again.
      this.options.log.warn({ err: String(err) }, 'routing-lease: database niet bereikbaar');
    }
    if (this.running) {
      this.nextTick?.();
      this.nextTick = this.options.clock.setTimer(this.heartbeatMs, () => this.tickNow());
    }
  }

  private async renew(fencing: number): Promise<void> {
    const sentAt = this.options.clock.now();
    const renewed = await this.db
      .updateTable('routing_lease')
      .set({ beat: sql`beat + 1`, renewed_at: sentAt })
      .where('name', '=', LEASE)
      .where('fencing', '=', fencing)
      .where('holder', '=', this.instanceId)
      .returning('fencing')
      .executeTakeFirst();
    if (this.held !== fencing) return;
    if (!renewed) {
      this.options.log.warn({ fencing }, 'routing-lease: overgenomen door een andere instantie');
      this.lose();
      return;
    }
    this.armSelfExpiry(sentAt);
  }

  private async look(): Promise<void> {
    const row = await this.db
      .selectFrom('routing_lease')
      .selectAll()
      .where('name', '=', LEASE)
      .executeTakeFirstOrThrow();
    const now = this.options.clock.now();
    this.holder =
      row.holder === null
        ? undefined
        : { instanceId: row.holder, url: row.holder_url ?? undefined, fencing: Number(row.fencing) };
    const key = `${row.fencing}:${row.beat}`;
    if (this.observed?.key !== key) this.observed = { key, since: now };
    // A row that still names this instance (it gave up after a pause, or restarted): nobody else holds it.
    const free =
      row.holder === null || row.holder === this.instanceId || now - this.observed.since >= this.ttlMs;
    if (!free) return;
    const sentAt = this.options.clock.now();
    const taken = await this.db
      .updateTable('routing_lease')
      .set({
        holder: this.instanceId,
        holder_url: this.options.advertisedUrl ?? null,
        fencing: sql`fencing + 1`,
        beat: 0,
        renewed_at: sentAt,
      })
      .where('name', '=', LEASE)
      .where('fencing', '=', row.fencing)
      .where('beat', '=', row.beat)
      .returning('fencing')
      .executeTakeFirst();
    if (!taken || !this.running) return;
    const fencing = Number(taken.fencing);
    this.held = fencing;
    this.holder = { instanceId: this.instanceId, url: this.options.advertisedUrl, fencing };
    this.observed = undefined;
    this.armSelfExpiry(sentAt);
    this.options.log.info({ fencing, previous: row.holder }, 'routing-lease: verkregen');
    for (const l of this.listeners) l.onAcquired(fencing);
  }

  /** A contender takes over `ttl` after it saw the last beat; the holder gives up a heartbeat before that. */
  private armSelfExpiry(sentAt: number): void {
    this.selfExpiry?.();
    const left = sentAt + this.ttlMs - this.heartbeatMs - this.options.clock.now();
    this.selfExpiry = this.options.clock.setTimer(Math.max(0, left), () => {
      this.options.log.warn(
        { fencing: this.held },
        'routing-lease: geen hartslag bevestigd; leiderschap opgegeven',
      );
      this.lose();
    });
  }

  private lose(): void {
    this.selfExpiry?.();
    this.selfExpiry = undefined;
    if (this.held === undefined) return;
    this.held = undefined;
    this.holder = undefined;
    for (const l of this.listeners) l.onLost();
  }
}

/** The lease for this server: in PostgreSQL when the store is, else the single process always leads. */
export function createRoutingLease(options: PostgresRoutingLeaseOptions): RoutingLease {
  return options.store.dialect === 'postgres'
    ? postgresRoutingLease(options)
    : localRoutingLease(options.instanceId);
}
