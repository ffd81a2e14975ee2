import { storableTextProblem, type ActivityQuery } from './console.ts';
import { PATH_PARAMETER } from './endpoints.ts';

/**
 * The activity query's rules (`GET /__console/activity`), for the server that answers it and the
 * page that asks: one value per name; `subscription_id` an id; `batch_id` a batch's id (its
 * entries, not the batch as one); `actor` one line of at most 320 characters; `since` a real
 * moment; `limit` 1–500 (default 100); `cursor` opaque.
 */

export const DEFAULT_ACTIVITY_LIMIT = 100;
export const MAX_ACTIVITY_LIMIT = 500;

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

/** An email address is at most 320 characters. */
export const ACTOR_MAX_LENGTH = 320;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

export type ParsedActivityQuery =
  { ok: true; query: Required<Pick<ActivityQuery, 'limit'>> & ActivityQuery } | { ok: false; message: string };

/**
 * The query string checked, or what is wrong with it (one value per name). The cursor is only
 * checked for being printable here: whether it is one the server gave out is the server's to say.
 */
export function checkActivityQuery(raw: Record<string, unknown>): ParsedActivityQuery {
  const values: Record<string, string> = {};
  for (const name of ['subscription_id', 'batch_id', 'actor', 'since', 'limit', 'cursor'] as const) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') return { ok: false, message: `Give ${name} once.` };
    values[name] = value;
  }
  const { subscription_id, batch_id, actor, since, limit, cursor } = values;
  if (subscription_id !== undefined && !PATH_PARAMETER.test(subscription_id)) {
    return { ok: false, message: 'subscription_id is not a subscription id.' };
  }
  if (batch_id !== undefined && !/^[\x21-\x7e]{1,200}$/.test(batch_id)) {
    return { ok: false, message: 'batch_id is not a batch id.' };
  }
  if (actor !== undefined && (actor === '' || actor.length > ACTOR_MAX_LENGTH || storableTextProblem(actor, 'line'))) {
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
  if (cursor !== undefined && !CURSOR.test(cursor)) {
    return { ok: false, message: 'cursor is not one this console gave out.' };
  }
  return { ok: true, query: { subscription_id, batch_id, actor, since: sinceTime, limit: count, cursor } };
}
