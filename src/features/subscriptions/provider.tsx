import { useState, type ReactNode } from 'react';
import { BulkStoreContext, createBulkStore } from './bulk/bulk-store';

/**
 * The subscriptions feature's services, created once with the app's providers: the bulk job's
 * store (it outlives the page, so a job still shows after a visit to Activity).
 */
export function SubscriptionsProvider({ children }: { children: ReactNode }) {
  const [bulkStore] = useState(createBulkStore);
  return <BulkStoreContext value={bulkStore}>{children}</BulkStoreContext>;
}
