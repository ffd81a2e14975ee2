import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { JOURNAL_HEADERS } from '@contract/console';
import type { Subscription } from '@contract/schemas';
import { ApiError } from '@/lib/api-client';
import { runBatch } from './batch-runner';
import type { BulkPlan, BulkWrite } from '@contract/bulk';
import { useBulkStore, type JobKind } from './bulk-store';
import { removeManyFromCaches, replaceManyInCaches } from '../api/cache';
import { deleteSubscription, updateSubscription } from '../api/fetchers';
import { apiOf } from '@/lib/services';

/** How often the answers of a running batch are written into the list (one pass over 10,000 rows each time). */
const CACHE_FLUSH_MS = 250;

export interface StartJob {
  /** The journal's id for the action: one per confirmed action, shared by its retries. */
  batchId: string;
  label: string;
  kind: JobKind;
  plan: BulkPlan;
  writes: BulkWrite[];
  /** Done ids carried over (a retry adds to its action's). */
  doneIds?: ReadonlySet<string>;
}

/**
 * Runs a bulk job through the same proxy as every other write: PUT or DELETE per subscription
 * (lib/batch-runner.ts), each answer into the caches (gathered, a few times a second), each
 * item's state into the bulk store for its row and the bar.
 */
export function useBulkRun(): (job: StartJob) => void {
  const queryClient = useQueryClient();
  const bulkStore = useBulkStore();
  return useCallback(
    ({ batchId, label, kind, plan, writes, doneIds = new Set() }: StartJob) => {
      // Every write of the job carries its batch, so the journal shows the action as one entry.
      const headers = {
        [JOURNAL_HEADERS.batchId]: batchId,
        [JOURNAL_HEADERS.batchLabel]: kind === 'undo' ? `Undo: ${label}` : label,
      };
      const api = apiOf(queryClient);
      const byId = new Map(writes.map((write) => [write.id, write]));
      const answered: Subscription[] = [];
      const deleted: string[] = [];
      const done = new Set(doneIds);
      const flush = () => {
        replaceManyInCaches(queryClient, answered.splice(0));
        removeManyFromCaches(queryClient, deleted.splice(0));
      };
      const timer = setInterval(flush, CACHE_FLUSH_MS);

      const batch = runBatch({
        ids: writes.map((write) => write.id),
        pacing: api.rateLimit.writePacingMs,
        run: async (id) => {
          const write = byId.get(id);
          if (!write) return;
          if (write.body) {
            answered.push(await updateSubscription(api, id, write.body, headers));
            return;
          }
          try {
            await deleteSubscription(api, id, headers);
          } catch (error) {
            // Deleted elsewhere meanwhile: it is gone, as asked.
            if (!(error instanceof ApiError && error.status === 404)) throw error;
          }
          deleted.push(id);
        },
        onItem: (id, state) => {
          if (state.status === 'done') done.add(id);
          bulkStore.setItem(id, state);
        },
        onProgress: (progress) => bulkStore.update({ progress, doneIds: new Set(done) }),
      });
      bulkStore.start({
        batchId,
        label,
        kind,
        plan,
        writes,
        progress: batch.progress(),
        doneIds: done,
        stop: batch.stop,
      });
      void batch.done.then(() => {
        clearInterval(timer);
        flush();
        bulkStore.update({ progress: batch.progress(), doneIds: new Set(done) });
      });
    },
    [queryClient, bulkStore],
  );
}
