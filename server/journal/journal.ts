import type { ActivityEntry, JournalAction } from '../../contract/console.ts';
import { SUBSCRIPTION_WRITE_FIELDS } from '../../contract/schemas.ts';
import type { Query } from './db.ts';

/**
 * The change journal's rows: an intent written before a write is forwarded, an outcome written
 * after Linq answered, never changed or removed (the database refuses it too, migrations.ts).
 * This module only inserts and reads; activity.ts turns rows into activityEntrySchema.
 */

type Json = Record<string, unknown>;

export interface Intent {
  actor: string;
  action: JournalAction;
  /** Null for a create: Linq has not given it an id yet (the outcome carries it). */
  subscriptionId: string | null;
  request: Json | null;
  before: Json | null;
  batch: { id: string; label: string } | null;
  restoreOf: string | null;
}

export interface Outcome {
  outcome: ActivityEntry['outcome'];
  status: number | null;
  error: { code: number | null; message: string } | null;
  subscriptionId: string | null;
  after: Json | null;
}

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string PostgreSQL's jsonb can hold: NUL and lone surrogates become U+FFFD (jsonb refuses both). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what jsonb cannot hold
const storableString = (value: string) => value.replace(/\u0000/g, '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');

/** The subscription's signing secret, wherever it is in a value, is never stored; strings are made storable. */
export function withoutSecret(value: unknown): unknown {
  if (typeof value === 'string') return storableString(value);
  if (Array.isArray(value)) return value.map(withoutSecret);
  if (value === null || typeof value !== 'object') return value;
  const copy: Json = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key !== 'signing_secret') copy[storableString(key)] = withoutSecret(entry);
  }
  return copy;
}

/** A JSON object without the secret, or null (the journal keeps objects only). */
export function storedObject(value: unknown): Json | null {
  const clean = withoutSecret(value);
  return clean !== null && typeof clean === 'object' && !Array.isArray(clean) ? (clean as Json) : null;
}

/** The bounds of what the journal keeps of one request, and of one subscription before or after. */
export const STORED_LIMITS = {
  /** A string field (a target URL, a header name). */
  stringChars: 2_048,
  /** Entries of a list field (event types, phone numbers), each cut to `entryChars`. */
  listEntries: 500,
  entryChars: 256,
  /** A subscription as Linq gave it, unknown fields included; past this only its known fields stay. */
  subscriptionBytes: 64 * 1024,
  /** An error message. */
  messageChars: 1_000,
} as const;

/** Marks a stored value that was cut to the bounds above. */
export const TRUNCATED = '_console_truncated';

function bounded(value: unknown, cut: { happened: boolean }): unknown {
  const text = (entry: string, max: number) => {
    if (entry.length <= max) return entry;
    cut.happened = true;
    return entry.slice(0, max);
  };
  if (typeof value === 'string') return text(value, STORED_LIMITS.stringChars);
  if (Array.isArray(value)) {
    if (value.length > STORED_LIMITS.listEntries) cut.happened = true;
    return value
      .slice(0, STORED_LIMITS.listEntries)
      .map((entry) =>
        typeof entry === 'string' ? text(entry, STORED_LIMITS.entryChars) : typeof entry === 'object' ? null : entry,
      );
  }
  // A known field never holds an object: a client's nested one is not kept.
  if (value !== null && typeof value === 'object') {
    cut.happened = true;
    return null;
  }
  return value;
}

/** Only the fields a write can carry (contract SUBSCRIPTION_WRITE_FIELDS), each bounded. */
function knownFields(value: Json): Json {
  const cut = { happened: false };
  const kept: Json = {};
  for (const field of SUBSCRIPTION_WRITE_FIELDS) {
    if (field in value) kept[field] = bounded(value[field], cut);
  }
  if (cut.happened) kept[TRUNCATED] = true;
  return kept;
}

/**
 * What the journal keeps of a request body: what Linq was asked, not whatever a client sent, so a
 * body of unknown fields (up to the 1 MiB a request may be) is never kept or served back.
 */
export function storedRequest(value: unknown): Json | null {
  const clean = storedObject(value);
  return clean === null ? null : knownFields(clean);
}

/** A subscription as Linq gave it (unknown fields kept), or only its known fields past the bound. */
export function storedSubscription(value: unknown): Json | null {
  const clean = storedObject(value);
  if (clean === null || JSON.stringify(clean).length <= STORED_LIMITS.subscriptionBytes) return clean;
  const kept = knownFields(clean);
  for (const field of ['id', 'created_at', 'updated_at'] as const) {
    if (typeof clean[field] === 'string') kept[field] = (clean[field] as string).slice(0, STORED_LIMITS.entryChars);
  }
  kept[TRUNCATED] = true;
  return kept;
}

/** An error message as stored: bounded, storable. */
export const storedMessage = (message: string) => storableString(message).slice(0, STORED_LIMITS.messageChars);

// JSON goes in as text and is cast by the server: both drivers then send the same bytes.
const json = (value: Json | null) => (value === null ? null : JSON.stringify(value));

export async function insertIntent(query: Query, id: string, intent: Intent): Promise<void> {
  await query(
    `INSERT INTO journal_intents (id, actor, action, subscription_id, request, before, batch_id, batch_label, restore_of)
     VALUES ($1::text::uuid, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8, $9::text::uuid)`,
    [
      id,
      intent.actor,
      intent.action,
      intent.subscriptionId,
      json(intent.action === 'label' ? storedObject(intent.request) : storedRequest(intent.request)),
      json(storedSubscription(intent.before)),
      intent.batch?.id ?? null,
      intent.batch?.label ?? null,
      intent.restoreOf,
    ],
  );
}

export async function insertOutcome(query: Query, intentId: string, outcome: Outcome): Promise<void> {
  await query(
    `INSERT INTO journal_outcomes (intent_id, outcome, status, error_code, error_message, subscription_id, after)
     VALUES ($1::text::uuid, $2, $3::int, $4::int, $5, $6, $7::text::jsonb)`,
    [
      intentId,
      outcome.outcome,
      outcome.status,
      outcome.error?.code ?? null,
      outcome.error ? storedMessage(outcome.error.message) : null,
      outcome.subscriptionId,
      // A label (before or after) is far under the bound, so it is kept whole.
      json(storedSubscription(outcome.after)),
    ],
  );
}

/** One journal row joined with its outcome, as read back. */
export interface JournalRow {
  id: string;
  seq: string;
  at: Date | string;
  actor: string;
  action: JournalAction;
  subscription_id: string | null;
  request: Json | null;
  before: Json | null;
  batch_id: string | null;
  batch_label: string | null;
  restore_of: string | null;
  outcome: ActivityEntry['outcome'] | null;
  status: number | null;
  error_code: number | null;
  error_message: string | null;
  after: Json | null;
}

export const SELECT_ENTRIES = `
  SELECT i.id::text AS id, i.seq::text AS seq, i.at, i.actor, i.action,
         coalesce(o.subscription_id, i.subscription_id) AS subscription_id,
         i.request, i.before, i.batch_id, i.batch_label, i.restore_of::text AS restore_of,
         o.outcome, o.status, o.error_code, o.error_message, o.after
  FROM journal_intents i LEFT JOIN journal_outcomes o ON o.intent_id = i.id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The entry with this id, or undefined (also for anything that is not an entry id at all). */
export async function findEntry(query: Query, id: string): Promise<JournalRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await query<JournalRow>(`${SELECT_ENTRIES} WHERE i.id = $1::text::uuid`, [id]);
  return row;
}

/**
 * What the journal says of each of a job's items that were being sent when its console stopped:
 * the newest entry of the job's batch for that subscription, with its outcome (null: the intent
 * was written, so the write may have gone out; no entry: it was never sent).
 */
export async function batchOutcomes(
  query: Query,
  jobId: string,
  subscriptionIds: readonly string[],
): Promise<Map<string, { outcome: string | null; message: string | null }>> {
  if (subscriptionIds.length === 0) return new Map();
  const rows = await query<{ subscription_id: string; outcome: string | null; error_message: string | null }>(
    `SELECT DISTINCT ON (i.subscription_id) i.subscription_id, o.outcome, o.error_message
     FROM journal_intents i LEFT JOIN journal_outcomes o ON o.intent_id = i.id
     WHERE i.batch_id = $1 AND i.subscription_id = ANY($2::text[])
     ORDER BY i.subscription_id, i.seq DESC`,
    [jobId, subscriptionIds],
  );
  return new Map(rows.map((row) => [row.subscription_id, { outcome: row.outcome, message: row.error_message }]));
}
