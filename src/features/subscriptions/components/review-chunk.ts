/** What lazy-review.tsx loads as one chunk. */
export { SubscriptionFilters } from './subscription-filters';
export { SubscriptionsTable } from './subscriptions-table';
