import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(notify: () => void): () => void {
  const list = window.matchMedia?.(QUERY);
  list?.addEventListener('change', notify);
  return () => list?.removeEventListener('change', notify);
}

const get = () => window.matchMedia?.(QUERY).matches ?? false;

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, get, get);
}
