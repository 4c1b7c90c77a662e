import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger';
import type { SharedState } from './shared-state';

const COMPARE_AND_SET = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * The shared state in Redis, for a cluster. `redis` carries the commands; subscriptions get their own connection
 * (a subscribed Redis connection accepts no other commands). Keys are prefixed with `kcc:`, channels with
 * `kcc:<database>:`.
 */
export function redisSharedState(redis: Redis, log: Logger): SharedState {
  const k = (key: string) => `kcc:${key}`;
  // Pub/sub ignores the database number that isolates keys; the channel name carries it instead.
  const c = (channel: string) => `kcc:${redis.options.db ?? 0}:${channel}`;
  let subscriber: Redis | undefined;
  const handlers = new Map<string, Set<(message: string) => void>>();

  const subscriberConnection = () => {
    if (subscriber) return subscriber;
    subscriber = redis.duplicate();
    subscriber.on('error', (err) => log.warn({ err: String(err) }, 'redis: abonnement'));
    subscriber.on('message', (channel: string, message: string) => {
      for (const fn of handlers.get(channel) ?? []) {
        try {
          fn(message);
        } catch (err) {
          log.error({ err, channel }, 'redis: bericht verwerken mislukt');
        }
      }
    });
    return subscriber;
  };

  return {
    shared: true,
    get: async (key) => (await redis.get(k(key))) ?? undefined,
    set: async (key, value, ttlMs) => {
      await redis.set(k(key), value, 'PX', ttlMs);
    },
    setIfAbsent: async (key, value, ttlMs) => (await redis.set(k(key), value, 'PX', ttlMs, 'NX')) === 'OK',
    compareAndSet: async (key, expected, value, ttlMs) =>
      (await redis.eval(COMPARE_AND_SET, 1, k(key), expected, value, String(ttlMs))) === 1,
    take: async (key) => (await redis.getdel(k(key))) ?? undefined,
    delete: async (key) => {
      await redis.del(k(key));
    },
    increment: async (key, ttlMs) => Number(await redis.eval(INCREMENT, 1, k(key), String(ttlMs))),
    publish: async (channel, message) => {
      await redis.publish(c(channel), message);
    },
    subscribe: async (channel, onMessage) => {
      const sub = subscriberConnection();
      const set = handlers.get(c(channel)) ?? new Set();
      handlers.set(c(channel), set);
      set.add(onMessage);
      if (set.size === 1) await sub.subscribe(c(channel));
      return async () => {
        set.delete(onMessage);
        if (set.size === 0) {
          handlers.delete(c(channel));
          await sub.unsubscribe(c(channel));
        }
      };
    },
    close: async () => {
      handlers.clear();
      await subscriber?.quit().catch(() => subscriber?.disconnect());
    },
  };
}
