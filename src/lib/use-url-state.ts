import { useCallback, useSyncExternalStore } from 'react';

/**
 * The page URL's query string as state: read with `useSyncExternalStore`, written with
 * `history.replaceState` (a view change is not a new page in the back stack).
 */

const listeners = new Set<() => void>();

/** Every reader of the URL (this hook, the app's router) listens here: one set, one notice. */
export function subscribeToLocation(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** After a `pushState` or `replaceState`: tells every reader of the URL. */
export function notifyLocationChange(): void {
  for (const listener of listeners) listener();
}

const getSearch = () => window.location.search;

export function useUrlSearch(): [string, (next: string | ((current: string) => string)) => void] {
  const search = useSyncExternalStore(subscribeToLocation, getSearch, () => '');
  const setSearch = useCallback((next: string | ((current: string) => string)) => {
    const value = typeof next === 'function' ? next(window.location.search) : next;
    const normalized = value === '' || value === '?' ? '' : value.startsWith('?') ? value : `?${value}`;
    if (normalized === window.location.search) return;
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${normalized}${window.location.hash}`,
    );
    notifyLocationChange();
  }, []);
  return [search, setSearch];
}
