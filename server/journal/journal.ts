import type { ActivityEntry, JournalAction } from '../../contract/console.ts';
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

/** The subscription's signing secret, wherever it is in a value, is never stored. */
export function withoutSecret(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecret);
  if (value === null || typeof value !== 'object') return value;
  const copy: Json = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key !== 'signing_secret') copy[key] = withoutSecret(entry);
  }
  return copy;
}

/** A JSON object without the secret, or null (the journal keeps objects only). */
export function storedObject(value: unknown): Json | null {
  const clean = withoutSecret(value);
  return clean !== null && typeof clean === 'object' && !Array.isArray(clean) ? (clean as Json) : null;
}

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
      json(storedObject(intent.request)),
      json(storedObject(intent.before)),
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
      outcome.error?.message ?? null,
      outcome.subscriptionId,
      json(storedObject(outcome.after)),
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
