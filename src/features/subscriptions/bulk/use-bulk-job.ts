import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Job, JobSubmit } from '@contract/jobs';
import { getJob, submitJob, useJobControl } from '@/lib/jobs';
import { noticesMeta } from '@/lib/query-client';
import { apiOf } from '@/lib/services';
import { useBulkStore } from './bulk-store';
import { attachJob, watchJobs } from './job-watch';

/**
 * The subscriptions page's side of bulk jobs (they run on the console server, server/jobs/):
 * the page shows the job it submitted, or the one running when it opened, and follows it.
 */

/** Mounted with the page: shows the job that is running (or interrupted) and follows the shown job. */
export function useBulkJobWatch(): void {
  const queryClient = useQueryClient();
  const store = useBulkStore();
  useEffect(() => {
    const controller = new AbortController();
    // A page that cannot reach the jobs now shows none; the next visit asks again.
    attachJob(store, queryClient, controller.signal).catch(() => undefined);
    const stop = watchJobs({ store, queryClient });
    return () => {
      controller.abort();
      stop();
    };
  }, [store, queryClient]);
}

/** Submit a confirmed action, and steer the shown job: each shows the job (or Undo's new one) read whole. */
export function useBulkActions() {
  const queryClient = useQueryClient();
  const store = useBulkStore();
  const showWhole = async (job: Job) => store.show(await getJob(apiOf(queryClient), job.id));
  const submit = useMutation({
    mutationFn: async (body: JobSubmit) => {
      const job = await submitJob(apiOf(queryClient), body);
      await showWhole(job);
      return job;
    },
    meta: noticesMeta<Job, JobSubmit>({
      error: (error, body) => ({ kind: 'error', message: `${body.label}: not started. ${error.message}` }),
    }),
  });
  const control = useJobControl({ onDone: (job) => void showWhole(job).catch(() => undefined), announce: false });
  return { submit, control };
}
