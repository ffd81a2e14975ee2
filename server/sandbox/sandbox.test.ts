import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import LinqAPIV3, { AuthenticationError, InternalServerError, NotFoundError } from '@linqapp/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope } from '../../contract/schemas.ts';
import { CATALOG_DOC_URL } from './model/event-types.ts';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from './app.ts';
import { describeSdkConformance } from './model/test-conformance.ts';
import { apiError, envelope, expectApiError, INTERNAL, NOT_FOUND } from './model/test-conformance-kit.ts';
import { sandboxStateSchema } from './store.ts';

const API_KEY = 'test-key';

/** Sandboxes and temp directories opened by the current test, closed and removed after it. */
const running: RunningSandbox[] = [];
const directories: string[] = [];

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function tempDataFile(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'linq-sandbox-test-'));
  directories.push(directory);
  return join(directory, 'sandbox.json');
}

type Options = Partial<StartSandboxOptions>;

async function open(options: Options = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({
    dataFile: options.dataFile ?? (await tempDataFile()),
    apiKey: API_KEY,
    host: '127.0.0.1',
    port: 0,
    ...options,
  });
  running.push(sandbox);
  return sandbox;
}

/** Closes a sandbox opened with `open` before the test ends (for restarts). */
async function closeEarly(sandbox: RunningSandbox): Promise<void> {
  running.splice(running.indexOf(sandbox), 1);
  await sandbox.close();
}

function sdk(sandbox: RunningSandbox, apiKey = API_KEY): LinqAPIV3 {
  return new LinqAPIV3({ apiKey, baseURL: sandbox.url, maxRetries: 0 });
}

const UNAUTHORIZED = envelope(401, 2004, 'Unauthorized - missing or invalid authentication token');

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

async function raw(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { ...headers, ...init.headers },
    body: init.body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A JSON error envelope and nothing else: no HTML page, no stack trace. */
function expectEnvelope(response: RawResponse, expected: ErrorEnvelope): void {
  expect(response.status).toBe(expected.error.status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(JSON.parse(response.text)).toEqual(expected);
  expect(response.text).not.toMatch(/<html|stack|\bat .*\.(ts|js):\d+/i);
}

const COLLECTION = '/v3/webhook-subscriptions';

const ms = (timestamp: string): number => {
  const parsed = Date.parse(timestamp);
  expect(Number.isNaN(parsed)).toBe(false);
  return parsed;
};

describeSdkConformance('the sandbox', async () => {
  const sandbox = await open();
  return { client: sdk(sandbox), faults: sandbox.faults };
});

describe('seed, catalog and phone numbers', () => {
  it('seeds a demo account covering every state the console must show', async () => {
    const client = sdk(await open());
    const { subscriptions } = await client.webhookSubscriptions.list();
    expect(subscriptions.length).toBeGreaterThanOrEqual(6);
    expect(subscriptions.some((entry) => entry.is_active)).toBe(true);
    expect(subscriptions.some((entry) => !entry.is_active)).toBe(true);
    expect(subscriptions.some((entry) => (entry.phone_numbers ?? []).length > 0)).toBe(true);
    expect(subscriptions.some((entry) => (entry.phone_numbers ?? []).length === 0)).toBe(true);

    const { events: catalog } = await client.webhookEvents.list();
    const outsideCatalog = subscriptions.filter((entry) =>
      entry.subscribed_events.some((type) => type.startsWith('call.') && !catalog.includes(type)),
    );
    expect(outsideCatalog.length).toBeGreaterThanOrEqual(1);

    const editedOnOldFormat = subscriptions.filter(
      (entry) => entry.subscribed_events.includes('message.edited') && !entry.target_url.includes('version=2026-02-03'),
    );
    expect(editedOnOldFormat.length).toBeGreaterThanOrEqual(1);

    const now = Date.now();
    for (const entry of subscriptions) {
      expect(entry.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(entry.target_url).toMatch(/^https:\/\//);
      expect(entry.subscribed_events.length).toBeGreaterThan(0);
      expect(entry).not.toHaveProperty('signing_secret');
      expect(ms(entry.created_at)).toBeLessThanOrEqual(ms(entry.updated_at));
      expect(ms(entry.updated_at)).toBeLessThanOrEqual(now);
    }
    expect(new Set(subscriptions.map((entry) => entry.target_url)).size).toBe(subscriptions.length);
  });

  it('accepts every seeded subscription and every account line back unchanged', async () => {
    const client = sdk(await open());
    const { subscriptions } = await client.webhookSubscriptions.list();
    for (const entry of subscriptions) {
      const saved = await client.webhookSubscriptions.update(entry.id, {
        target_url: entry.target_url,
        subscribed_events: entry.subscribed_events,
        phone_numbers: entry.phone_numbers ?? null,
        is_active: entry.is_active,
      });
      expect(saved.subscribed_events).toEqual(entry.subscribed_events);
      expect(saved.phone_numbers ?? []).toEqual(entry.phone_numbers ?? []);
    }
    const { phone_numbers } = await client.phoneNumbers.list();
    const filtered = await client.webhookSubscriptions.create({
      target_url: 'https://example.com/hooks/every-line',
      subscribed_events: ['message.received'],
      phone_numbers: phone_numbers.map((line) => line.phone_number),
    });
    expect(filtered.phone_numbers).toEqual(phone_numbers.map((line) => line.phone_number));
  });

  it('answers the documented catalog of exactly 18 event types with its doc_url', async () => {
    const catalog = await sdk(await open()).webhookEvents.list();
    expect(catalog.doc_url).toBe(CATALOG_DOC_URL);
    expect(catalog.doc_url).toMatch(/^https:\/\//);
    expect(catalog.events).toHaveLength(18);
    expect(new Set(catalog.events).size).toBe(18);
    expect(catalog.events.filter((type) => type.startsWith('call.'))).toEqual([]);
    expect(catalog.events).toEqual(
      expect.arrayContaining([
        'message.sent',
        'message.edited',
        'chat.typing_indicator.started',
        'chat.typing_indicator.stopped',
        'phone_number.status_updated',
      ]),
    );
  });

  it('lists at least three of the account’s own phone numbers in E.164', async () => {
    const { phone_numbers } = await sdk(await open()).phoneNumbers.list();
    expect(phone_numbers.length).toBeGreaterThanOrEqual(3);
    for (const line of phone_numbers) {
      expect(line.id).toEqual(expect.any(String));
      expect(line.phone_number).toMatch(/^\+[1-9]\d{1,14}$/);
    }
    expect(new Set(phone_numbers.map((line) => line.phone_number)).size).toBe(phone_numbers.length);
  });
});

describe('a write that fails', () => {
  it('answers 500/3006, applies nothing, leaves no temp file, and works again once the disk does', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'linq-sandbox-test-'));
    directories.push(directory);
    const dataDirectory = join(directory, 'data');
    const sandbox = await open({ dataFile: join(dataDirectory, 'sandbox.json') });
    const client = sdk(sandbox);
    const before = (await client.webhookSubscriptions.list()).subscriptions;
    const target = before[0];
    if (!target) throw new Error('the seed is empty');

    // The data directory turns into a file: every write fails (root ignores permission bits, this does not).
    await rm(dataDirectory, { recursive: true });
    await writeFile(dataDirectory, 'not a directory');
    const url = 'https://write-fails.example.com/hook';
    await expectApiError(
      client.webhookSubscriptions.create({ target_url: url, subscribed_events: ['message.sent'] }),
      InternalServerError,
      envelope(500, 3006, 'Internal server error'),
    );
    await expectApiError(
      client.webhookSubscriptions.update(target.id, { is_active: !target.is_active }),
      InternalServerError,
      envelope(500, 3006, 'Internal server error'),
    );
    expect((await client.webhookSubscriptions.list()).subscriptions).toEqual(before);

    await rm(dataDirectory);
    await mkdir(dataDirectory);
    const created = await client.webhookSubscriptions.create({ target_url: url, subscribed_events: ['message.sent'] });
    expect(created.target_url).toBe(url);
    expect((await readdir(dataDirectory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('errors through the SDK', () => {
  it('answers 401/2004 for a wrong key on every endpoint', async () => {
    const sandbox = await open();
    const wrong = sdk(sandbox, 'not-the-key');
    const known = (await sdk(sandbox).webhookSubscriptions.list()).subscriptions[0];
    if (!known) throw new Error('the seed is empty');
    await expectApiError(wrong.webhookSubscriptions.list(), AuthenticationError, UNAUTHORIZED);
    await expectApiError(wrong.webhookSubscriptions.retrieve(known.id), AuthenticationError, UNAUTHORIZED);
    await expectApiError(
      wrong.webhookSubscriptions.create({ target_url: 'https://example.com/x', subscribed_events: ['message.sent'] }),
      AuthenticationError,
      UNAUTHORIZED,
    );
    await expectApiError(
      wrong.webhookSubscriptions.update(known.id, { is_active: false }),
      AuthenticationError,
      UNAUTHORIZED,
    );
    await expectApiError(wrong.webhookSubscriptions.delete(known.id), AuthenticationError, UNAUTHORIZED);
    await expectApiError(wrong.webhookEvents.list(), AuthenticationError, UNAUTHORIZED);
    await expectApiError(wrong.phoneNumbers.list(), AuthenticationError, UNAUTHORIZED);
    expect(await sdk(sandbox).webhookSubscriptions.retrieve(known.id)).toEqual(known);
  });
});

describe('requests the SDK cannot send', () => {
  it('answers malformed JSON with a 400 envelope, not an HTML page or a stack trace', async () => {
    const sandbox = await open();
    const id = sandbox.store.state.subscriptions[0]?.id;
    const notJson = envelope(400, 1001, 'The request body is not valid JSON.');
    expectEnvelope(
      await raw(sandbox, 'POST', COLLECTION, { body: '{"target_url": "https://example.com/x", ' }),
      notJson,
    );
    expectEnvelope(await raw(sandbox, 'PUT', `${COLLECTION}/${id}`, { body: '{is_active: true}' }), notJson);
    expectEnvelope(
      await raw(sandbox, 'POST', COLLECTION, { body: '' }),
      envelope(400, 1001, 'The request body must be a JSON object'),
    );
    expectEnvelope(
      await raw(sandbox, 'POST', COLLECTION, { body: '[]' }),
      envelope(400, 1001, 'The request body must be a JSON object'),
    );
    expectEnvelope(
      await raw(sandbox, 'PUT', `${COLLECTION}/${id}`, { body: 'null' }),
      envelope(400, 1001, 'The request body must be a JSON object'),
    );
  });

  it('answers wrong field types with 400 and changes nothing', async () => {
    const sandbox = await open();
    const snapshot = structuredClone(sandbox.store.state);
    const id = snapshot.subscriptions[0]?.id;
    const base = { target_url: 'https://example.com/hooks/types', subscribed_events: ['message.sent'] };
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['PUT', `${COLLECTION}/${id}`, { is_active: 'yes' }, 'is_active must be true or false'],
      ['PUT', `${COLLECTION}/${id}`, { is_active: 1 }, 'is_active must be true or false'],
      [
        'PUT',
        `${COLLECTION}/${id}`,
        { subscribed_events: 'message.sent' },
        'subscribed_events must be an array of event types',
      ],
      [
        'PUT',
        `${COLLECTION}/${id}`,
        { phone_numbers: '+14155550123' },
        'phone_numbers must be an array of E.164 phone numbers or null',
      ],
      ['PUT', `${COLLECTION}/${id}`, { target_url: 42 }, 'target_url must be a string'],
      [
        'POST',
        COLLECTION,
        { ...base, subscribed_events: 'message.sent' },
        'subscribed_events must be an array of event types',
      ],
      ['POST', COLLECTION, { ...base, subscribed_events: [1] }, 'subscribed_events must contain only strings'],
      [
        'POST',
        COLLECTION,
        { ...base, phone_numbers: '+14155550123' },
        'phone_numbers must be an array of E.164 phone numbers or null',
      ],
      ['POST', COLLECTION, { ...base, phone_numbers: [14155550123] }, 'phone_numbers must contain only strings'],
      ['POST', COLLECTION, { subscribed_events: ['message.sent'] }, 'target_url is required'],
      ['POST', COLLECTION, { target_url: base.target_url }, 'subscribed_events is required'],
    ];
    for (const [method, path, body, message] of cases) {
      expectEnvelope(await raw(sandbox, method, path, { body: JSON.stringify(body) }), envelope(400, 1001, message));
    }
    expect(sandbox.store.state).toEqual(snapshot);
  });

  it('answers a body over 1 MiB with a 413 envelope', async () => {
    const sandbox = await open();
    const id = sandbox.store.state.subscriptions[0]?.id;
    const huge = JSON.stringify({
      target_url: 'https://example.com/big',
      subscribed_events: ['message.sent'],
      padding: 'x'.repeat(1024 * 1024),
    });
    const tooLarge = envelope(413, 1003, 'The request body is larger than 1 MiB.');
    expectEnvelope(await raw(sandbox, 'POST', COLLECTION, { body: huge }), tooLarge);
    expectEnvelope(await raw(sandbox, 'PUT', `${COLLECTION}/${id}`, { body: huge }), tooLarge);
    // Just under the limit is still read.
    const fits = JSON.stringify({
      target_url: 'https://example.com/big',
      subscribed_events: ['message.sent'],
      padding: 'x'.repeat(1000 * 1000),
    });
    expect((await raw(sandbox, 'POST', COLLECTION, { body: fits })).status).toBe(201);
  });

  it('answers a body that is not JSON with a 415 envelope', async () => {
    const sandbox = await open();
    const snapshot = structuredClone(sandbox.store.state);
    const id = snapshot.subscriptions[0]?.id;
    const body = JSON.stringify({ target_url: 'https://example.com/text', subscribed_events: ['message.sent'] });
    const unsupported = envelope(415, 1004, 'Send the request body as JSON with Content-Type: application/json.');
    expectEnvelope(
      await raw(sandbox, 'POST', COLLECTION, { body, headers: { 'content-type': 'text/plain' } }),
      unsupported,
    );
    expectEnvelope(
      await raw(sandbox, 'PUT', `${COLLECTION}/${id}`, {
        body: '{"is_active":false}',
        headers: { 'content-type': 'text/plain;charset=utf-8' },
      }),
      unsupported,
    );
    expectEnvelope(
      await raw(sandbox, 'POST', COLLECTION, {
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      unsupported,
    );
    expect(sandbox.store.state).toEqual(snapshot);
    // JSON with a charset parameter is JSON.
    expect(
      (await raw(sandbox, 'POST', COLLECTION, { body, headers: { 'content-type': 'application/json; charset=utf-8' } }))
        .status,
    ).toBe(201);
  });

  it('answers an unknown path with a 404 envelope and a wrong method with 405 and Allow', async () => {
    const sandbox = await open();
    const id = sandbox.store.state.subscriptions[0]?.id;
    expectEnvelope(await raw(sandbox, 'GET', '/v3/nothing-here'), NOT_FOUND);
    expectEnvelope(await raw(sandbox, 'GET', `${COLLECTION}/${id}/extra`), NOT_FOUND);
    expectEnvelope(await raw(sandbox, 'GET', '/v2/webhook-subscriptions'), NOT_FOUND);

    const patch = await raw(sandbox, 'PATCH', `${COLLECTION}/${id}`, { body: '{"is_active":false}' });
    expectEnvelope(patch, envelope(405, 2002, 'This endpoint does not take that method. Allowed: GET, PUT, DELETE.'));
    expect(patch.headers.get('allow')).toBe('GET, PUT, DELETE');

    const deleteAll = await raw(sandbox, 'DELETE', COLLECTION);
    expectEnvelope(deleteAll, envelope(405, 2002, 'This endpoint does not take that method. Allowed: GET, POST.'));
    expect(deleteAll.headers.get('allow')).toBe('GET, POST');

    const postCatalog = await raw(sandbox, 'POST', '/v3/webhook-events', { body: '{}' });
    expect(postCatalog.status).toBe(405);
    expect(postCatalog.headers.get('allow')).toBe('GET');
    expect(sandbox.store.state.subscriptions.find((entry) => entry.id === id)?.is_active).toBeDefined();
  });

  it('answers a missing or malformed Authorization header with 401', async () => {
    const sandbox = await open();
    const bare = await fetch(`${sandbox.url}${COLLECTION}`);
    expectEnvelope({ status: bare.status, headers: bare.headers, text: await bare.text() }, UNAUTHORIZED);
    expectEnvelope(
      await raw(sandbox, 'GET', COLLECTION, { headers: { authorization: `Basic ${API_KEY}` } }),
      UNAUTHORIZED,
    );
    expectEnvelope(await raw(sandbox, 'GET', COLLECTION, { headers: { authorization: 'Bearer ' } }), UNAUTHORIZED);
    expectEnvelope(
      await raw(sandbox, 'GET', '/__sandbox/faults', { headers: { authorization: 'Bearer nope' } }),
      UNAUTHORIZED,
    );
    const before = sandbox.store.state.subscriptions.length;
    const create = await fetch(`${sandbox.url}${COLLECTION}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target_url: 'https://example.com/anon', subscribed_events: ['message.sent'] }),
    });
    expect(create.status).toBe(401);
    expect(sandbox.store.state.subscriptions).toHaveLength(before);
  });
});

describe('fault injection', () => {
  it('answers 500/3006 with failureRate 1 and changes nothing', async () => {
    const sandbox = await open({ failureRate: 1 });
    const client = sdk(sandbox);
    const fileBefore = await readFile(sandbox.store.file, 'utf8');
    const stateBefore = structuredClone(sandbox.store.state);
    const id = stateBefore.subscriptions[0]?.id ?? 'missing';

    await expectApiError(client.webhookSubscriptions.list(), InternalServerError, INTERNAL);
    await expectApiError(
      client.webhookSubscriptions.create({
        target_url: 'https://example.com/fail',
        subscribed_events: ['message.sent'],
      }),
      InternalServerError,
      INTERNAL,
    );
    await expectApiError(client.webhookSubscriptions.update(id, { is_active: false }), InternalServerError, INTERNAL);
    await expectApiError(client.webhookSubscriptions.delete(id), InternalServerError, INTERNAL);
    await expectApiError(client.webhookSubscriptions.retrieve(id), InternalServerError, INTERNAL);
    await expectApiError(client.webhookEvents.list(), InternalServerError, INTERNAL);
    await expectApiError(client.phoneNumbers.list(), InternalServerError, INTERNAL);

    expect(sandbox.store.state).toEqual(stateBefore);
    expect(await readFile(sandbox.store.file, 'utf8')).toBe(fileBefore);
  });

  it('switches failures and latency on and off at run time through /__sandbox/faults', async () => {
    const sandbox = await open();
    const client = sdk(sandbox);
    const faults = (body: unknown, key = API_KEY) =>
      raw(sandbox, 'PUT', '/__sandbox/faults', {
        body: JSON.stringify(body),
        headers: { authorization: `Bearer ${key}` },
      });

    expect((await client.webhookSubscriptions.list()).subscriptions.length).toBeGreaterThan(0);

    const on = await faults({ failure_rate: 1, latency_ms: 0 });
    expect(on.status).toBe(200);
    expect(JSON.parse(on.text)).toEqual({ failure_rate: 1, latency_ms: 0, rate_limit: 0, failing_ids: [] });
    await expectApiError(client.webhookSubscriptions.list(), InternalServerError, INTERNAL);
    const created = await apiError(
      client.webhookSubscriptions.create({
        target_url: 'https://example.com/while-failing',
        subscribed_events: ['message.sent'],
      }),
    );
    expect(created.status).toBe(500);
    // The faults endpoint itself keeps working while the API fails.
    const current = await raw(sandbox, 'GET', '/__sandbox/faults');
    expect(JSON.parse(current.text)).toEqual({ failure_rate: 1, latency_ms: 0, rate_limit: 0, failing_ids: [] });

    expect((await faults({ failure_rate: 0 })).status).toBe(200);
    const { subscriptions } = await client.webhookSubscriptions.list();
    expect(subscriptions.some((entry) => entry.target_url === 'https://example.com/while-failing')).toBe(false);

    // Invalid settings and a wrong key are refused and leave the faults as they are.
    expectEnvelope(await faults({ failure_rate: 2 }), envelope(400, 1001, 'failure_rate must be a number from 0 to 1'));
    expectEnvelope(
      await faults({ latency_ms: -5 }),
      envelope(400, 1001, 'latency_ms must be an integer from 0 to 60000'),
    );
    expectEnvelope(
      await faults({ latency_ms: 'slow' }),
      envelope(400, 1001, 'latency_ms must be an integer from 0 to 60000'),
    );
    expectEnvelope(await faults({ failure_rate: 1 }, 'wrong'), UNAUTHORIZED);
    expect(sandbox.faults).toEqual({ failure_rate: 0, latency_ms: 0, rate_limit: 0, failing_ids: [] });
    await client.webhookEvents.list();
  });

  it('fails every write to the subscriptions in failing_ids, and only those, until they are cleared', async () => {
    const sandbox = await open();
    const client = sdk(sandbox);
    const [failing, other] = (await client.webhookSubscriptions.list()).subscriptions;
    if (!failing || !other) throw new Error('the seed has at least two subscriptions');
    const set = (body: unknown) =>
      raw(sandbox, 'PUT', '/__sandbox/faults', {
        body: JSON.stringify(body),
        headers: { authorization: `Bearer ${API_KEY}` },
      });
    expect((await set({ failing_ids: [failing.id] })).status).toBe(200);

    await expectApiError(
      client.webhookSubscriptions.update(failing.id, { is_active: false }),
      InternalServerError,
      INTERNAL,
    );
    await expectApiError(client.webhookSubscriptions.delete(failing.id), InternalServerError, INTERNAL);
    // Reads of it, and writes to any other, go through.
    expect((await client.webhookSubscriptions.retrieve(failing.id)).is_active).toBe(failing.is_active);
    expect((await client.webhookSubscriptions.update(other.id, { is_active: !other.is_active })).is_active).toBe(
      !other.is_active,
    );
    expectEnvelope(
      await set({ failing_ids: 'all' }),
      envelope(400, 1001, 'failing_ids must be a list of at most 1000 ids'),
    );

    expect((await set({})).status).toBe(200);
    expect((await client.webhookSubscriptions.update(failing.id, { is_active: false })).is_active).toBe(false);
    // The count of requests the rate limit refused, for the bench.
    expect(JSON.parse((await raw(sandbox, 'GET', '/__sandbox/stats')).text)).toEqual({ rate_limited: 0 });
  });

  it('adds at least latencyMs to every API request', async () => {
    const latency = 150;
    const sandbox = await open({ latencyMs: latency });
    const client = sdk(sandbox);
    let started = performance.now();
    await client.webhookEvents.list();
    let elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(latency - 1);
    expect(elapsed).toBeLessThan(latency + 3000);

    // At run time too, and off again. Long enough that "off" is told from "on" by far, even on a
    // machine so busy that a plain request takes a second.
    const runTime = 2000;
    const put = await raw(sandbox, 'PUT', '/__sandbox/faults', { body: JSON.stringify({ latency_ms: runTime }) });
    expect(put.status).toBe(200);
    started = performance.now();
    await client.webhookSubscriptions.list();
    elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(runTime - 1);
    expect(elapsed).toBeLessThan(runTime + 3000);

    await raw(sandbox, 'PUT', '/__sandbox/faults', { body: JSON.stringify({ latency_ms: 0 }) });
    expect(sandbox.faults).toEqual({ latency_ms: 0, failure_rate: 0, rate_limit: 0, failing_ids: [] });
    started = performance.now();
    await client.webhookSubscriptions.list();
    // With the latency still applied this could not be under it.
    expect(performance.now() - started).toBeLessThan(runTime - 1);
  });
});

describe('persistence and scale', () => {
  it('survives 50 concurrent creates and 50 concurrent updates, and keeps every change across a restart', async () => {
    const dataFile = await tempDataFile();
    const sandbox = await open({ dataFile });
    const client = sdk(sandbox);
    const seeded = (await client.webhookSubscriptions.list()).subscriptions.length;

    const created = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        client.webhookSubscriptions.create({
          target_url: `https://example.com/concurrent/${index}`,
          subscribed_events: ['message.sent'],
        }),
      ),
    );
    expect(new Set(created.map((entry) => entry.id)).size).toBe(50);

    const updated = await Promise.all(
      created.map((entry, index) =>
        client.webhookSubscriptions.update(entry.id, {
          target_url: `https://example.com/concurrent/${index}?version=2026-02-03`,
          is_active: index % 2 === 0,
          subscribed_events: ['message.received', 'call.ended'],
          phone_numbers: index % 3 === 0 ? ['+14155550123'] : null,
        }),
      ),
    );
    const stamps = updated.map((entry) => entry.updated_at);
    expect(new Set(stamps).size).toBe(50);

    const beforeRestart = (await client.webhookSubscriptions.list()).subscriptions;
    expect(beforeRestart).toHaveLength(seeded + 50);
    await closeEarly(sandbox);

    const onDisk = sandboxStateSchema.parse(JSON.parse(await readFile(dataFile, 'utf8')));
    expect(onDisk.subscriptions).toHaveLength(seeded + 50);

    const restarted = await open({ dataFile });
    const after = (await sdk(restarted).webhookSubscriptions.list()).subscriptions;
    expect(after).toEqual(beforeRestart);
    for (const entry of updated) expect(after.find((candidate) => candidate.id === entry.id)).toEqual(entry);
  });

  it('keeps creates, updates, deletes and the phone numbers across a restart, and seeds only once', async () => {
    const dataFile = await tempDataFile();
    const first = await open({ dataFile });
    const client = sdk(first);
    const [victim, changed] = (await client.webhookSubscriptions.list()).subscriptions;
    if (!victim || !changed) throw new Error('the seed is too small');
    await client.webhookSubscriptions.delete(victim.id);
    await client.webhookSubscriptions.update(changed.id, { is_active: !changed.is_active, phone_numbers: null });
    await client.webhookSubscriptions.create({
      target_url: 'https://example.com/persisted',
      subscribed_events: ['reaction.added'],
      phone_numbers: ['+12125550188'],
    });
    const list = await client.webhookSubscriptions.list();
    const phones = await client.phoneNumbers.list();
    await closeEarly(first);

    // A seedCount on an existing file is ignored: the data is kept.
    const second = await open({ dataFile, seedCount: 3 });
    const again = sdk(second);
    expect(await again.webhookSubscriptions.list()).toEqual(list);
    expect(await again.phoneNumbers.list()).toEqual(phones);
    await expectApiError(again.webhookSubscriptions.retrieve(victim.id), NotFoundError, NOT_FOUND);

    // A change after a restart still gets a later updated_at than any before it.
    const latest = Math.max(...list.subscriptions.map((entry) => ms(entry.updated_at)));
    const bumped = await again.webhookSubscriptions.update(changed.id, { is_active: changed.is_active });
    expect(ms(bumped.updated_at)).toBeGreaterThan(latest);
  });

  it('refuses to start on a data file that is not valid JSON or not in the expected shape', async () => {
    const { writeFile } = await import('node:fs/promises');
    const broken = await tempDataFile();
    await writeFile(broken, '{"version": 1, "subscriptions": [');
    await expect(startSandbox({ dataFile: broken, apiKey: API_KEY, port: 0 })).rejects.toThrow(/not valid JSON/);
    const wrongShape = await tempDataFile();
    await writeFile(wrongShape, JSON.stringify({ version: 2, subscriptions: [] }));
    await expect(startSandbox({ dataFile: wrongShape, apiKey: API_KEY, port: 0 })).rejects.toThrow(
      /not in the expected shape/,
    );
  });

  it('seeds 10,000 subscriptions quickly, with unique target_urls and sane timestamps', async () => {
    const started = performance.now();
    const sandbox = await open({ seedCount: 10_000 });
    expect(performance.now() - started).toBeLessThan(5000);
    const client = sdk(sandbox);
    const { subscriptions } = await client.webhookSubscriptions.list();
    expect(subscriptions).toHaveLength(10_000);
    expect(new Set(subscriptions.map((entry) => entry.target_url)).size).toBe(10_000);
    expect(new Set(subscriptions.map((entry) => entry.id)).size).toBe(10_000);
    expect(subscriptions.some((entry) => entry.is_active)).toBe(true);
    expect(subscriptions.some((entry) => !entry.is_active)).toBe(true);
    expect(subscriptions.some((entry) => (entry.phone_numbers ?? []).length > 0)).toBe(true);

    const now = Date.now();
    for (const entry of subscriptions) {
      expect(entry.target_url.startsWith('https://')).toBe(true);
      expect(ms(entry.created_at)).toBeLessThanOrEqual(ms(entry.updated_at));
      expect(ms(entry.updated_at)).toBeLessThanOrEqual(now);
    }

    // Writes against a large account are still stamped with the current time.
    const created = await client.webhookSubscriptions.create({
      target_url: 'https://example.com/after-10k',
      subscribed_events: ['message.sent'],
    });
    expect(Math.abs(ms(created.created_at) - Date.now())).toBeLessThan(60_000);
    expect((await client.webhookSubscriptions.list()).subscriptions).toHaveLength(10_001);
  });
});
