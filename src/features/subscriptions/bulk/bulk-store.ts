import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Job, JobDetail, JobItem } from '@contract/jobs';

/**
 * The bulk job this page shows, as the console server reports it (the job runs there:
 * server/jobs/), outside React's state so a job of thousands of items can report each one
 * without re-rendering the page: the bar reads the job, each row reads only its own item. One
 * store is created with the app's providers (SubscriptionsProvider) and reached through
 * useBulkStore().
 */

export interface BulkJob {
  job: Job;
  /** The job's revision the items are read up to: the next read asks for what changed after it. */
  rev: number;
}

type Listener = () => void;

export class BulkStore {
  private current: BulkJob | undefined;
  private readonly items = new Map<string, JobItem>();
  private readonly listeners = new Set<Listener>();
  private readonly itemListeners = new Map<string, Set<Listener>>();

  getJob = (): BulkJob | undefined => this.current;
  getItem = (id: string): JobItem | undefined => this.items.get(id);
  /** Every item of the job, in the job's order. */
  allItems = (): JobItem[] => [...this.items.values()];

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeItem(id: string, listener: Listener): () => void {
    let set = this.itemListeners.get(id);
    if (!set) this.itemListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.itemListeners.delete(id);
    };
  }

  /** Shows a job read whole (every item): it replaces the last one, whose rows lose their states. */
  show(detail: JobDetail): void {
    this.forgetItems();
    this.current = { job: detail.job, rev: detail.rev };
    this.merge(detail.items);
    this.emit();
  }

  /** What changed in the shown job since its revision; an answer for another job is ignored. */
  apply(detail: JobDetail): void {
    if (this.current?.job.id !== detail.job.id) return;
    this.current = { job: detail.job, rev: Math.max(detail.rev, this.current.rev) };
    this.merge(detail.items);
    this.emit();
  }

  /** Closes the bar: the job and every row's state are forgotten. */
  clear(): void {
    this.forgetItems();
    this.current = undefined;
    this.emit();
  }

  private merge(items: readonly JobItem[]): void {
    for (const item of items) {
      this.items.set(item.subscription_id, item);
      this.notifyItem(item.subscription_id);
    }
  }

  private forgetItems(): void {
    const previous = [...this.items.keys()];
    this.items.clear();
    for (const id of previous) this.notifyItem(id);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private notifyItem(id: string): void {
    for (const listener of this.itemListeners.get(id) ?? []) listener();
  }
}

export const createBulkStore = (): BulkStore => new BulkStore();

export const BulkStoreContext = createContext<BulkStore | null>(null);

export function useBulkStore(): BulkStore {
  const store = useContext(BulkStoreContext);
  if (!store) throw new Error('The subscriptions feature runs inside its provider (SubscriptionsProvider).');
  return store;
}

export function useBulkJob(): BulkJob | undefined {
  const bulkStore = useBulkStore();
  return useSyncExternalStore(bulkStore.subscribe, bulkStore.getJob, bulkStore.getJob);
}

export function useBulkItem(id: string): JobItem | undefined {
  const bulkStore = useBulkStore();
  return useSyncExternalStore(
    (listener) => bulkStore.subscribeItem(id, listener),
    () => bulkStore.getItem(id),
    () => bulkStore.getItem(id),
  );
}
