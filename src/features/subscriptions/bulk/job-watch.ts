import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-client';
import { getJob, isJobActive, listJobs, needsAttention } from '@/lib/jobs';
import { apiOf } from '@/lib/services';
import { applyJobWrites } from '../api/cache';
import { subscriptionKeys } from '../api/keys';
import type { BulkStore } from './bulk-store';

/**
 * How a page follows a bulk job the console server runs: while the shown job is running it asks
 * for what changed since its last read (`?since=<rev>`), a couple of times a second, and lays
 * each done write over the list; when the job ends the list is read again once, so every row is
 * as Linq has it.
 */

export const JOB_POLL_MS = 500;

export interface WatchOptions {
  store: BulkStore;
  queryClient: QueryClient;
  pollMs?: number;
}

/** Follows whichever job the store shows, for as long as it is active; returns the stop. */
export function watchJobs({ store, queryClient, pollMs = JOB_POLL_MS }: WatchOptions): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;

  const schedule = () => {
    if (controller.signal.aborted || timer !== undefined || reading) return;
    const current = store.getJob();
    if (current && isJobActive(current.job.status)) timer = setTimeout(() => void read(), pollMs);
  };

  const read = async () => {
    timer = undefined;
    const current = store.getJob();
    if (!current || !isJobActive(current.job.status)) return;
    reading = true;
    try {
      const detail = await getJob(apiOf(queryClient), current.job.id, current.rev, controller.signal);
      store.apply(detail);
      applyJobWrites(queryClient, detail.items);
      if (!isJobActive(detail.job.status)) void queryClient.invalidateQueries({ queryKey: subscriptionKeys.lists() });
    } catch (error) {
      // A job that is gone (another console's database was reset) is no longer shown; any other
      // failure (the console restarting) is tried again at the next turn.
      if (error instanceof ApiError && error.status === 404) store.clear();
    } finally {
      reading = false;
    }
    schedule();
  };

  const unsubscribe = store.subscribe(schedule);
  schedule();
  return () => {
    controller.abort();
    clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * When the page opens: the job it showed before (back from Activity) is read again; else the
 * newest job that is running or was interrupted is shown, whoever started it, so a reload, a
 * second tab or another browser shows the same job.
 */
export async function attachJob(store: BulkStore, queryClient: QueryClient, signal: AbortSignal): Promise<void> {
  const api = apiOf(queryClient);
  const shown = store.getJob();
  if (shown) {
    const detail = await getJob(api, shown.job.id, shown.rev, signal);
    store.apply(detail);
    applyJobWrites(queryClient, detail.items);
    return;
  }
  const { jobs } = await listJobs(api, signal);
  const newest = jobs.find(needsAttention);
  if (!newest) return;
  const detail = await getJob(api, newest.id, undefined, signal);
  // A job the operator started meanwhile is the one to show.
  if (store.getJob()) return;
  store.show(detail);
  applyJobWrites(queryClient, detail.items);
}
