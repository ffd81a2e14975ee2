import type { FastifyInstance } from 'fastify';
import {
  storableTextProblem,
  type ActivityEntry,
  type ActivityList,
  type ActivityQuery,
} from '../../contract/console.ts';
import { CONSOLE_ENDPOINTS, PATH_PARAMETER } from '../../contract/endpoints.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import type { Database } from './db.ts';
import { SELECT_ENTRIES, storedMessage, storedRequest, storedSubscription, type JournalRow } from './journal.ts';
import { asciiLower } from './migrations.ts';

/**
 * `GET /__console/activity`: the journal as activityListSchema, newest first, one entry per write
 * (its intent and outcome joined). Viewers may read it; it never holds a secret to hide.
 */

export const DEFAULT_ACTIVITY_LIMIT = 100;
export const MAX_ACTIVITY_LIMIT = 500;
/** An activity page ends once its entries pass this size (one entry is at most a few hundred KB). */
export const ACTIVITY_ANSWER_BUDGET_BYTES = 512 * 1024;

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 time with its zone that names a real moment (no 30 February, no hour 24, a year from
 * 1970), as an ISO string in UTC, or undefined. Checked here, not by the database, whose refusal
 * would read as an outage.
 */
export function realTime(value: string): string | undefined {
  const match = ISO_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined)
    return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    year >= 1970 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  const time = Date.parse(value);
  return valid && !Number.isNaN(time) ? new Date(time).toISOString() : undefined;
}

/** The page after an entry: its position, opaque to clients. */
const encodeCursor = (seq: string) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): string | undefined {
  return /^seq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))?.[1];
}

type Parsed =
  { ok: true; query: Required<Pick<ActivityQuery, 'limit'>> & ActivityQuery } | { ok: false; message: string };

/** The query string checked, or what is wrong with it (one value per name). */
export function parseActivityQuery(raw: Record<string, unknown>): Parsed {
  const values: Record<string, string> = {};
  for (const name of ['subscription_id', 'actor', 'since', 'limit', 'cursor'] as const) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') return { ok: false, message: `Give ${name} once.` };
    values[name] = value;
  }
  const { subscription_id, actor, since, limit, cursor } = values;
  if (subscription_id !== undefined && !PATH_PARAMETER.test(subscription_id)) {
    return { ok: false, message: 'subscription_id is not a subscription id.' };
  }
  if (actor !== undefined && (actor === '' || actor.length > 320 || storableTextProblem(actor, 'line'))) {
    return { ok: false, message: 'actor must be an email address or "local".' };
  }
  const sinceTime = since === undefined ? undefined : realTime(since);
  if (since !== undefined && sinceTime === undefined) {
    return {
      ok: false,
      message: 'since must be a real ISO 8601 time from 1970 on, with its zone, such as 2026-12-01T09:00:00Z.',
    };
  }
  const count = limit === undefined ? DEFAULT_ACTIVITY_LIMIT : /^\d{1,3}$/.test(limit) ? Number(limit) : NaN;
  if (!(count >= 1 && count <= MAX_ACTIVITY_LIMIT)) {
    return { ok: false, message: `limit must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}.` };
  }
  if (cursor !== undefined && decodeCursor(cursor) === undefined) {
    return { ok: false, message: 'cursor is not one this console gave out.' };
  }
  return { ok: true, query: { subscription_id, actor, since: sinceTime, limit: count, cursor } };
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

export async function listActivity(
  database: Database,
  query: ActivityQuery & { limit: number },
): Promise<ActivityList> {
  // One more than asked: whether there is a next page.
  const rows = await database.query<JournalRow>(
    `${SELECT_ENTRIES}
     WHERE ($1::text IS NULL OR i.subscription_id = $1::text OR o.subscription_id = $1::text)
       AND ($2::text IS NULL OR ${asciiLower('i.actor')} = ${asciiLower('$2::text')})
       AND ($3::text IS NULL OR i.at >= $3::text::timestamptz)
       AND ($4::text IS NULL OR i.seq < $4::text::bigint)
     ORDER BY i.seq DESC
     LIMIT $5::int`,
    [
      query.subscription_id ?? null,
      query.actor ?? null,
      query.since ?? null,
      query.cursor === undefined ? null : (decodeCursor(query.cursor) ?? null),
      query.limit + 1,
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
  return { entries, next_cursor: more && last ? encodeCursor(last.seq) : null };
}

/** GET /__console/activity, an encapsulated plugin. */
export async function activityRoutes(app: FastifyInstance, { database }: { database: Database }): Promise<void> {
  app.get(CONSOLE_ENDPOINTS.activity.path, async (request, reply) => {
    const parsed = parseActivityQuery(request.query as Record<string, unknown>);
    if (!parsed.ok) return sendEnvelope(reply, ERRORS.badRequest(`The activity query is not valid: ${parsed.message}`));
    try {
      return reply.header('cache-control', 'no-store').send(await listActivity(database, parsed.query));
    } catch (error) {
      request.log.error({ code: (error as { code?: unknown }).code }, 'journal read failed');
      return sendEnvelope(reply, ERRORS.databaseUnavailable());
    }
  });
}
