import type { BulkAction } from '../../contract/bulk.ts';
import type { BatchSummary } from '../../contract/console.ts';
import { emptyTotals, type Job, type JobItem, type JobItemState, type JobStatus } from '../../contract/jobs.ts';
import type { Query } from '../journal/db.ts';

/**
 * The bulk jobs' rows (migration 3): a job and one row per item, changed as the job runs. Every
 * change to an item raises the job's revision, so a page asks only for what changed since the
 * revision it has. This module only reads and writes rows; runner.ts decides what they say.
 */

type Json = Record<string, unknown>;

export interface StoredItem {
  position: number;
  subscription_id: string;
  target_url: string;
  body: Json | null;
  undo: Json | null;
  is_delete: boolean;
  state: JobItemState;
  message: string | null;
}

export interface NewJob {
  id: string;
  label: string;
  kind: Job['kind'];
  action: BulkAction;
  actor: string;
  owner: string;
  undoOf: string | null;
  items: StoredItem[];
}

interface JobRow {
  id: string;
  label: string;
  kind: Job['kind'];
  action: BulkAction;
  status: JobStatus;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  undo_of: string | null;
  actor: string;
  rev: string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export async function insertJob(query: Query, job: NewJob): Promise<void> {
  await query(
    `INSERT INTO bulk_jobs (id, label, kind, action, status, created_by, actor, owner, heartbeat_at, undo_of)
     VALUES ($1, $2, $3, $4::text::jsonb, 'running', $5, $5, $6, clock_timestamp(), $7)`,
    [job.id, job.label, job.kind, JSON.stringify(job.action), job.actor, job.owner, job.undoOf],
  );
  // In slices, each one statement: a 20,000-item job is a few round trips, not 20,000.
  for (let start = 0; start < job.items.length; start += 2_000) {
    const slice = job.items.slice(start, start + 2_000);
    await query(
      `INSERT INTO bulk_job_items (job_id, position, subscription_id, target_url, body, undo, is_delete, state, message)
       SELECT $1, x.position, x.subscription_id, x.target_url, x.body, x.undo, x.is_delete, x.state, x.message
       FROM jsonb_to_recordset($2::text::jsonb) AS x(position integer, subscription_id text, target_url text,
            body jsonb, undo jsonb, is_delete boolean, state text, message text)`,
      [job.id, JSON.stringify(slice)],
    );
  }
}

/** Sets items' states (and messages), raising the job's revision once for all of them. */
export async function setItems(
  query: Query,
  jobId: string,
  changes: readonly { position: number; state: JobItemState; message: string | null }[],
): Promise<void> {
  if (changes.length === 0) return;
  await query(
    `WITH bumped AS (
       UPDATE bulk_jobs SET rev = rev + 1, updated_at = clock_timestamp() WHERE id = $1 RETURNING rev
     )
     UPDATE bulk_job_items i SET state = x.state, message = x.message, rev = (SELECT rev FROM bumped)
     FROM jsonb_to_recordset($2::text::jsonb) AS x(position integer, state text, message text)
     WHERE i.job_id = $1 AND i.position = x.position`,
    [jobId, JSON.stringify(changes)],
  );
}

/** Every item in `from` states moves to `to` (a stop: queued → not_sent; a resume: not_sent → queued). */
export async function moveItems(
  query: Query,
  jobId: string,
  from: readonly JobItemState[],
  to: JobItemState,
): Promise<void> {
  await query(
    `WITH bumped AS (
       UPDATE bulk_jobs SET rev = rev + 1, updated_at = clock_timestamp() WHERE id = $1 RETURNING rev
     )
     UPDATE bulk_job_items SET state = $3, message = NULL, rev = (SELECT rev FROM bumped)
     WHERE job_id = $1 AND state = ANY($2::text[])`,
    [jobId, from, to],
  );
}

export async function setStatus(
  query: Query,
  jobId: string,
  status: JobStatus,
  run?: { owner: string; actor: string },
): Promise<void> {
  await query(
    `UPDATE bulk_jobs SET status = $2, updated_at = clock_timestamp(), rev = rev + 1,
       owner = coalesce($3, owner), actor = coalesce($4, actor),
       heartbeat_at = CASE WHEN $3::text IS NULL THEN heartbeat_at ELSE clock_timestamp() END
     WHERE id = $1`,
    [jobId, status, run?.owner ?? null, run?.actor ?? null],
  );
}

/** The running jobs of this process are still running: said every few seconds. */
export async function heartbeat(query: Query, owner: string): Promise<void> {
  await query(
    `UPDATE bulk_jobs SET heartbeat_at = clock_timestamp() WHERE owner = $1 AND status IN ('running', 'stopping')`,
    [owner],
  );
}

/** This process's jobs whose stop was asked elsewhere (another console on a shared PostgreSQL). */
export async function stoppingJobs(query: Query, owner: string): Promise<string[]> {
  const rows = await query<{ id: string }>(`SELECT id FROM bulk_jobs WHERE owner = $1 AND status = 'stopping'`, [
    owner,
  ]);
  return rows.map((row) => row.id);
}

/** Running jobs no process has spoken for within `staleMs` (all of them at 0): their console stopped. */
export async function orphanedJobs(query: Query, owner: string, staleMs: number): Promise<string[]> {
  const rows = await query<{ id: string }>(
    `SELECT id FROM bulk_jobs
     WHERE status IN ('running', 'stopping') AND owner IS DISTINCT FROM $1
       AND (heartbeat_at IS NULL OR heartbeat_at < clock_timestamp() - make_interval(secs => $2::int / 1000.0))`,
    [owner, staleMs],
  );
  return rows.map((row) => row.id);
}

export async function readItems(query: Query, jobId: string, states?: readonly JobItemState[]): Promise<StoredItem[]> {
  return query<StoredItem>(
    `SELECT position, subscription_id, target_url, body, undo, is_delete, state, message
     FROM bulk_job_items WHERE job_id = $1 AND ($2::text[] IS NULL OR state = ANY($2::text[]))
     ORDER BY position`,
    [jobId, states ?? null],
  );
}

const JOB_COLUMNS = `j.id, j.label, j.kind, j.action, j.status, j.created_by, j.created_at, j.updated_at,
  j.undo_of, j.actor, j.rev::text AS rev`;

async function withTotals(query: Query, rows: JobRow[]): Promise<Job[]> {
  if (rows.length === 0) return [];
  const counts = await query<{ job_id: string; state: JobItemState; n: string; undoable: string }>(
    `SELECT job_id, state, count(*)::text AS n,
            count(*) FILTER (WHERE state = 'done' AND undo IS NOT NULL)::text AS undoable
     FROM bulk_job_items WHERE job_id = ANY($1::text[]) GROUP BY job_id, state`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => {
    const totals = emptyTotals();
    let undoable = 0;
    for (const count of counts) {
      if (count.job_id !== row.id) continue;
      totals[count.state] = Number(count.n);
      totals.total += Number(count.n);
      undoable += Number(count.undoable);
    }
    return {
      id: row.id,
      label: row.label,
      kind: row.kind,
      action: row.action,
      status: row.status,
      created_by: row.created_by,
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      undo_of: row.undo_of,
      undoable: undoable > 0 && row.kind === 'action',
      totals,
    };
  });
}

/** The job as the wire shows it, and who sends its writes now, and its revision. */
export async function readJob(
  query: Query,
  jobId: string,
): Promise<{ job: Job; actor: string; rev: number } | undefined> {
  const [row] = await query<JobRow>(`SELECT ${JOB_COLUMNS} FROM bulk_jobs j WHERE j.id = $1`, [jobId]);
  if (!row) return undefined;
  const [job] = await withTotals(query, [row]);
  return job && { job, actor: row.actor, rev: Number(row.rev) };
}

export async function listJobs(query: Query, limit: number): Promise<Job[]> {
  const rows = await query<JobRow>(`SELECT ${JOB_COLUMNS} FROM bulk_jobs j ORDER BY j.seq DESC LIMIT $1::int`, [limit]);
  return withTotals(query, rows);
}

/** The jobs among `ids` (an Activity page's batches), with their totals. */
export async function jobsByIds(query: Query, ids: readonly string[]): Promise<Job[]> {
  if (ids.length === 0) return [];
  const rows = await query<JobRow>(`SELECT ${JOB_COLUMNS} FROM bulk_jobs j WHERE j.id = ANY($1::text[])`, [ids]);
  return withTotals(query, rows);
}

/** An Activity page's batches that are jobs: their status and true totals, by id. */
export async function jobSummaries(query: Query, ids: readonly string[]): Promise<Map<string, BatchSummary>> {
  const jobs = await jobsByIds(query, ids);
  return new Map(jobs.map((job) => [job.id, { status: job.status, totals: job.totals, undoable: job.undoable }]));
}

/** Items changed after revision `since` (every item without it), for a page watching the job. */
export async function changedItems(query: Query, jobId: string, since: number | undefined): Promise<JobItem[]> {
  const rows = await query<{
    subscription_id: string;
    target_url: string;
    state: JobItemState;
    message: string | null;
    body: Record<string, unknown> | null;
    rev: string;
  }>(
    `SELECT subscription_id, target_url, state, message, body, rev::text AS rev FROM bulk_job_items
     WHERE job_id = $1 AND ($2::bigint IS NULL OR rev > $2::bigint) ORDER BY position`,
    [jobId, since ?? null],
  );
  return rows.map((row) => ({ ...row, rev: Number(row.rev) }));
}
