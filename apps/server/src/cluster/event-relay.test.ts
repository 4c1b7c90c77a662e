import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startTestRedis, type TestRedis } from '../../test-support/redis-server';
import type { DomainEvent } from '../shared/domain-events';
import type { Logger } from '../shared/logger';
import { localEventRelay, redisEventRelay, type EventRelay } from './event-relay';

const log: Logger = { info: () => {}, warn: () => {}, error: () => {} };

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const logged = (seq: number): DomainEvent => ({
  type: 'contact-logged',
  seq,
  event: { contactId: `c${seq}`, type: 'queued', at: seq },
});

/** A relay of one instance with its own connection, and what its subscribers heard. */
async function instance(id: string, options: { maxLength?: number } = {}) {
  const connection = new Redis(redis.url);
  const relay = redisEventRelay(connection, { instanceId: id, log, blockMs: 100, ...options });
  const heard: number[] = [];
  let gaps = 0;
  relay.subscribe((e) => {
    if (e.type === 'contact-logged') heard.push(e.seq);
  });
  relay.onGap(() => gaps++);
  onTestFinished(async () => {
    await relay.close();
    connection.disconnect();
  });
  return { relay, heard, gaps: () => gaps, connection };
}

async function clean() {
  const admin = new Redis(redis.url);
  await admin.flushdb();
  admin.disconnect();
}

const publishAll = async (relay: EventRelay, from: number, to: number) => {
  for (let seq = from; seq <= to; seq++) await relay.publish(logged(seq));
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('event relay over a Redis stream', () => {
  it("the leader's events reach every instance's subscribers once, in order; its own hear them at once", async () => {
    await clean();
    const leader = await instance('a');
    const b = await instance('b');
    const c = await instance('c');
    for (const i of [leader, b, c]) await i.relay.start();
    await leader.relay.publish(logged(1));
    expect(leader.heard).toEqual([1]);
    await publishAll(leader.relay, 2, 50);
    await expect.poll(() => b.heard).toEqual(range(1, 50));
    await expect.poll(() => c.heard).toEqual(range(1, 50));
    expect(leader.heard).toEqual(range(1, 50));
    expect([leader.gaps(), b.gaps(), c.gaps()]).toEqual([0, 0, 0]);
  });

  it('a reader whose connection drops gets what was published meanwhile (no gap)', async () => {
    await clean();
    const leader = await instance('a');
    const b = await instance('b');
    await leader.relay.start();
    await b.relay.start();
    await publishAll(leader.relay, 1, 5);
    await expect.poll(() => b.heard).toEqual(range(1, 5));
    // Cut B's reading connection from the Redis side; the leader keeps publishing.
    const admin = new Redis(redis.url);
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await publishAll(leader.relay, 6, 30);
    admin.disconnect();
    await expect.poll(() => b.heard).toEqual(range(1, 30));
    expect(b.gaps()).toBe(0);
  });

  it('a reader that resumes from a position the relay no longer holds hears a gap, then goes on', async () => {
    await clean();
    const leader = await instance('a', { maxLength: 10 });
    await leader.relay.start();
    await publishAll(leader.relay, 1, 25);
    // B loaded its read model when event 3 was the newest, and resumes there.
    const b = await instance('b');
    expect(await b.relay.start('3')).toBe('3');
    await expect.poll(() => b.gaps()).toBe(1);
    await expect.poll(() => b.heard).toEqual(range(16, 25));
    await publishAll(leader.relay, 26, 27);
    await expect.poll(() => b.heard).toEqual(range(16, 27));
    expect(b.relay.position()).toBe('27');
    expect(b.gaps()).toBe(1);
  });
});

describe('event relay after Redis lost its data', () => {
  it('a reader hears a gap and reads the new numbering from its start', async () => {
    await clean();
    const leader = await instance('a');
    const b = await instance('b');
    await leader.relay.start();
    await b.relay.start();
    await publishAll(leader.relay, 1, 5);
    await expect.poll(() => b.heard).toEqual(range(1, 5));
    // A Redis restart without persistence: the data is gone and every connection drops.
    const admin = new Redis(redis.url);
    await admin.flushdb();
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    admin.disconnect();
    await expect.poll(() => b.gaps()).toBe(1);
    await publishAll(leader.relay, 6, 8);
    await expect.poll(() => b.heard).toEqual(range(1, 8));
    expect(b.relay.position()).toBe('3');
  });
});

describe('event relay in one process', () => {
  it('hands each event to the subscribers directly', async () => {
    const relay = localEventRelay(log);
    const heard: DomainEvent[] = [];
    relay.subscribe((e) => heard.push(e));
    await relay.start();
    await relay.publish(logged(1));
    await relay.publish({ type: 'interne-taken-changed' });
    expect(heard).toEqual([logged(1), { type: 'interne-taken-changed' }]);
  });
});
