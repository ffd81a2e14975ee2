import { z } from 'zod/mini';

/**
 * Wire shapes of bulk jobs (`/__console/jobs`): a bulk action the page confirms and the console
 * server runs (server/jobs/), recorded with every item's state in its database, so a closed tab,
 * a reload or a second browser changes nothing and a restart leaves it interrupted, resumable.
 */

export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('turn-on') }),
  z.object({ kind: z.literal('turn-off') }),
  z.object({ kind: z.literal('add-events'), types: z.array(z.string()).check(z.minLength(1), z.maxLength(100)) }),
  z.object({ kind: z.literal('remove-events'), types: z.array(z.string()).check(z.minLength(1), z.maxLength(100)) }),
  z.object({ kind: z.literal('delete') }),
]);

/** The most subscriptions one job takes (Linq's accounts hold far fewer). */
export const JOB_ITEMS_MAX = 20_000;

/** `POST /__console/jobs`: what the operator confirmed; the server plans it again from Linq's list. */
export const jobSubmitSchema = z.object({
  label: z.string().check(z.minLength(1), z.maxLength(200)),
  action: bulkActionSchema,
  ids: z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(z.minLength(1), z.maxLength(JOB_ITEMS_MAX)),
});
export type JobSubmit = z.infer<typeof jobSubmitSchema>;

/** `POST /__console/jobs/{id}/stop|resume|retry|leave|undo`: no fields. */
export const jobControlSchema = z.object({});

/**
 * An item's state: queued, sending, done, failed (Linq refused it, with why), skipped (already
 * as asked, or refused by the plan, with why), unknown (sent, but no answer came: it may or may
 * not have happened), not_sent (the job stopped or was interrupted before it).
 */
export const JOB_ITEM_STATES = ['queued', 'sending', 'done', 'failed', 'skipped', 'unknown', 'not_sent'] as const;
export const jobItemStateSchema = z.enum(JOB_ITEM_STATES);
export type JobItemState = z.infer<typeof jobItemStateSchema>;

/** running → stopping → stopped; running → finished; running → interrupted (the console restarted). */
export const jobStatusSchema = z.enum(['running', 'stopping', 'stopped', 'finished', 'interrupted']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobTotalsSchema = z.object({
  total: z.number(),
  queued: z.number(),
  sending: z.number(),
  done: z.number(),
  failed: z.number(),
  skipped: z.number(),
  unknown: z.number(),
  not_sent: z.number(),
});
export type JobTotals = z.infer<typeof jobTotalsSchema>;

export const jobSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['action', 'undo']),
  action: bulkActionSchema,
  status: jobStatusSchema,
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** The job this one undoes. */
  undo_of: z.nullable(z.string()),
  /** Whether Undo has something to put back (done items that are not deletes). */
  undoable: z.boolean(),
  totals: jobTotalsSchema,
});
export type Job = z.infer<typeof jobSchema>;

export const jobItemSchema = z.object({
  subscription_id: z.string(),
  target_url: z.string(),
  state: jobItemStateSchema,
  message: z.nullable(z.string()),
  /** What it writes (the PUT body; null for a delete), so a page can show the change once it is done. */
  body: z.nullable(z.record(z.string(), z.unknown())),
  /** The job's revision at this item's last change. */
  rev: z.number(),
});
export type JobItem = z.infer<typeof jobItemSchema>;

/** `GET /__console/jobs`: the newest first (at most 20). */
export const jobListSchema = z.object({ jobs: z.array(jobSchema) });
export type JobList = z.infer<typeof jobListSchema>;

/** `GET /__console/jobs/{id}?since=<rev>`: the job and the items changed after `since` (all without it). */
export const jobDetailSchema = z.object({ job: jobSchema, items: z.array(jobItemSchema), rev: z.number() });
export type JobDetail = z.infer<typeof jobDetailSchema>;

export const emptyTotals = (): JobTotals => ({
  total: 0,
  queued: 0,
  sending: 0,
  done: 0,
  failed: 0,
  skipped: 0,
  unknown: 0,
  not_sent: 0,
});
