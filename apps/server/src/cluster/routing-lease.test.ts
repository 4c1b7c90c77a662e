import { sql } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { TestClock } from '../../test-support/test-clock';
import { storesUnderTest } from '../../test-support/each-store';
import type { Logger } from '../shared/logger';
import { migrateStore } from '../store/migrate-store';
import { openStore, type Store } from '../store/store';
import { memorySharedState } from './memory-shared-state';
import {
  createRoutingLease,
  NotRoutingLeader,
  postgresRoutingLease,
  routingLeaseMigrations,
  type PostgresRoutingLease,
} from './routing-lease';
import type { SharedState } from './shared-state';

const log: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const TTL = 6000;
const HEARTBEAT = 2000;

describe('routing lease without PostgreSQL', () => {
  it('the single process always leads, with fencing token 1', async () => {
    const sqlite = storesUnderTest.find((s) => s.dialect === 'sqlite')!;
    const { store } = await sqlite.openStore(routingLeaseMigrations);
    const lease = createRoutingLease({ store, instanceId: 'solo', clock: new TestClock(), log });
    const heard: string[] = [];
    lease.subscribe({ onAcquired: (f) => heard.push(`acquired ${f}`), onLost: () => heard.push('lost') });
    await lease.start();
    expect(lease.isLeader()).toBe(true);
    expect(lease.leader()).toEqual({ instanceId: 'solo', url: undefined, fencing: 1 });
    await lease.assertFencing(store.kysely(), 1);
    await lease.stop();
    expect(heard).toEqual(['acquired 1', 'lost']);
  });
});

const postgres = storesUnderTest.find((s) => s.dialect === 'postgres');
if (postgres)
  describe('routing lease on PostgreSQL', () => {
    /** A fresh schema with the lease table; `open()` gives each instance its own pool on it. */
    async function database() {
      const fresh = await postgres!.freshDatabase();
      const url = fresh.env.KCC_DATABASE_URL!;
      const stores: Store[] = [];
      const open = async () => {
        const store = openStore({ postgresUrl: url, maxConnections: 3 });
        stores.push(store);
        return store;
      };
      await migrateStore(await open(), routingLeaseMigrations);
      await sql`CREATE TABLE routing_probe (writer TEXT NOT NULL)`.execute((await open()).kysely());
      onTestFinished(async () => {
        for (const s of stores) await s.close().catch(() => undefined);
        await fresh.drop();
      });
      return { open };
    }

    interface Instance {
      lease: PostgresRoutingLease;
      store: Store;
      clock: TestClock;
      heard: string[];
    }

    async function instance(
      open: () => Promise<Store>,
      id: string,
      clock: TestClock,
      state?: SharedState,
    ): Promise<Instance> {
      const store = await open();
      const lease = postgresRoutingLease({
        store,
        instanceId: id,
        clock,
        log,
        ttlMs: TTL,
        heartbeatMs: HEARTBEAT,
        advertisedUrl: `http://${id}.internal`,
        ...(state ? { state } : {}),
      });
      const heard: string[] = [];
      lease.subscribe({ onAcquired: (f) => heard.push(`acquired ${f}`), onLost: () => heard.push('lost') });
      onTestFinished(() => lease.stop());
      return { lease, store, clock, heard };
    }

    /** Moves the clock one heartbeat at a time and lets every lease finish what that started. */
    async function advance(clock: TestClock, all: Instance[], ms: number) {
      for (let done = 0; done < ms; done += HEARTBEAT) {
        clock.advance(Math.min(HEARTBEAT, ms - done));
        await Promise.all(all.map((i) => i.lease.idle()));
      }
    }

    const leaders = (all: Instance[]) => all.filter((i) => i.lease.isLeader()).map((i) => i.lease.instanceId);

    it('of two contenders one holds the lease, and keeps it while it renews', async () => {
      const { open } = await database();
      const clock = new TestClock({ frozenAt: 0 });
      const a = await instance(open, 'a', clock);
      const b = await instance(open, 'b', clock);
      await a.lease.start();
      await b.lease.start();
      expect(leaders([a, b])).toEqual(['a']);
      await advance(clock, [a, b], 60_000);
      expect(leaders([a, b])).toEqual(['a']);
      expect(a.heard).toEqual(['acquired 1']);
      expect(b.heard).toEqual([]);
      expect(b.lease.leader()).toEqual({ instanceId: 'a', url: 'http://a.internal', fencing: 1 });
    });

    it('of three contenders one holds it at a time; a dead holder is taken over within 10 s', async () => {
      const { open } = await database();
      const clock = new TestClock({ frozenAt: 0 });
      const all = [
        await instance(open, 'a', clock),
        await instance(open, 'b', clock),
        await instance(open, 'c', clock),
      ];
      await Promise.all(all.map((i) => i.lease.start()));
      expect(leaders(all)).toHaveLength(1);
      const fencings: number[] = [all.find((i) => i.lease.isLeader())!.lease.fencing()!];
      for (let round = 0; round < 2; round++) {
        const holder = all.find((i) => i.lease.isLeader())!;
        // The holder's database goes away (a dead process stops renewing the same way).
        await holder.store.close();
        const diedAt = clock.now();
        let takenAt: number | undefined;
        while (takenAt === undefined) {
          await advance(clock, all, HEARTBEAT);
          expect(leaders(all).length).toBeLessThanOrEqual(1);
          const next = all.find((i) => i !== holder && i.lease.isLeader());
          if (next) takenAt = clock.now();
          expect(clock.now() - diedAt).toBeLessThanOrEqual(10_000);
        }
        // The holder gave up before the other took over.
        expect(holder.heard.at(-1)).toBe('lost');
        fencings.push(all.find((i) => i.lease.isLeader())!.lease.fencing()!);
        all.splice(all.indexOf(holder), 1);
      }
      expect(fencings).toEqual([1, 2, 3]);
    });

    it("a stale holder's fenced write is rejected, the new holder's goes through", async () => {
      const { open } = await database();
      // A sleeps (a GC pause): its clock stands still while B's runs.
      const a = await instance(open, 'a', new TestClock({ frozenAt: 0 }));
      const b = await instance(open, 'b', new TestClock({ frozenAt: 0 }));
      await a.lease.start();
      await b.lease.start();
      expect(a.lease.fencing()).toBe(1);
      await advance(b.clock, [b], 2 * TTL);
      expect(b.lease.fencing()).toBe(2);
      // A wakes up still believing it leads, and writes under its token.
      expect(a.lease.isLeader()).toBe(true);
      const write = (i: Instance, fencing: number) =>
        i.store
          .kysely<{ routing_probe: { writer: string } }>()
          .transaction()
          .execute(async (trx) => {
            await i.lease.assertFencing(trx as never, fencing);
            await trx.insertInto('routing_probe').values({ writer: i.lease.instanceId }).execute();
          });
      await expect(write(a, 1)).rejects.toBeInstanceOf(NotRoutingLeader);
      await write(b, 2);
      const rows = await b.store
        .kysely<{ routing_probe: { writer: string } }>()
        .selectFrom('routing_probe')
        .selectAll()
        .execute();
      expect(rows).toEqual([{ writer: 'b' }]);
      // Its next heartbeat tells A it lost the lease.
      await advance(a.clock, [a], HEARTBEAT);
      expect(a.lease.isLeader()).toBe(false);
      expect(a.heard).toEqual(['acquired 1', 'lost']);
    });

    it("a takeover waits for the old holder's open fenced transaction, so the new one reads its write", async () => {
      const { open } = await database();
      const a = await instance(open, 'a', new TestClock({ frozenAt: 0 }));
      const b = await instance(open, 'b', new TestClock({ frozenAt: 0 }));
      await a.lease.start();
      await b.lease.start();
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let checked!: () => void;
      const fenceChecked = new Promise<void>((resolve) => (checked = resolve));
      const probe = () => a.store.kysely<{ routing_probe: { writer: string } }>();
      const writing = probe()
        .transaction()
        .execute(async (trx) => {
          await a.lease.assertFencing(trx as never, 1);
          checked();
          await held;
          await trx.insertInto('routing_probe').values({ writer: 'a' }).execute();
        });
      await fenceChecked;
      let acquiredSeen = false;
      b.lease.subscribe({
        onAcquired: () => {
          acquiredSeen = true;
        },
        onLost: () => {},
      });
      // B's takeover blocks on the share lock; it completes only after A's transaction commits.
      b.clock.advance(HEARTBEAT * 4);
      const takeover = b.lease.idle();
      await expect
        .poll(
          async () =>
            (
              await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`.execute(
                b.store.kysely(),
              )
            ).rows[0]!.n,
        )
        .toBeGreaterThan(0);
      expect(acquiredSeen).toBe(false);
      commit();
      await writing;
      await takeover;
      expect(b.lease.fencing()).toBe(2);
      const rows = await b.store
        .kysely<{ routing_probe: { writer: string } }>()
        .selectFrom('routing_probe')
        .selectAll()
        .execute();
      expect(rows).toEqual([{ writer: 'a' }]);
    });

    it('a holder that gave up after a pause takes its lease back with a new token if nobody took it', async () => {
      const { open } = await database();
      const clock = new TestClock({ frozenAt: 0 });
      const a = await instance(open, 'a', clock);
      const b = await instance(open, 'b', clock);
      await a.lease.start();
      await b.lease.start();
      // The event loop was blocked for 4 s: the self-expiry fires before the heartbeat that just went out returns.
      clock.advance(TTL - HEARTBEAT);
      expect(a.lease.isLeader()).toBe(false);
      await Promise.all([a.lease.idle(), b.lease.idle()]);
      await advance(clock, [a, b], HEARTBEAT);
      expect(leaders([a, b])).toEqual(['a']);
      expect(a.heard).toEqual(['acquired 1', 'lost', 'acquired 2']);
    });

    it('a clean stop hands the lease over at once', async () => {
      const { open } = await database();
      const clock = new TestClock({ frozenAt: 0 });
      const state = memorySharedState(clock);
      const a = await instance(open, 'a', clock, state);
      const b = await instance(open, 'b', clock, state);
      const c = await instance(open, 'c', clock, state);
      await a.lease.start();
      await b.lease.start();
      await c.lease.start();
      await a.lease.stop();
      // No clock moved: the release woke the others.
      await Promise.all([b.lease.idle(), c.lease.idle()]);
      expect(leaders([a, b, c])).toHaveLength(1);
      expect(a.heard).toEqual(['acquired 1', 'lost']);
      const next = [b, c].find((i) => i.lease.isLeader())!;
      expect(next.lease.fencing()).toBe(2);
    });
  });
