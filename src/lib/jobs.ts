import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BatchSummary } from '@contract/console';
import { CONSOLE_ENDPOINTS } from '@contract/endpoints';
import type { Job, JobDetail, JobList, JobSubmit, JobTotals } from '@contract/jobs';
import type { ApiClient } from './api-client';
import { formatCount } from './format';
import { noticesMeta } from './query-client';
import { apiOf } from './services';

/**
 * Bulk jobs as the page reaches them (`/__console/jobs`, contract/jobs.ts): the console server
 * runs them; a page submits one, watches it and steers it. Both features use this: the bulk bar
 * on the subscriptions page, and Activity for a batch after the bar is gone.
 */

export const listJobs = (api: ApiClient, signal?: AbortSignal): Promise<JobList> =>
  api.call(CONSOLE_ENDPOINTS.listJobs, { signal });

export const submitJob = (api: ApiClient, body: JobSubmit): Promise<Job> =>
  api.call(CONSOLE_ENDPOINTS.submitJob, { body });

/** The job and its items changed after revision `since` (all of them without it). */
export const getJob = (api: ApiClient, id: string, since?: number, signal?: AbortSignal): Promise<JobDetail> =>
  api.call(CONSOLE_ENDPOINTS.getJob, { params: { id }, query: { since }, signal });

export type JobControl = 'stop' | 'resume' | 'retry' | 'leave' | 'undo';

const CONTROL_ENDPOINTS = {
  stop: CONSOLE_ENDPOINTS.stopJob,
  resume: CONSOLE_ENDPOINTS.resumeJob,
  retry: CONSOLE_ENDPOINTS.retryJob,
  leave: CONSOLE_ENDPOINTS.leaveJob,
  undo: CONSOLE_ENDPOINTS.undoJob,
} as const;

/** Stop, Resume, Retry failed and Leave answer the job itself; Undo answers the new job that puts it back. */
export const controlJob = (api: ApiClient, id: string, control: JobControl): Promise<Job> =>
  api.call(CONTROL_ENDPOINTS[control], { params: { id }, body: {} });

/** Still sending (or finishing what is in flight after Stop). */
export const isJobActive = (status: Job['status'] | null): boolean => status === 'running' || status === 'stopping';

/** A job the operator should see when the page opens: still going, or interrupted and waiting for a decision. */
export const needsAttention = (job: Job): boolean => isJobActive(job.status) || job.status === 'interrupted';

/** Items not answered yet. */
export const remainingOf = (totals: JobTotals): number => totals.queued + totals.sending;

/** Items Retry failed sends again: refused by Linq, or sent without an answer. */
export const retryableOf = (totals: JobTotals): number => totals.failed + totals.unknown;

export interface ControlChoice {
  control: JobControl;
  /** The button's text; its accessible name adds the job's label. */
  text: string;
  danger?: boolean;
}

/** The controls a job offers in its state, the same in the bulk bar and in Activity. */
export function jobControls(summary: Pick<BatchSummary, 'status' | 'totals' | 'undoable'>): ControlChoice[] {
  const { status, totals } = summary;
  if (status === null) return [];
  if (status === 'running') return [{ control: 'stop', text: 'Stop', danger: true }];
  if (status === 'stopping') return [];
  const choices: ControlChoice[] = [];
  if (totals.not_sent > 0)
    choices.push({ control: 'resume', text: `Resume (${formatCount(totals.not_sent)} not sent)` });
  if (status === 'interrupted') choices.push({ control: 'leave', text: 'Leave as it is' });
  const retryable = retryableOf(totals);
  if (retryable > 0) choices.push({ control: 'retry', text: `Retry failed (${formatCount(retryable)})` });
  if (summary.undoable) choices.push({ control: 'undo', text: 'Undo' });
  return choices;
}

/** What a control says once the server took it, and when it refused it. */
const DONE_TEXT: Record<JobControl, string> = {
  stop: 'Stopping: what is in flight finishes, nothing more is sent.',
  resume: 'Resumed: sending what was not sent.',
  retry: 'Retrying the failed ones.',
  leave: 'Left as it is: what was not sent stays unsent.',
  undo: 'Undo started: it puts back what the job changed.',
};

/**
 * One control of a job, as a mutation: its notices are its meta (lib/query-client.ts). A view
 * that shows the job's state itself (the bulk bar) says nothing on success: only a refusal.
 */
export function useJobControl({
  onDone,
  announce = true,
}: { onDone?: (job: Job, control: JobControl) => void; announce?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, control }: { id: string; label: string; control: JobControl }) =>
      controlJob(apiOf(queryClient), id, control),
    meta: noticesMeta<Job, { id: string; label: string; control: JobControl }>({
      success: (_job, { control, label }) =>
        announce ? { kind: 'success', message: DONE_TEXT[control], description: label } : undefined,
      error: (error, { label }) => ({ kind: 'error', message: `${label}: ${error.message}` }),
    }),
    onSuccess: (job, { control }) => onDone?.(job, control),
  });
}
