import { lazy, Suspense, useEffect } from 'react';
import type { DrawerState } from '../lib/use-subscriptions-view';

/**
 * The drawer (forms, validation, phone parsing, event grid) and the bulk bar load on demand:
 * prefetched when the browser is idle after the first paint, the drawer also when a row or "New
 * subscription" is hovered or focused, so a first opening does not wait for the network.
 */
const loadDrawer = () => import('./subscription-drawer');
const loadBulkBar = () => import('./bulk-bar');
const SubscriptionDrawer = lazy(loadDrawer);
export const LazyBulkBar = lazy(loadBulkBar);

let prefetched = false;
export function prefetchDrawer(): void {
  if (prefetched) return;
  prefetched = true;
  // A failed prefetch stays quiet: opening the drawer loads it again, and reports a failure then.
  loadDrawer().catch(() => {
    prefetched = false;
  });
}

function prefetchWhenIdle(): void {
  prefetchDrawer();
  loadBulkBar().catch(() => undefined);
}

/** Prefetches the drawer and the bulk bar once the browser is idle; nothing is left pending after unmount. */
export function useIdlePrefetch(): void {
  useEffect(() => {
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(prefetchWhenIdle);
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(prefetchWhenIdle, 1500);
    return () => window.clearTimeout(timer);
  }, []);
}

export function LazySubscriptionDrawer(props: {
  state: Exclude<DrawerState, null>;
  onClose: () => void;
  onOpen: (id: string) => void;
  onDuplicate: (id: string) => void;
}) {
  return (
    <Suspense fallback={null}>
      <SubscriptionDrawer {...props} />
    </Suspense>
  );
}
