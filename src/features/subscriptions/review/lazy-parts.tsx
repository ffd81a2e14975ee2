import { lazy, Suspense, type ComponentProps } from 'react';
import { ErrorBoundary } from '@/components/error-boundary';
import { LoadError } from '@/components/load-error';
import type { DrawerState } from '../model/use-subscriptions-view';

/**
 * The drawer (forms, validation, phone parsing, event grid) and the bulk bar are chunks of their
 * own, out of the first bundle. Both are mounted from the page's first render and show nothing
 * until needed: so they load right after the first paint, and a first opening renders at once
 * (a lazy part first mounted on a click would wait out React's Suspense reveal throttle).
 */
const loadDrawer = () => import('../drawer/subscription-drawer');
const loadBulkBar = () => import('../bulk/bulk-bar');
const SubscriptionDrawer = lazy(loadDrawer);
const BulkBar = lazy(loadBulkBar);

/** A part that failed to load stays out of the way until it is wanted; then it says so, with Reload. */
function Failed({ error, wanted, side }: { error: Error; wanted: boolean; side: 'drawer' | 'bar' }) {
  if (!wanted) return null;
  return (
    <div
      role="alert"
      className={
        side === 'drawer'
          ? 'fixed inset-y-0 right-0 z-50 w-full max-w-md border-l border-line bg-surface shadow-xl'
          : 'fixed inset-x-0 bottom-0 z-20 border-t border-line bg-surface'
      }
    >
      <LoadError error={error} />
    </div>
  );
}

export function LazySubscriptionDrawer(props: {
  state: DrawerState;
  onClose: () => void;
  onOpen: (id: string) => void;
  onDuplicate: (id: string) => void;
}) {
  return (
    <ErrorBoundary fallback={(error) => <Failed error={error} wanted={props.state !== null} side="drawer" />}>
      <Suspense fallback={null}>
        <SubscriptionDrawer {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}

export function LazyBulkBar(props: ComponentProps<typeof BulkBar>) {
  return (
    <ErrorBoundary fallback={(error) => <Failed error={error} wanted={props.selection.selected.size > 0} side="bar" />}>
      <Suspense fallback={null}>
        <BulkBar {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
