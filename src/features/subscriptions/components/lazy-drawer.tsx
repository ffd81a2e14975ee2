import { lazy, Suspense, useEffect } from 'react';
import type { DrawerState } from '../lib/use-subscriptions-view';

/**
 * The drawer (forms, validation, phone parsing, event grid) loads on demand: prefetched when the
 * browser is idle after the first paint, or when a row or "New subscription" is hovered or focused.
 */
const loadDrawer = () => import('./subscription-drawer');
const SubscriptionDrawer = lazy(loadDrawer);

let prefetched = false;
export function prefetchDrawer(): void {
  if (prefetched) return;
  prefetched = true;
  // A failed prefetch stays quiet: opening the drawer loads it again, and reports a failure then.
  loadDrawer().catch(() => {
    prefetched = false;
  });
}

/** Prefetches the drawer once the browser is idle; nothing is left pending after unmount. */
export function useIdleDrawerPrefetch(): void {
  useEffect(() => {
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(prefetchDrawer);
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(prefetchDrawer, 1500);
    return () => window.clearTimeout(timer);
  }, []);
}

export function LazySubscriptionDrawer({ state, onClose }: { state: Exclude<DrawerState, null>; onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <SubscriptionDrawer state={state} onClose={onClose} />
    </Suspense>
  );
}
