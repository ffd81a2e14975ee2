import { lazy } from 'react';

/**
 * The table and the filters (the virtualiser, the rows, Radix's switch, the filter logic) load
 * as their own chunk, requested when the page's code runs, in parallel with the first list
 * request and the phone formatter: rows cannot show before the data anyway, and the first
 * bundle stays the shell (header, toolbar, skeleton), within its budget.
 */
const loadReview = () => import('./review-chunk');
const review = loadReview();
// A failed load is reported where the parts render (the error boundary), not as an unhandled rejection.
review.catch(() => undefined);

export const LazyTable = lazy(() => review.then((module) => ({ default: module.SubscriptionsTable })));
export const LazyFilters = lazy(() => review.then((module) => ({ default: module.SubscriptionFilters })));
