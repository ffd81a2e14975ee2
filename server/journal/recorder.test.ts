import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { activityListSchema, JOURNAL_HEADERS, type ActivityEntry } from '../../contract/console.ts';
import { emptyTotals } from '../../contract/jobs.ts';
import type { Subscription } from '../../contract/schemas.ts';
import { cleanupsAfterEach, expectEnvelope, startTestConsole, startTestSandbox, type Answer } from '../test-http.ts';
import type { Database } from './db.ts';
import { TEST_DATABASES, testDatabaseFor } from './test-databases.ts';

/**
 * The change journal end to end: a real console in front of the real sandbox (telling what
 * reached it, where that must be seen), on each database. Every forwarded write has its entry
 * with who, what was asked, before, after and outcome; the secret is never stored; a write that
 * cannot be journaled is not forwarded.
 */

const API_KEY = 'test-key';
const cleanups = cleanupsAfterEach();
const BASE = '/v3/webhook-subscriptions';

interface Client {
  url: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  activity(query?: Record<string, string>): Promise<ActivityEntry[]>;
}

function client(url: string): Client {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers) as IncomingHttpHeaders,
      body: await response.text(),
    };
  };
  return {
    url,
    call,
    async activity(query = {}) {
      const answer = await call('GET', `/__console/activity?${new URLSearchParams(query).toString()}`);
      expect(answer.status, answer.body).toBe(200);
      return activityListSchema.parse(JSON.parse(answer.body)).entries;
    },
  };
}

/** Everything the journal tables hold, as text: for what must never be in them. */
async function journalText(database: Database): Promise<string> {
  const rows = await database.query(
    `SELECT i::text AS intent, o::text AS outcome FROM journal_intents i LEFT JOIN journal_outcomes o ON o.intent_id = i.id`,
  );
  return JSON.stringify(rows);
}

/** The sandbox, telling what reaches it: for what the console must never send to Linq. */
async function recordingSandbox() {
  const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
  const sandbox = await startTestSandbox({ apiKey: API_KEY, onRequest: (request) => seen.push(request) });
  cleanups.push(() => sandbox.close());
  const id = sandbox.store.state.subscriptions[0]?.id;
  if (id === undefined) throw new Error('the sandbox seed is empty');
  return { seen, url: sandbox.url, id };
}

// Hundreds of real HTTP exchanges in some tests: time for a busy machine.
describe.each(TEST_DATABASES)('the journal through the proxy, on $name', { timeout: 60_000 }, (entry) => {
  const { skip, open } = entry;
  const database = testDatabaseFor(entry);

  async function start(options: { database?: Database; baseUrl?: string } = {}) {
    const sandbox = await startTestSandbox({ apiKey: API_KEY });
    cleanups.push(() => sandbox.close());
    const console = await startTestConsole({
      baseUrl: options.baseUrl ?? sandbox.url,
      apiKey: API_KEY,
      database: options.database ?? database,
    });
    cleanups.push(() => console.close());
    return { sandbox, ...client(console.url) };
  }

  it.skipIf(skip)('records a create, an update and a delete with before, after and outcome', async () => {
    const { call, activity } = await start();
    const create = { target_url: 'https://hooks.example/journal-crud', subscribed_events: ['message.sent'] };
    const created = await call('POST', BASE, create);
    expect(created.status).toBe(201);
    const subscription = JSON.parse(created.body) as Subscription & { signing_secret: string };
    // The operator still gets the secret, once.
    expect(subscription.signing_secret).toMatch(/^whsec_/);
    const path = `${BASE}/${subscription.id}`;

    const updated = await call('PUT', path, { is_active: false, phone_numbers: ['+14155550123'] });
    expect(updated.status).toBe(200);
    const afterUpdate = JSON.parse(updated.body) as Subscription;
    expect((await call('DELETE', path)).status).toBe(204);

    const entries = await activity({ subscription_id: subscription.id });
    expect(entries.map((entry) => [entry.action, entry.outcome, entry.status, entry.actor])).toEqual([
      ['delete', 'ok', 204, 'local'],
      ['update', 'ok', 200, 'local'],
      ['create', 'ok', 201, 'local'],
    ]);
    const [deleted, update, creation] = entries;
    const { signing_secret: _secret, ...createdWithoutSecret } = subscription;
    expect(creation).toMatchObject({ request: create, before: null, after: createdWithoutSecret });
    expect(update).toMatchObject({
      request: { is_active: false, phone_numbers: ['+14155550123'] },
      before: createdWithoutSecret,
      after: afterUpdate,
      target_url: 'https://hooks.example/journal-crud',
      error: null,
      batch: null,
      restore_of: null,
    });
    expect(deleted).toMatchObject({ request: null, before: afterUpdate, after: null });
    expect(Date.parse(deleted?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(creation?.at ?? ''));

    // Not in any row, in any form.
    const stored = await journalText(database);
    expect(stored).toContain(subscription.id);
    expect(stored).not.toContain(subscription.signing_secret);
    expect(stored).not.toContain('signing_secret');
    expect(stored).not.toContain(API_KEY);
  });

  it.skipIf(skip)("records Linq's refusals (4xx and 5xx) with its status, code and message", async () => {
    const { call, activity, sandbox } = await start();
    const { signing_secret: _secret, ...created } = JSON.parse(
      (
        await call('POST', BASE, {
          target_url: 'https://hooks.example/journal-fail',
          subscribed_events: ['message.sent'],
        })
      ).body,
    ) as Subscription & { signing_secret: string };
    const refused = await call('PUT', `${BASE}/${created.id}`, { phone_numbers: ['555-0123'] });
    expect(refused.status).toBe(400);

    sandbox.faults.failure_rate = 1;
    const failed = await call('POST', BASE, {
      target_url: 'https://hooks.example/journal-500',
      subscribed_events: ['message.sent'],
    });
    expect(failed.status).toBe(500);
    sandbox.faults.failure_rate = 0;

    const [update] = await activity({ subscription_id: created.id, limit: '1' });
    expect(update).toMatchObject({ action: 'update', outcome: 'failed', status: 400, after: null, before: created });
    expect(update?.error?.code).toBe(1002);
    const [create] = await activity({ limit: '1' });
    expect(create).toMatchObject({
      action: 'create',
      outcome: 'failed',
      status: 500,
      subscription_id: null,
      target_url: 'https://hooks.example/journal-500',
      error: { code: 3006, message: 'Internal server error' },
    });
  });

  it.skipIf(skip)(
    "groups a bulk action's writes by its headers, and records a restore of an earlier version",
    async () => {
      const { call, activity } = await start();
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c']) {
        const answer = await call('POST', BASE, {
          target_url: `https://hooks.example/bulk-${name}`,
          subscribed_events: ['message.sent'],
        });
        ids.push((JSON.parse(answer.body) as Subscription).id);
      }
      // A label with more than ASCII travels percent-encoded.
      const batch = {
        [JOURNAL_HEADERS.batchId]: 'batch-42',
        [JOURNAL_HEADERS.batchLabel]: encodeURIComponent('Turn off 3 subscriptions – EU'),
      };
      for (const id of ids) expect((await call('PUT', `${BASE}/${id}`, { is_active: false }, batch)).status).toBe(200);
      const offs = (await activity({ batch_id: 'batch-42' })).filter((entry) => entry.batch?.id === 'batch-42');
      expect(offs.map((entry) => entry.subscription_id).sort()).toEqual([...ids].sort());
      expect(offs.every((entry) => entry.batch?.label === 'Turn off 3 subscriptions – EU')).toBe(true);
      // Without batch_id the batch is one entry, its true totals beside it.
      const list = activityListSchema.parse(JSON.parse((await call('GET', '/__console/activity?limit=10')).body));
      expect(list.entries.filter((entry) => entry.batch?.id === 'batch-42')).toHaveLength(1);
      expect(list.batches['batch-42']).toEqual({
        status: null,
        totals: { ...emptyTotals(), total: 3, done: 3 },
        undoable: false,
      });

      // Back to the version the create made: the page PUTs its values with the restore headers.
      const [first] = ids;
      const [creation] = (await activity({ subscription_id: first ?? '' })).filter(
        (entry) => entry.action === 'create',
      );
      const version = creation?.after as Subscription;
      const restore = {
        target_url: version.target_url,
        subscribed_events: version.subscribed_events,
        phone_numbers: version.phone_numbers ?? null,
        is_active: version.is_active,
      };
      const restored = await call('PUT', `${BASE}/${first}`, restore, {
        [JOURNAL_HEADERS.intent]: 'restore',
        [JOURNAL_HEADERS.restoreOf]: creation?.id ?? '',
      });
      expect(restored.status).toBe(200);
      expect(JSON.parse(restored.body)).toMatchObject({ is_active: true });
      const [entry] = await activity({ subscription_id: first ?? '', limit: '1' });
      expect(entry).toMatchObject({ action: 'restore', restore_of: creation?.id, request: restore, outcome: 'ok' });
      expect(entry?.before).toMatchObject({ is_active: false });
      expect(entry?.after).toMatchObject({ is_active: true });
    },
  );

  it.skipIf(skip)(
    'journals every write of a bulk action of hundreds, four at a time as the page sends them',
    async () => {
      const { call, activity, sandbox } = await start();
      const ids = sandbox.store.state.subscriptions.map((subscription) => subscription.id);
      const writes = Array.from({ length: 240 }, (_, index) => ids[index % ids.length] ?? '');
      const headers = { [JOURNAL_HEADERS.batchId]: 'bulk-240', [JOURNAL_HEADERS.batchLabel]: 'Turn off 240' };
      const statuses: number[] = [];
      const worker = async () => {
        for (let id = writes.shift(); id !== undefined; id = writes.shift()) {
          statuses.push((await call('PUT', `${BASE}/${id}`, { is_active: false }, headers)).status);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      expect(statuses.filter((status) => status === 200)).toHaveLength(240);
      const entries = (await activity({ limit: '500', batch_id: 'bulk-240' })).filter(
        (entry) => entry.batch?.id === 'bulk-240',
      );
      expect(entries).toHaveLength(240);
      expect(entries.every((entry) => entry.outcome === 'ok' && entry.action === 'update')).toBe(true);
    },
  );

  it.skipIf(skip)('refuses a restore of an entry that does not exist or is about another subscription', async () => {
    const { call, activity } = await start();
    const [one, two] = await Promise.all(
      ['r1', 'r2'].map(
        async (name) =>
          JSON.parse(
            (
              await call('POST', BASE, {
                target_url: `https://hooks.example/${name}`,
                subscribed_events: ['message.sent'],
              })
            ).body,
          ) as Subscription,
      ),
    );
    const [ofTwo] = await activity({ subscription_id: two?.id ?? '' });
    const before = (await activity({ limit: '500' })).length;
    for (const restoreOf of ['3f6c2a8e-1b7d-4c5e-9a0f-2d4b6c8e0a1b', 'not-an-entry', ofTwo?.id ?? '']) {
      const answer = await call(
        'PUT',
        `${BASE}/${one?.id}`,
        { is_active: false },
        {
          [JOURNAL_HEADERS.intent]: 'restore',
          [JOURNAL_HEADERS.restoreOf]: restoreOf,
        },
      );
      expectEnvelope(answer, 400, 1001);
    }
    const halves: Array<Record<string, string>> = [
      { [JOURNAL_HEADERS.intent]: 'restore' },
      { [JOURNAL_HEADERS.restoreOf]: ofTwo?.id ?? '' },
      { [JOURNAL_HEADERS.intent]: 'undo' },
      { [JOURNAL_HEADERS.batchLabel]: 'no id' },
    ];
    for (const headers of halves) {
      expectEnvelope(await call('PUT', `${BASE}/${one?.id}`, { is_active: false }, headers), 400, 1001);
    }
    expect((await activity({ limit: '500' })).length).toBe(before);
    expect((await call('GET', `${BASE}/${one?.id}`)).body).toContain('"is_active":true');
  });

  it.skipIf(skip)('never forwards the hint headers to Linq', async () => {
    const upstream = await recordingSandbox();
    const { call } = await start({ baseUrl: upstream.url });
    const answer = await call(
      'PUT',
      `${BASE}/${upstream.id}`,
      { is_active: false },
      {
        [JOURNAL_HEADERS.batchId]: 'b-1',
        [JOURNAL_HEADERS.batchLabel]: 'Turn off 1',
      },
    );
    expect(answer.status).toBe(200);
    expect(upstream.seen.map((request) => request.method)).toEqual(['GET', 'PUT']);
    for (const request of upstream.seen) {
      for (const name of Object.values(JOURNAL_HEADERS)) expect(request.headers[name]).toBeUndefined();
    }
  });

  it.skipIf(skip)(
    'refuses a write it cannot journal with 503 and sends nothing; an outcome it cannot write reads unknown',
    async () => {
      const upstream = await recordingSandbox();
      const failing = (what: string): Database => ({
        ...database,
        query: async (sql, parameters) => {
          if (sql.includes(`INSERT INTO ${what}`)) throw Object.assign(new Error('database gone'), { code: '57P01' });
          return database.query(sql, parameters);
        },
      });
      const noIntents = await start({ baseUrl: upstream.url, database: failing('journal_intents') });
      for (const [method, path, body] of [
        ['POST', BASE, { target_url: 'https://hooks.example/x', subscribed_events: ['message.sent'] }],
        ['PUT', `${BASE}/${upstream.id}`, { is_active: false }],
        ['DELETE', `${BASE}/${upstream.id}`, undefined],
      ] as const) {
        const answer = await noIntents.call(method, path, body);
        expectEnvelope(answer, 503, 3003);
        expect(answer.body).toContain('nothing was sent to Linq');
      }
      expect(upstream.seen.filter((request) => request.method !== 'GET')).toEqual([]);

      const noOutcomes = await start({ baseUrl: upstream.url, database: failing('journal_outcomes') });
      expect((await noOutcomes.call('PUT', `${BASE}/${upstream.id}`, { is_active: false })).status).toBe(200);
      const [entry] = await noOutcomes.activity({ subscription_id: upstream.id });
      expect(entry).toMatchObject({ action: 'update', outcome: 'unknown', status: null, after: null });
    },
  );

  it.skipIf(skip)(
    'refuses the writes of a closed database with 503, and Linq never sees them',
    { timeout: 120_000 },
    async () => {
      const upstream = await recordingSandbox();
      const closing = await open();
      const { call } = await start({ baseUrl: upstream.url, database: closing });
      await closing.close();
      expectEnvelope(
        await call('POST', BASE, { target_url: 'https://hooks.example/closed', subscribed_events: ['a.b'] }),
        503,
        3003,
      );
      expectEnvelope(await call('PUT', `${BASE}/${upstream.id}`, { is_active: false }), 503, 3003);
      expect(upstream.seen.filter((request) => request.method !== 'GET')).toEqual([]);
      // Reads do not need the journal.
      expect((await call('GET', `${BASE}/${upstream.id}`)).status).toBe(200);
    },
  );
});
