import type { ServerOptions } from '../src/app';
import { startTestRedis, type TestRedis } from './redis-server';
import { startTestServer, type TestServer } from './test-server';

export interface TwoInstances {
  redis: TestRedis;
  a: TestServer;
  b: TestServer;
  stop(): Promise<void>;
}

/**
 * Two server instances in this test process that share one Redis (KCC_REDIS_URL) and a token secret, each with
 * its own SQLite data dir. What they share is what Redis carries: sockets (rooms, broadcasts, connection state
 * recovery), co-browse codes and sessions, rate limits, invalidation messages. What they do not share until the
 * PostgreSQL store lands: contacts, users' sessions and everything else in SQLite — a contact or a login exists on
 * the instance that made it. Tests that need one on both create it on both, and say so.
 */
export async function startTwoInstances(
  env: Record<string, string> = {},
  options: { a?: ServerOptions; b?: ServerOptions } = {},
): Promise<TwoInstances> {
  const redis = await startTestRedis();
  const shared = {
    KCC_REDIS_URL: redis.url,
    KCC_TOKEN_SECRET: 'cluster-test-geheim-van-minstens-32-tekens',
    ...env,
  };
  const a = await startTestServer({ ...shared, KCC_INSTANCE_ID: 'instance-a' }, options.a);
  const b = await startTestServer({ ...shared, KCC_INSTANCE_ID: 'instance-b' }, options.b);
  // socket.io's cluster adapter finds its peers by heartbeats over Redis: wait until each sees the other.
  for (const server of [a, b]) {
    for (const nsp of server.io._nsps.values()) {
      const adapter = nsp.adapter as unknown as { serverCount(): Promise<number> };
      while ((await adapter.serverCount()) < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return {
    redis,
    a,
    b,
    async stop() {
      await a.stop();
      await b.stop();
      await redis.stop();
    },
  };
}
