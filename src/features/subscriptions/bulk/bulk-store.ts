import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BatchProgress, ItemState } from './batch-runner';
import type { BulkPlan, BulkWrite } from '@contract/bulk';

/**
 * The one bulk job of the console, outside React's state so a batch of thousands of writes can
 * report each item without re-rendering the page: the bar reads the job, each row reads only its
 * own item. One store is created with the app's providers (SubscriptionsProvider) and reached
 * through useBulkStore().
 */

export type JobKind = 'action' | 'retry' | 'undo';

export interface BulkJob {
  /** The journal's id of the action (its retries share it). */
  batchId: string;
  /** What the operator confirmed, for the bar ("Turn off 1,667 subscriptions to hooks.acme.com"). */
  label: string;
  kind: JobKind;
  plan: BulkPlan;
  /** The writes of the run in progress (all of the plan's, the failed ones on a retry, or the undo's). */
  writes: BulkWrite[];
  progress: BatchProgress;
  /** Ids whose write succeeded, over the action and its retries: what Undo puts back. */
  doneIds: ReadonlySet<string>;
  stop: () => void;
}

type Listener = () => void;

export class BulkStore {
  private job: BulkJob | undefined;
  private readonly items = new Map<string, ItemState>();
  private readonly listeners = new Set<Listener>();
  private readonly itemListeners = new Map<string, Set<Listener>>();
  private frame: number | undefined;

  getJob = (): BulkJob | undefined => this.job;
  getItem = (id: string): ItemState | undefined => this.items.get(id);

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

  /** A new job replaces the last one; its rows lose their states. */
  start(job: BulkJob): void {
    this.forgetItems();
    this.job = job;
    this.emit();
  }

  setItem(id: string, state: ItemState): void {
    this.items.set(id, state);
    this.notifyItem(id);
  }

  update(patch: Partial<BulkJob>): void {
    if (!this.job) return;
    this.job = { ...this.job, ...patch };
    // Progress arrives per item: the bar re-renders at most once a frame.
    if (typeof requestAnimationFrame === 'undefined') return this.emit();
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.emit();
    });
  }

  /** Closes the bar: the job and every row's state are forgotten. */
  clear(): void {
    this.forgetItems();
    this.job = undefined;
    this.emit();
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

export function useBulkItem(id: string): ItemState | undefined {
  const bulkStore = useBulkStore();
  return useSyncExternalStore(
    (listener) => bulkStore.subscribeItem(id, listener),
    () => bulkStore.getItem(id),
    () => bulkStore.getItem(id),
  );
}
