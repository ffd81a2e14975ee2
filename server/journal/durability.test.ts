import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { activityListSchema, type ActivityEntry } from '../../contract/console.ts';
import type { Subscription } from '../../contract/schemas.ts';
import { spawnedAfterEach } from '../test-http.ts';
import { spawnTestConsole } from '../test-spawn.ts';

/**
 * A real `kill -9` of the console (`npm run serve`'s process, embedded sandbox and embedded
 * database inside it) while journaled writes are in flight: every write it acknowledged has its
 * entry, outcome ok, after a restart on the same files; a write cut off reads `unknown` or is
 * absent, never anything else; and no file of the database holds a signing secret.
 */

const WORKERS = 4;
const KILL_AFTER = 30;

const spawned = spawnedAfterEach();
const { directories } = spawned;
const spawnConsole = (directory: string) => spawnTestConsole(spawned, directory);

async function call(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

async function allEntries(url: string): Promise<ActivityEntry[]> {
  const entries: ActivityEntry[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? 'limit=500' : `limit=500&cursor=${cursor}`;
    const page = activityListSchema.parse((await call(url, 'GET', `/__console/activity?${query}`)).json);
    entries.push(...page.entries);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return entries;
}

async function filesUnder(directory: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

it('keeps the journal entry of every acknowledged write through kill -9', { timeout: 180_000 }, async () => {
  const directory = await mkdtemp(join(tmpdir(), 'linq-console-durability-'));
  directories.push(directory);
  let child = await spawnConsole(directory);

  const created = await call(child.url, 'POST', '/v3/webhook-subscriptions', {
    target_url: 'https://durable.example/created',
    subscribed_events: ['message.sent'],
  });
  expect(created.status).toBe(201);
  const secret = (created.json as { signing_secret: string }).signing_secret;
  const { subscriptions } = (await call(child.url, 'GET', '/v3/webhook-subscriptions')).json as {
    subscriptions: Subscription[];
  };

  // Each write names itself in its target URL: what was acknowledged and what was still in flight.
  const acknowledged = new Set<string>();
  const inFlight = new Set<string>();
  let killed = false;
  const worker = async (index: number) => {
    const subscription = subscriptions[index % subscriptions.length];
    for (let step = 0; !killed; step += 1) {
      const url = `https://durable.example/w${index}-s${step}`;
      inFlight.add(url);
      try {
        const answer = await call(child.url, 'PUT', `/v3/webhook-subscriptions/${subscription?.id}`, {
          target_url: url,
        });
        expect(answer.status).toBe(200);
        inFlight.delete(url);
        acknowledged.add(url);
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          child.process.kill('SIGKILL');
        }
      } catch (error) {
        // Requests cut off by the kill fail; anything failing before it is a real failure.
        if (!killed) throw error;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
  expect(await child.exited).toBe('SIGKILL');
  expect(inFlight.size).toBeGreaterThan(0);

  // Not in any file of the database, write-ahead log included.
  for (const file of await filesUnder(join(directory, 'console-db'))) {
    expect((await readFile(file)).includes(secret), file).toBe(false);
  }

  // The lock of the killed console is taken over; its journal is all there.
  child = await spawnConsole(directory);
  const entries = await allEntries(child.url);
  const byUrl = new Map(entries.map((entry) => [entry.request?.target_url, entry]));
  for (const url of acknowledged) {
    expect(byUrl.get(url), url).toMatchObject({
      action: 'update',
      outcome: 'ok',
      status: 200,
      after: { target_url: url },
    });
  }
  for (const entry of entries.filter((entry) => entry.outcome !== 'ok')) {
    expect(entry.outcome).toBe('unknown');
    expect(inFlight.has(String(entry.request?.target_url))).toBe(true);
  }
  expect(entries.find((entry) => entry.action === 'create')).toMatchObject({ outcome: 'ok', status: 201 });

  child.process.kill('SIGTERM');
  expect(await child.exited).toBe(0);
});
