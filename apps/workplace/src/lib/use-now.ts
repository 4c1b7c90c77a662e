import { useSyncExternalStore } from 'react';

/** One shared ticker for every countdown on screen, running only while someone listens. */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot(): number {
  // Before the ticker runs (first render) refresh a stale value, so a fresh countdown starts right. The value
  // must stay the same between two calls in one render, hence the one-second tolerance.
  if (timer === undefined && Date.now() - now >= 1000) now = Date.now();
  return now;
}

/** The current time in ms, re-rendering the caller every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
