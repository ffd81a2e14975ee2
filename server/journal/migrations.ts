import type { Database } from './db.ts';

/**
 * The schema, as numbered steps applied once each, in order, at start. Every step runs with the
 * one before it in a single transaction that first takes an advisory lock, so two consoles
 * starting at once against one PostgreSQL server apply each step exactly once (the second waits,
 * then finds nothing left to do). A step is never edited once released: change the schema with a
 * new one.
 */

/** pg_advisory_xact_lock key for migrations: any constant the console's tables do not share. */
const MIGRATION_LOCK = 7_413_052_901;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'journal, labels, sessions',
    sql: `
      -- One row per write the console is about to forward, written before it is forwarded.
      CREATE TABLE journal_intents (
        id uuid PRIMARY KEY,
        seq bigserial UNIQUE NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'label')),
        subscription_id text,
        request jsonb,
        before jsonb,
        batch_id text,
        batch_label text,
        restore_of uuid REFERENCES journal_intents (id)
      );
      CREATE INDEX journal_intents_subscription ON journal_intents (subscription_id, seq);
      CREATE INDEX journal_intents_actor ON journal_intents (lower(actor), seq);

      -- What came of it, written once Linq answered. An intent without one: outcome unknown.
      CREATE TABLE journal_outcomes (
        intent_id uuid PRIMARY KEY REFERENCES journal_intents (id),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        outcome text NOT NULL CHECK (outcome IN ('ok', 'failed', 'unknown')),
        status integer,
        error_code integer,
        error_message text,
        -- The id Linq gave a created subscription (the intent cannot know it).
        subscription_id text,
        after jsonb
      );
      CREATE INDEX journal_outcomes_subscription ON journal_outcomes (subscription_id);

      -- Append-only in the database too, whatever connects to it.
      CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the change journal is append-only: % on % is refused', TG_OP, TG_TABLE_NAME;
      END
      $$;
      CREATE TRIGGER journal_intents_append_only BEFORE UPDATE OR DELETE ON journal_intents
        FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
      CREATE TRIGGER journal_intents_no_truncate BEFORE TRUNCATE ON journal_intents
        FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
      CREATE TRIGGER journal_outcomes_append_only BEFORE UPDATE OR DELETE ON journal_outcomes
        FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
      CREATE TRIGGER journal_outcomes_no_truncate BEFORE TRUNCATE ON journal_outcomes
        FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

      -- The console's name and note per subscription: current state (its history is in the journal).
      CREATE TABLE labels (
        subscription_id text PRIMARY KEY,
        name text NOT NULL,
        note text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text
      );

      -- Built-in sign-in (LINQ_CONSOLE_AUTH=oidc): the sha256 of each session cookie's id.
      CREATE TABLE console_sessions (
        id_hash text PRIMARY KEY,
        email text NOT NULL,
        name text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
    `,
  },
  {
    version: 2,
    name: 'actor compared with ASCII case folding only',
    sql: `
      -- lower() folds more than ASCII (KELVIN SIGN is k): the activity filter compares as roles do.
      CREATE INDEX journal_intents_actor_ascii ON journal_intents (translate(actor, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), seq);
      DROP INDEX journal_intents_actor;
    `,
  },
  {
    version: 3,
    name: 'bulk jobs the server runs',
    sql: `
      -- A bulk action the console server runs (server/jobs/): current state, changed as it runs.
      -- Every write it sends is in the journal as well (batch_id = the job's id).
      CREATE TABLE bulk_jobs (
        id text PRIMARY KEY,
        seq bigserial UNIQUE NOT NULL,
        label text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('action', 'undo')),
        action jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'stopping', 'stopped', 'finished', 'interrupted')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- Who sends its writes now (the last to start, resume or retry it).
        actor text NOT NULL,
        -- The console process running it, and when it last said so (a stale one: interrupted).
        owner text,
        heartbeat_at timestamptz,
        rev bigint NOT NULL DEFAULT 0,
        undo_of text REFERENCES bulk_jobs (id)
      );

      -- One row per subscription the job was asked to change.
      CREATE TABLE bulk_job_items (
        job_id text NOT NULL REFERENCES bulk_jobs (id),
        position integer NOT NULL,
        subscription_id text NOT NULL,
        target_url text NOT NULL,
        -- The PUT body; null for a delete (and for a skipped item).
        body jsonb,
        -- The PUT that puts back what the write replaces; null for a delete.
        undo jsonb,
        is_delete boolean NOT NULL,
        state text NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'failed', 'skipped', 'unknown', 'not_sent')),
        message text,
        rev bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (job_id, position)
      );
      CREATE INDEX bulk_job_items_rev ON bulk_job_items (job_id, rev);
      -- Activity shows a batch as one entry and lists its writes on demand.
      CREATE INDEX journal_intents_batch ON journal_intents (batch_id, seq);
    `,
  },
];

/** The SQL expression the actor is compared by (the index of migration 2). */
export const asciiLower = (expression: string) =>
  `translate(${expression}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** Applies what is missing; `schema` (already checked by db.ts) is created first when given. */
export async function migrate(database: Database, schema?: string): Promise<void> {
  await database.transaction(async ({ query, exec }) => {
    await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema !== undefined) await exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await query(`CREATE TABLE IF NOT EXISTS console_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await query<{ version: number }>('SELECT version FROM console_migrations')).map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await exec(migration.sql);
      await query('INSERT INTO console_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
  });
}
