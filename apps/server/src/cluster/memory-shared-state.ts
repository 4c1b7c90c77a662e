import type { Clock } from '../shared/clock';
import type { SharedState } from './shared-state';

/** The in-process shared state (`npm start`, tests): a map whose entries expire on the server's clock. */
export function memorySharedState(clock: Clock): SharedState {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const subscribers = new Map<string, Set<(message: string) => void>>();

  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.expiresAt <= clock.now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const put = (key: string, value: string, ttlMs: number) =>
    entries.set(key, { value, expiresAt: clock.now() + ttlMs });

  return {
    shared: false,
    get: async (key) => live(key)?.value,
    set: async (key, value, ttlMs) => {
      put(key, value, ttlMs);
    },
    setIfAbsent: async (key, value, ttlMs) => {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    compareAndSet: async (key, expected, value, ttlMs) => {
      if (live(key)?.value !== expected) return false;
      put(key, value, ttlMs);
      return true;
    },
    take: async (key) => {
      const value = live(key)?.value;
      entries.delete(key);
      return value;
    },
    delete: async (key) => {
      entries.delete(key);
    },
    increment: async (key, ttlMs) => {
      const e = live(key);
      const next = (e ? Number(e.value) : 0) + 1;
      entries.set(key, { value: String(next), expiresAt: e?.expiresAt ?? clock.now() + ttlMs });
      return next;
    },
    publish: async (channel, message) => {
      for (const fn of subscribers.get(channel) ?? []) fn(message);
    },
    subscribe: async (channel, onMessage) => {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      set.add(onMessage);
      return async () => {
        set.delete(onMessage);
      };
    },
    close: async () => {
      entries.clear();
      subscribers.clear();
    },
  };
}
