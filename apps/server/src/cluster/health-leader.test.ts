import { describe, expect, it } from 'vitest';
import { storesUnderTest } from '../../test-support/each-store';
import { startTestServer } from '../../test-support/test-server';
import { startTwoInstances } from '../../test-support/two-instances';

const health = async (url: string) =>
  (await (await fetch(`${url}/health`)).json()) as {
    status: string;
    instance: string;
    routingLeader: boolean;
  };

describe('GET /health of one process on SQLite', () => {
  it('says it leads routing', async () => {
    const server = await startTestServer({ KCC_INSTANCE_ID: 'solo' });
    try {
      expect(await health(server.url)).toEqual({ status: 'ok', instance: 'solo', routingLeader: true });
    } finally {
      await server.stop();
    }
  });
});

const postgres = storesUnderTest.find((s) => s.dialect === 'postgres');
if (postgres)
  describe('GET /health on two instances sharing PostgreSQL', () => {
    it('says which one holds the routing lease; a stopped leader hands it to the other at once', async () => {
      const database = await postgres.freshDatabase();
      const cluster = await startTwoInstances(database.env);
      try {
        // A started first and took the lease. (Polled: B's start in this same process can block A's event loop
        // past its self-expiry; A then takes its lease back at its next look.)
        await expect
          .poll(async () => [await health(cluster.a.url), await health(cluster.b.url)])
          .toEqual([
            { status: 'ok', instance: 'instance-a', routingLeader: true },
            { status: 'ok', instance: 'instance-b', routingLeader: false },
          ]);
        // A clean stop releases the lease and wakes B over Redis: no wait for the TTL.
        await cluster.a.stop();
        await expect.poll(async () => (await health(cluster.b.url)).routingLeader).toBe(true);
      } finally {
        await cluster.b.stop();
        await cluster.redis.stop();
        await database.drop();
      }
    });
  });
