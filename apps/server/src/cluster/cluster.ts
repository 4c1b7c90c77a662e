import os from 'node:os';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions as SocketServerOptions } from 'socket.io';
import { memoryRateLimitStore, redisRateLimitStore, type RateLimitStore } from '../modules/rate-limit';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { memorySharedState } from './memory-shared-state';
import { redisSharedState } from './redis-shared-state';
import { localEventRelay, redisEventRelay, type EventRelay } from './event-relay';
import type { SharedState } from './shared-state';

/** What this instance shares with the others: nothing but itself in one process, Redis in a cluster. */
export interface Cluster {
  /** Names this instance in `/health` and in logs (KCC_INSTANCE_ID, default `hostname:port`). */
  instanceId: string;
  state: SharedState;
  rateLimits: RateLimitStore;
  /** socket.io's adapter: rooms and broadcasts over every instance, with connection state recovery. */
  socketAdapter: SocketServerOptions['adapter'] | undefined;
  /** The leader's committed domain events to every instance's read side (not started: the reader starts it). */
  eventRelay: EventRelay;
  close(): Promise<void>;
}

export class ClusterStartError extends Error {
  override name = 'ClusterStartError';
}

/** How long a connection attempt to Redis may take at start before the server gives up. */
const CONNECT_TIMEOUT_MS = 5000;

export async function createCluster(options: {
  redisUrl: string | undefined;
  instanceId: string | undefined;
  port: number;
  clock: Clock;
  log: Logger;
}): Promise<Cluster> {
  const instanceId = options.instanceId ?? `${os.hostname()}:${options.port}`;
  if (options.redisUrl === undefined) {
    return {
      instanceId,
      state: memorySharedState(options.clock),
      rateLimits: memoryRateLimitStore,
      socketAdapter: undefined,
      eventRelay: localEventRelay(options.log),
      close: async () => undefined,
    };
  }
  const redis = new Redis(options.redisUrl, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    connectionName: `kcc:${instanceId}`,
  });
  // At start a failure is the one line below; later ones are logged while ioredis reconnects.
  let firstError: unknown;
  const atStart = (err: unknown) => (firstError ??= err);
  redis.on('error', atStart);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const cause = firstError ?? err;
    throw new ClusterStartError(
      `Redis op KCC_REDIS_URL is niet bereikbaar (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
  redis.off('error', atStart);
  redis.on('error', (err) => options.log.warn({ err: String(err) }, 'redis: verbinding'));
  const state = redisSharedState(redis, options.log);
  const eventRelay = redisEventRelay(redis, { instanceId, log: options.log });
  return {
    instanceId,
    state,
    rateLimits: redisRateLimitStore(redis),
    socketAdapter: createAdapter(redis) as SocketServerOptions['adapter'],
    eventRelay,
    close: async () => {
      await eventRelay.close();
      await state.close();
      // QUIT after the replies still due (socket.io stores the sessions of the sockets it just closed).
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
