import { useSyncExternalStore, type MouseEvent } from 'react';
import { notifyLocationChange, subscribeToLocation } from '@/lib/use-url-state';

/**
 * The console's two pages, by path: `/` the subscriptions, `/activity` the journal. A page change
 * is a history entry (Back works); within a page, view state lives in the query string.
 */

export type Route = 'subscriptions' | 'activity';

const routeOf = (pathname: string): Route =>
  pathname.replace(/\/+$/, '') === '/activity' ? 'activity' : 'subscriptions';

export function useRoute(): Route {
  return useSyncExternalStore(
    subscribeToLocation,
    () => routeOf(window.location.pathname),
    () => 'subscriptions',
  );
}

export function navigate(href: string): void {
  window.history.pushState(null, '', href);
  notifyLocationChange();
  window.scrollTo(0, 0);
}

/** For an `<a href>`: a plain click stays in the page; a click with a modifier opens a tab as usual. */
export function onLinkClick(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
