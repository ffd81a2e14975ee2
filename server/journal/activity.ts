import type { FastifyInstance } from 'fastify';
import { checkActivityQuery, type ParsedActivityQuery } from '../../contract/activity-query.ts';
import type { ActivityEntry, ActivityList, ActivityQuery, BatchSummary } from '../../contract/console.ts';
import { emptyTotals } from '../../contract/jobs.ts';
import { CONSOLE_ENDPOINTS } from '../../contract/endpoints.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import type { Database } from './db.ts';
import { SELECT_ENTRIES, storedMessage, storedRequest, storedSubscription, type JournalRow } from './journal.ts';
import { asciiLower } from './migrations.ts';

/**
 * `GET /__console/activity`: the journal as activityListSchema, newest first, one entry per write
 * (its intent and outcome joined). Viewers may read it; it never holds a secret to hide.
 */

/** An activity page ends once its entries pass this size (one entry is at most a few hundred KB). */
export const ACTIVITY_ANSWER_BUDGET_BYTES = 512 * 1024;

/** The page after an entry: its position, opaque to clients. */
const encodeCursor = (seq: string) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): string | undefined {
  return /^seq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))?.[1];
}

/** The query string checked (contract/activity-query.ts), and the cursor one this server gave out. */
export function parseActivityQuery(raw: Record<string, unknown>): ParsedActivityQuery {
  const parsed = checkActivityQuery(raw);
  if (parsed.ok && parsed.query.cursor !== undefined && decodeCursor(parsed.query.cursor) === undefined) {
    return { ok: false, message: 'cursor is not one this console gave out.' };
  }
  return parsed;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function toEntry(row: JournalRow): ActivityEntry {
  const isLabel = row.action === 'label';
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    subscription_id: row.subscription_id,
    // The URL the entry is about: after the change, else before it, else as asked.
    target_url: isLabel
      ? null
      : (text(row.after?.target_url) ?? text(row.before?.target_url) ?? text(row.request?.target_url)),
    // Bounded again as read: entries written before the bounds were kept whole.
    request: isLabel ? row.request : storedRequest(row.request),
    before: storedSubscription(row.before) as ActivityEntry['before'],
    after: storedSubscription(row.after) as ActivityEntry['after'],
    outcome: row.outcome ?? 'unknown',
    status: row.status,
    error: row.error_message === null ? null : { code: row.error_code, message: storedMessage(row.error_message) },
    batch: row.batch_id === null ? null : { id: row.batch_id, label: row.batch_label ?? '' },
    restore_of: row.restore_of,
  };
}

/** The totals of the batches a server-run job has (jobs/), by batch id; the rest are counted here. */
export type JobSummaries = (batchIds: readonly string[]) => Promise<Map<string, BatchSummary>>;

/** A batch without a job (the page ran it, before jobs ran on the server): its journal, counted. */
async function journalSummaries(database: Database, batchIds: readonly string[]): Promise<Map<string, BatchSummary>> {
  const rows = await database.query<{ batch_id: string; outcome: string | null; n: string }>(
    `SELECT i.batch_id, o.outcome, count(*)::text AS n
     FROM journal_intents i LEFT JOIN journal_outcomes o ON o.intent_id = i.id
     WHERE i.batch_id = ANY($1::text[]) GROUP BY i.batch_id, o.outcome`,
    [batchIds],
  );
  const summaries = new Map<string, BatchSummary>();
  for (const row of rows) {
    const summary = summaries.get(row.batch_id) ?? { status: null, totals: emptyTotals(), undoable: false };
    const state = row.outcome === 'ok' ? 'done' : row.outcome === 'failed' ? 'failed' : 'unknown';
    summary.totals[state] += Number(row.n);
    summary.totals.total += Number(row.n);
    summaries.set(row.batch_id, summary);
  }
  return summaries;
}

export async function listActivity(
  database: Database,
  query: ActivityQuery & { limit: number },
  jobSummaries: JobSummaries = async () => new Map(),
): Promise<ActivityList> {
  // A batch is one entry (its newest write) unless one subscription's history or one batch is asked.
  const collapse = query.subscription_id === undefined && query.batch_id === undefined;
  // One more than asked: whether there is a next page.
  const rows = await database.query<JournalRow>(
    `${SELECT_ENTRIES}
     WHERE ($1::text IS NULL OR i.subscription_id = $1::text OR o.subscription_id = $1::text)
       AND ($2::text IS NULL OR ${asciiLower('i.actor')} = ${asciiLower('$2::text')})
       AND ($3::text IS NULL OR i.at >= $3::text::timestamptz)
       AND ($4::text IS NULL OR i.seq < $4::text::bigint)
       AND ($6::text IS NULL OR i.batch_id = $6::text)
       AND (NOT $7::boolean OR i.batch_id IS NULL
            OR i.seq = (SELECT max(b.seq) FROM journal_intents b WHERE b.batch_id = i.batch_id))
     ORDER BY i.seq DESC
     LIMIT $5::int`,
    [
      query.subscription_id ?? null,
      query.actor ?? null,
      query.since ?? null,
      query.cursor === undefined ? null : (decodeCursor(query.cursor) ?? null),
      query.limit + 1,
      query.batch_id ?? null,
      collapse,
    ],
  );
  // One answer stays small whatever its entries hold: past the budget the page ends early.
  const entries: ActivityEntry[] = [];
  let size = 0;
  let last: JournalRow | undefined;
  for (const row of rows.slice(0, query.limit)) {
    if (entries.length > 0 && size >= ACTIVITY_ANSWER_BUDGET_BYTES) break;
    const entry = toEntry(row);
    size += JSON.stringify(entry).length;
    entries.push(entry);
    last = row;
  }
  const more = entries.length < rows.length;
  const batchIds = [...new Set(entries.flatMap((entry) => (entry.batch ? [entry.batch.id] : [])))];
  const fromJobs = await jobSummaries(batchIds);
  const counted = await journalSummaries(
    database,
    batchIds.filter((id) => !fromJobs.has(id)),
  );
  const batches = Object.fromEntries([...counted, ...fromJobs]);
  return { entries, next_cursor: more && last ? encodeCursor(last.seq) : null, batches };
}

/** GET /__console/activity, an encapsulated plugin. */
export async function activityRoutes(
  app: FastifyInstance,
  { database, jobSummaries }: { database: Database; jobSummaries?: JobSummaries },
): Promise<void> {
  app.get(CONSOLE_ENDPOINTS.activity.path, async (request, reply) => {
    const parsed = parseActivityQuery(request.query as Record<string, unknown>);
    if (!parsed.ok) return sendEnvelope(reply, ERRORS.badRequest(`The activity query is not valid: ${parsed.message}`));
    try {
      return reply.header('cache-control', 'no-store').send(await listActivity(database, parsed.query, jobSummaries));
    } catch (error) {
      request.log.error({ code: (error as { code?: unknown }).code }, 'journal read failed');
      return sendEnvelope(reply, ERRORS.databaseUnavailable());
    }
  });
}
