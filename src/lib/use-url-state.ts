import { useCallback, useSyncExternalStore } from 'react';

/**
 * The page URL's query string as state: read with `useSyncExternalStore`, written with
 * `history.replaceState` (a view change is not a new page in the back stack).
 */

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const getSearch = () => window.location.search;

export function useUrlSearch(): [string, (next: string | ((current: string) => string)) => void] {
  const search = useSyncExternalStore(subscribe, getSearch, () => '');
  const setSearch = useCallback((next: string | ((current: string) => string)) => {
    const value = typeof next === 'function' ? next(window.location.search) : next;
    const normalized = value === '' || value === '?' ? '' : value.startsWith('?') ? value : `?${value}`;
    if (normalized === window.location.search) return;
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${normalized}${window.location.hash}`,
    );
    for (const listener of listeners) listener();
  }, []);
  return [search, setSearch];
}
