import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activityListSchema, labelSchema } from '../../contract/console.ts';
import { putLabel } from '../labels.ts';
import { listActivity, parseActivityQuery } from './activity.ts';
import { openDatabase } from './db.ts';
import { insertIntent, insertOutcome, withoutSecret, type Intent } from './journal.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { dropSchema, TEST_DATABASES, testDatabaseFor } from './test-databases.ts';

/**
 * The journal and labels in each database (PGlite always, PostgreSQL when TEST_DATABASE_URL is
 * set): append-only in the database itself, migrations idempotent and safe when run at once,
 * activity filters and paging, labels journaled with their before and after.
 */

const SUBSCRIPTION = {
  id: '',
  target_url: 'https://hooks.example/a',
  subscribed_events: ['message.sent'],
  phone_numbers: null,
  is_active: true,
  created_at: '2026-12-01T09:00:00.000Z',
  updated_at: '2026-12-01T09:00:00.000Z',
};

const intent = (overrides: Partial<Intent> = {}): Intent => ({
  actor: 'ana@example.com',
  action: 'update',
  subscriptionId: `sub-${randomUUID()}`,
  request: { is_active: false },
  before: { ...SUBSCRIPTION },
  batch: null,
  restoreOf: null,
  ...overrides,
});

describe.each(TEST_DATABASES)('the journal on $name', (entry) => {
  const { name, skip, options } = entry;
  const database = testDatabaseFor(entry);

  it.skipIf(skip)('refuses UPDATE, DELETE and TRUNCATE of journal rows in the database', async () => {
    const id = randomUUID();
    await insertIntent(database.query, id, intent());
    await insertOutcome(database.query, id, {
      outcome: 'ok',
      status: 200,
      error: null,
      subscriptionId: null,
      after: null,
    });
    const attempts = [
      `UPDATE journal_intents SET actor = 'someone else' WHERE id = '${id}'`,
      `DELETE FROM journal_intents WHERE id = '${id}'`,
      `UPDATE journal_outcomes SET outcome = 'failed' WHERE intent_id = '${id}'`,
      `DELETE FROM journal_outcomes WHERE intent_id = '${id}'`,
      'TRUNCATE journal_outcomes',
      'TRUNCATE journal_intents CASCADE',
    ];
    for (const sql of attempts) {
      await expect(database.query(sql), sql).rejects.toThrow(/append-only/);
    }
    const [row] = await database.query<{ actor: string }>(`SELECT actor FROM journal_intents WHERE id = $1`, [id]);
    expect(row?.actor).toBe('ana@example.com');
  });

  it.skipIf(skip)('applies its migrations once, however often and however many at once', async () => {
    await Promise.all([migrate(database), migrate(database), migrate(database)]);
    const rows = await database.query<{ version: number }>('SELECT version FROM console_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it.skipIf(skip || name !== 'PostgreSQL')('creates its schema once when several consoles start at once', async () => {
    const shared = options();
    const consoles = await Promise.all(Array.from({ length: 4 }, () => openDatabase(shared)));
    try {
      for (const console of consoles) {
        expect(await console.query('SELECT version FROM console_migrations ORDER BY version')).toEqual(
          MIGRATIONS.map((migration) => ({ version: migration.version })),
        );
      }
    } finally {
      await Promise.all(consoles.map((console) => console.close()));
      await dropSchema(shared);
    }
  });

  it.skipIf(skip)('joins intents and outcomes; an intent without an outcome is unknown', async () => {
    const subscriptionId = `sub-${randomUUID()}`;
    const done = randomUUID();
    const pending = randomUUID();
    await insertIntent(database.query, done, intent({ subscriptionId }));
    await insertOutcome(database.query, done, {
      outcome: 'failed',
      status: 400,
      error: { code: 1002, message: 'Phone number must be in E.164 format' },
      subscriptionId: null,
      after: null,
    });
    await insertIntent(database.query, pending, intent({ subscriptionId, action: 'delete', request: null }));
    const list = activityListSchema.parse(await listActivity(database, { subscription_id: subscriptionId, limit: 10 }));
    expect(list.entries.map((entry) => [entry.id, entry.outcome, entry.status])).toEqual([
      [pending, 'unknown', null],
      [done, 'failed', 400],
    ]);
    expect(list.entries[1]?.error).toEqual({ code: 1002, message: 'Phone number must be in E.164 format' });
    expect(list.entries[1]?.target_url).toBe('https://hooks.example/a');
  });

  it.skipIf(skip)('finds a created subscription by the id its outcome carries', async () => {
    const created = `sub-${randomUUID()}`;
    const id = randomUUID();
    await insertIntent(database.query, id, intent({ action: 'create', subscriptionId: null, before: null }));
    await insertOutcome(database.query, id, {
      outcome: 'ok',
      status: 201,
      error: null,
      subscriptionId: created,
      after: { ...SUBSCRIPTION, id: created, signing_secret: 'whsec_never' },
    });
    const list = await listActivity(database, { subscription_id: created, limit: 10 });
    expect(list.entries).toHaveLength(1);
    expect(list.entries[0]?.subscription_id).toBe(created);
    expect(JSON.stringify(list)).not.toContain('whsec_never');
    const stored = await database.query('SELECT after::text AS after FROM journal_outcomes WHERE intent_id = $1', [id]);
    expect(JSON.stringify(stored)).not.toContain('signing_secret');
  });

  it.skipIf(skip)('filters by actor (any case) and time, and pages newest first with a cursor', async () => {
    const actor = `pager-${randomUUID()}@example.com`;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const id = randomUUID();
      ids.push(id);
      await insertIntent(database.query, id, intent({ actor }));
    }
    const first = await listActivity(database, { actor: actor.toUpperCase(), limit: 2 });
    expect(first.entries.map((entry) => entry.id)).toEqual([ids[4], ids[3]]);
    expect(first.next_cursor).not.toBeNull();
    const second = await listActivity(database, { actor, limit: 2, cursor: first.next_cursor ?? '' });
    expect(second.entries.map((entry) => entry.id)).toEqual([ids[2], ids[1]]);
    const third = await listActivity(database, { actor, limit: 2, cursor: second.next_cursor ?? '' });
    expect(third.entries.map((entry) => entry.id)).toEqual([ids[0]]);
    expect(third.next_cursor).toBeNull();

    const later = await listActivity(database, {
      actor,
      since: new Date(Date.now() + 60_000).toISOString(),
      limit: 10,
    });
    expect(later.entries).toEqual([]);
    const earlier = await listActivity(database, { actor, since: '2020-01-01T00:00:00Z', limit: 10 });
    expect(earlier.entries).toHaveLength(5);
  });

  it.skipIf(skip)(
    'journals a label change with the label before and after, and removes it when both are empty',
    async () => {
      const id = `sub-${randomUUID()}`;
      const set = labelSchema.parse(await putLabel(database, id, { name: 'Billing', note: 'prod' }, 'ana@example.com'));
      expect(set).toMatchObject({ subscription_id: id, name: 'Billing', note: 'prod', updated_by: 'ana@example.com' });
      await putLabel(database, id, { name: 'Billing', note: 'prod' }, 'ana@example.com');
      await putLabel(database, id, { name: 'Billing EU', note: 'prod' }, 'bo@example.com');
      const removed = await putLabel(database, id, { name: '', note: '' }, 'bo@example.com');
      expect(removed).toMatchObject({ name: '', note: '' });
      expect(await database.query('SELECT * FROM labels WHERE subscription_id = $1', [id])).toEqual([]);

      const { entries } = await listActivity(database, { subscription_id: id, limit: 10 });
      // The unchanged second write is no change: three entries, newest first.
      expect(entries.map((entry) => [entry.action, entry.actor, entry.outcome])).toEqual([
        ['label', 'bo@example.com', 'ok'],
        ['label', 'bo@example.com', 'ok'],
        ['label', 'ana@example.com', 'ok'],
      ]);
      expect(entries[0]?.before).toMatchObject({ name: 'Billing EU' });
      expect(entries[0]?.after).toBeNull();
      expect(entries[1]?.before).toMatchObject({ name: 'Billing' });
      expect(entries[1]?.after).toMatchObject({ name: 'Billing EU', updated_by: 'bo@example.com' });
      expect(entries[2]?.before).toBeNull();
    },
  );
});

describe('the activity query', () => {
  it('takes the documented filters and refuses bad values', () => {
    expect(parseActivityQuery({})).toEqual({ ok: true, query: { limit: 100 } });
    expect(parseActivityQuery({ limit: '500', since: '2026-12-01T09:00:00Z', actor: 'local' })).toMatchObject({
      ok: true,
      query: { limit: 500, since: '2026-12-01T09:00:00.000Z', actor: 'local' },
    });
    for (const bad of [
      { limit: '0' },
      { limit: '501' },
      { limit: '1.5' },
      { limit: ['1', '2'] },
      { since: 'yesterday' },
      { since: '2026-13-01T00:00:00Z' },
      { subscription_id: '../x' },
      { cursor: 'not-ours' },
      { actor: '' },
    ]) {
      expect(parseActivityQuery(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('removes the signing secret at any depth', () => {
    expect(withoutSecret({ a: { signing_secret: 's', b: [{ signing_secret: 't', c: 1 }] } })).toEqual({
      a: { b: [{ c: 1 }] },
    });
  });
});

describe('the embedded database directory', () => {
  it('is refused to a second console while the first has it open', { timeout: 120_000 }, async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const directory = join(await mkdtemp(join(tmpdir(), 'linq-console-db-')), 'db');
    const first = await openDatabase({ directory });
    try {
      await expect(openDatabase({ directory })).rejects.toThrow(
        /Another console \(pid \d+\) is using the embedded database/,
      );
    } finally {
      await first.close();
    }
    // Given back on close: the next console opens it, with the rows of the first.
    const second = await openDatabase({ directory });
    expect(await second.query('SELECT version FROM console_migrations ORDER BY version')).toEqual(
      MIGRATIONS.map(({ version }) => ({ version })),
    );
    await second.close();
    await rm(join(directory, '..'), { recursive: true, force: true });
  });
});
