import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../test-support/test-clock';
import { startTestRedis, type TestRedis } from '../../test-support/redis-server';
import { memorySharedState } from './memory-shared-state';
import { redisSharedState } from './redis-shared-state';
import type { SharedState } from './shared-state';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let redis: TestRedis;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis.stop();
});

/** Two handles on one state, as two instances have: in memory the same map, in Redis two connections. */
const implementations: [string, () => [SharedState, SharedState]][] = [
  [
    'memory',
    () => {
      const s = memorySharedState(new TestClock());
      return [s, s];
    },
  ],
  [
    'redis',
    () => {
      const [a, b] = [new Redis(redis.url), new Redis(redis.url)];
      clients.push(a, b);
      return [redisSharedState(a, silent), redisSharedState(b, silent)];
    },
  ],
];

describe.each(implementations)('shared state (%s)', (_name, make) => {
  const key = () => `test:${Math.random().toString(36).slice(2)}`;

  it('set-if-absent lets exactly one of many concurrent callers win', async () => {
    const [a, b] = make();
    const k = key();
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).setIfAbsent(k, String(i), 60_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await a.get(k)).toBe(String(wins.indexOf(true)));
  });

  it('take hands a value to one caller only', async () => {
    const [a, b] = make();
    const k = key();
    await a.set(k, 'code', 60_000);
    const taken = await Promise.all([a.take(k), b.take(k), a.take(k), b.take(k)]);
    expect(taken.filter((v) => v !== undefined)).toEqual(['code']);
    expect(await b.get(k)).toBeUndefined();
  });

  it('compare-and-set replaces only the value it saw', async () => {
    const [a, b] = make();
    const k = key();
    await a.set(k, 'v1', 60_000);
    const results = await Promise.all([
      a.compareAndSet(k, 'v1', 'from-a', 60_000),
      b.compareAndSet(k, 'v1', 'from-b', 60_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.get(k)).toBe(results[0] ? 'from-a' : 'from-b');
    expect(await a.compareAndSet(key(), 'v1', 'x', 60_000)).toBe(false);
  });

  it('counts atomically across handles', async () => {
    const [a, b] = make();
    const k = key();
    const counts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).increment(k, 60_000)),
    );
    expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('delivers a published message to subscribers of the other handle, and stops after unsubscribe', async () => {
    const [a, b] = make();
    const channel = key();
    const received: string[] = [];
    const unsubscribe = await b.subscribe(channel, (m) => received.push(m));
    await a.publish(channel, 'eerste');
    await expect.poll(() => received).toEqual(['eerste']);
    await unsubscribe();
    await a.publish(channel, 'tweede');
    await a.publish(channel, 'derde');
    // A later subscriber still gets messages, the removed one does not.
    const later: string[] = [];
    await b.subscribe(channel, (m) => later.push(m));
    await a.publish(channel, 'vierde');
    await expect.poll(() => later).toEqual(['vierde']);
    expect(received).toEqual(['eerste']);
  });
});

describe('memory shared state', () => {
  it('expires keys and counters on the server clock', async () => {
    const clock = new TestClock({ frozenAt: 1_000_000 });
    const s = memorySharedState(clock);
    await s.set('k', 'v', 1000);
    expect(await s.increment('n', 1000)).toBe(1);
    clock.advance(999);
    expect(await s.get('k')).toBe('v');
    expect(await s.increment('n', 1000)).toBe(2);
    clock.advance(1);
    expect(await s.get('k')).toBeUndefined();
    expect(await s.setIfAbsent('k', 'w', 1000)).toBe(true);
    expect(await s.increment('n', 1000)).toBe(1);
  });
});

describe('redis shared state', () => {
  it('sets a TTL, so nothing it stores lives forever', async () => {
    const client = new Redis(redis.url);
    clients.push(client);
    const s = redisSharedState(client, silent);
    await s.set('ttl:key', 'v', 60_000);
    await s.increment('ttl:counter', 60_000);
    await s.setIfAbsent('ttl:nx', 'v', 60_000);
    for (const key of ['kcc:ttl:key', 'kcc:ttl:counter', 'kcc:ttl:nx']) {
      const ttl = await client.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });
});
