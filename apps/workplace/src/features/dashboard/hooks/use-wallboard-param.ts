import { useCallback, useSyncExternalStore } from 'react';

const PARAM = 'wallboard';

function subscribe(notify: () => void): () => void {
  window.addEventListener('popstate', notify);
  return () => window.removeEventListener('popstate', notify);
}

const get = () => new URLSearchParams(window.location.search).get(PARAM) === '1';

/** Wallboard mode lives in the URL (`?wallboard=1`), so a big screen can open it directly and keep it on reload. */
export function useWallboardParam(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, get, get);
  const set = useCallback((next: boolean) => {
    const url = new URL(window.location.href);
    if (next) url.searchParams.set(PARAM, '1');
    else url.searchParams.delete(PARAM);
    window.history.pushState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [on, set];
}
