/** What lazy-review.tsx loads as one chunk. */
export { SubscriptionFilters } from '../filters/subscription-filters';
export { SubscriptionsTable } from '../table/subscriptions-table';
