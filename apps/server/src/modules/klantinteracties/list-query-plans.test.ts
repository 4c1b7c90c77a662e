import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, KI_CALLS, urlFor } from '../../../bench/klantinteracties-api.bench';

type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * The list calls of the Klantinteracties bench (issue 13) must stay index-driven: every statement a call runs
 * (filter, count, page, serialisation, `_expand`) is planned by SQLite without a scan of a table. This guards the
 * indexes the bench figures depend on; the figures themselves are in `npm run bench`.
 */
describe('Klantinteracties list calls: query plans', () => {
  let world: World;
  const statements = new Map<string, unknown[]>();

  beforeAll(async () => {
    world = await buildWorld(1_000, 5_000);
    const original = world.db.prepare.bind(world.db);
    // Record each statement with the arguments it first ran with, to plan it as it really ran.
    world.db.prepare = ((sql: string) => {
      const stmt = original(sql);
      return new Proxy(stmt, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (typeof value !== 'function') return value;
          if (prop !== 'get' && prop !== 'all' && prop !== 'run' && prop !== 'iterate')
            return value.bind(target);
          return (...args: unknown[]) => {
            if (/^\s*SELECT/i.test(sql) && !statements.has(sql)) statements.set(sql, args);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }) as Database.Database['prepare'];
    for (const call of KI_CALLS) {
      for (let i = 0; i < 3; i++) {
        const res = await world.app.inject({
          method: 'GET',
          url: urlFor(call, world, i),
          headers: { authorization: 'Token bench-token' },
        });
        expect(res.statusCode, `${call}: ${res.body.slice(0, 200)}`).toBe(200);
      }
    }
  });
  afterAll(() => world.app.close());

  it('plans every statement of every call on an index, never a table scan', () => {
    expect(statements.size).toBeGreaterThan(10);
    const scans: string[] = [];
    for (const [sql, args] of statements) {
      const plan = world.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
      for (const { detail } of plan) if (/^SCAN /.test(detail)) scans.push(`${detail}\n  in ${sql}`);
    }
    expect(scans).toEqual([]);
  });
});
