import type { Redis } from 'ioredis';
import type { DomainEvent } from '../shared/domain-events';
import type { Logger } from '../shared/logger';

/**
 * Carries the routing leader's committed domain events to the read-side subscribers of every instance (the
 * dashboard's read model). Write-side subscribers (outbox, reports, the socket notifier) stay on the leader's own
 * event bus and run once; docs/decisions.md ("event relay") says which runs where.
 *
 * On the leader, `publish` hands an event to this instance's subscribers at once and appends it to the relay; the
 * other instances tail the relay and hand each event to their subscribers, in the order the leader published.
 * A subscriber that cannot rely on every event arriving (the relay was trimmed while it was away, or Redis
 * restarted) hears `onGap` and reloads its state from the store.
 */
export interface EventRelay {
  /** On the leader, after the commit, in commit order. */
  publish(event: DomainEvent): Promise<void>;
  subscribe(handler: (event: DomainEvent) => void): () => void;
  /** Events may have been missed: rebuild from the store (the relay goes on from the newest event). */
  onGap(handler: () => void): () => void;
  /**
   * Starts tailing after `position` (what a read model loaded its state at; default: from now). Resolves once
   * tailing runs, with the position it started after.
   */
  start(position?: string): Promise<string>;
  /** The position of the last event handed to the subscribers. */
  position(): string;
  close(): Promise<void>;
}

class Listeners {
  private readonly events = new Set<(event: DomainEvent) => void>();
  private readonly gaps = new Set<() => void>();
  constructor(private readonly log: Logger) {}
  subscribe(handler: (event: DomainEvent) => void) {
    const entry = (event: DomainEvent) => handler(event);
    this.events.add(entry);
    return () => void this.events.delete(entry);
  }
  onGap(handler: () => void) {
    const entry = () => handler();
    this.gaps.add(entry);
    return () => void this.gaps.delete(entry);
  }
  emit(event: DomainEvent) {
    for (const handler of this.events) {
      try {
        handler(event);
      } catch (err) {
        this.log.error({ err, type: event.type }, 'event-relay: abonnee faalde');
      }
    }
  }
  gap() {
    for (const handler of this.gaps) handler();
  }
}

/** One process: `publish` hands the event to the subscribers, nothing else. */
export function localEventRelay(log: Logger): EventRelay {
  const listeners = new Listeners(log);
  let n = 0;
  return {
    publish: async (event) => {
      n++;
      listeners.emit(event);
    },
    subscribe: (handler) => listeners.subscribe(handler),
    onGap: (handler) => listeners.onGap(handler),
    start: async () => String(n),
    position: () => String(n),
    close: async () => undefined,
  };
}

/**
 * Appends with an id of its own: consecutive numbers `n-0`, so a reader sees a missing one. MAXLEN keeps the
 * relay bounded; a reader that fell further behind hears a gap.
 */
const APPEND = `local n = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], n .. '-0', 'from', ARGV[1], 'event', ARGV[2])
return n`;

export interface RedisEventRelayOptions {
  instanceId: string;
  log: Logger;
  /** How many events the relay keeps for readers that were away (default 10,000). */
  maxLength?: number;
  /** How long one blocking read waits before it looks again (default 1 s; only I/O, not a domain timer). */
  blockMs?: number;
}

/** The relay as a Redis stream `kcc:events` (tailing survives a dropped connection, unlike pub/sub). */
export function redisEventRelay(redis: Redis, options: RedisEventRelayOptions): EventRelay {
  const listeners = new Listeners(options.log);
  const stream = 'kcc:events';
  const counter = 'kcc:events:n';
  const maxLength = options.maxLength ?? 10_000;
  const blockMs = options.blockMs ?? 1000;
  let reader: Redis | undefined;
  let last = 0;
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let reconnected = false;

  const newest = async (): Promise<number> => Number(await redis.get(counter)) || 0;

  const tail = async (conn: Redis) => {
    while (running) {
      let result: [string, [string, string[]][]][] | null;
      try {
        if (reconnected) {
          reconnected = false;
          // Redis restarted without its data: numbering starts again below where we are.
          const top = await newest();
          if (top < last) {
            options.log.warn({ last, top }, 'event-relay: Redis begon opnieuw; lezers laden opnieuw');
            last = 0;
            listeners.gap();
          }
        }
        result = (await conn.xread(
          'COUNT',
          500,
          'BLOCK',
          blockMs,
          'STREAMS',
          stream,
          `${last}-0`,
        )) as typeof result;
      } catch (err) {
        if (!running) return;
        options.log.warn({ err: String(err) }, 'event-relay: lezen mislukt');
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      for (const [, entries] of result ?? []) {
        for (const [id, fields] of entries) {
          const n = Number(id.split('-')[0]);
          if (n !== last + 1) {
            options.log.warn(
              { after: last, got: n },
              'event-relay: gebeurtenissen gemist; lezers laden opnieuw',
            );
            listeners.gap();
          }
          last = n;
          const from = fields[fields.indexOf('from') + 1];
          if (from === options.instanceId) continue;
          listeners.emit(JSON.parse(fields[fields.indexOf('event') + 1] as string) as DomainEvent);
        }
      }
    }
  };

  return {
    async publish(event) {
      await redis.eval(
        APPEND,
        2,
        stream,
        counter,
        options.instanceId,
        JSON.stringify(event),
        String(maxLength),
      );
      // This instance's own readers hear it now, not after the round trip; its tail skips it.
      listeners.emit(event);
    },
    subscribe: (handler) => listeners.subscribe(handler),
    onGap: (handler) => listeners.onGap(handler),
    async start(position) {
      if (running) return String(last);
      last = position === undefined ? await newest() : Number(position);
      reader = redis.duplicate({ connectionName: `kcc-relay:${options.instanceId}` });
      reader.on('error', (err) => options.log.warn({ err: String(err) }, 'event-relay: verbinding'));
      let ready = false;
      reader.on('ready', () => {
        if (ready) reconnected = true;
        ready = true;
      });
      await reader.ping();
      running = true;
      const conn = reader;
      loop = tail(conn);
      return String(last);
    },
    position: () => String(last),
    async close() {
      running = false;
      reader?.disconnect();
      await loop;
    },
  };
}
