import { lazy, type ComponentProps } from 'react';

/**
 * The table and the filters (the virtualiser, the rows, Radix's switch, the filter logic) load
 * as their own chunk, requested when the page's code runs, in parallel with the first list
 * request and the phone formatter: rows cannot show before the data anyway, and the first
 * bundle stays the shell (header, toolbar, skeleton), within its budget.
 */
const loadReview = () => import('./review-chunk');
const review = loadReview();
/** The chunk once it has loaded: then its parts render directly, without suspending. */
let loaded: Awaited<typeof review> | undefined;
// A failed load is reported where the parts render (the error boundary), not as an unhandled rejection.
review.then(
  (module) => (loaded = module),
  () => undefined,
);

const SuspendingTable = lazy(() => review.then((module) => ({ default: module.SubscriptionsTable })));
const SuspendingFilters = lazy(() => review.then((module) => ({ default: module.SubscriptionFilters })));

/*
 * A React.lazy part suspends the first time it renders even when its chunk is already there, and
 * React then holds the content back for its Suspense throttle (300 ms after the fallback showed):
 * the rows arrived that much after their data. Once the chunk is loaded, the parts are plain components.
 */
type Table = ComponentProps<typeof SuspendingTable>;
type Filters = ComponentProps<typeof SuspendingFilters>;

export function LazyTable(props: Table) {
  return loaded ? <loaded.SubscriptionsTable {...props} /> : <SuspendingTable {...props} />;
}

export function LazyFilters(props: Filters) {
  return loaded ? <loaded.SubscriptionFilters {...props} /> : <SuspendingFilters {...props} />;
}
