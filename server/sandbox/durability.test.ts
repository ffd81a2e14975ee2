import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { Subscription } from '../../contract/schemas.ts';
import { freePort, spawnedAfterEach } from '../test-http.ts';
import { startSandbox } from './app.ts';
import { sandboxStateSchema, type StoredSubscription } from './store.ts';

/**
 * A real `kill -9` of the standalone sandbox (`npm run sandbox`) while writes are in flight:
 * whatever it acknowledged must be on disk, in a file that still parses, and served after a
 * restart. Three rounds on one data file, each killed at a different moment.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const API_KEY = 'k';
const WORKERS = 6;

const { children, directories } = spawnedAfterEach();

interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function spawnSandbox(dataFile: string): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LINQ_SANDBOX_DATA: dataFile,
    LINQ_SANDBOX_PORT: String(await freePort()),
    LINQ_SANDBOX_API_KEY: API_KEY,
    LINQ_SANDBOX_LATENCY_MS: '0',
    LINQ_SANDBOX_FAILURE_RATE: '0',
  };
  delete env.LINQ_SANDBOX_SEED_COUNT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/sandbox/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Linq sandbox at (\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`The sandbox exited (${code ?? signal}) before it was ready:\n${stdout}\n${stderr}`)),
    );
  });
  return { process: child, url, exited };
}

type Wire = Subscription;

/** What a client knows about one subscription: its last acknowledged state and the write still unanswered. */
interface Known {
  acked: Wire | 'deleted';
  inflight?: { kind: 'update'; body: Partial<Wire> } | { kind: 'delete' };
}

function toWire(stored: StoredSubscription): Wire {
  const { signing_secret: _secret, ...wire } = stored;
  return wire;
}

/** Every acknowledged write is in `actual`; an unanswered one may or may not be. */
function expectAcknowledged(known: Map<string, Known>, actual: Wire[]): void {
  const byId = new Map(actual.map((entry) => [entry.id, entry]));
  for (const [id, record] of known) {
    const found = byId.get(id);
    if (record.acked === 'deleted') {
      expect(found, `deleted ${id} is back`).toBeUndefined();
      continue;
    }
    if (!found) {
      expect(record.inflight?.kind, `acknowledged ${id} is missing`).toBe('delete');
      continue;
    }
    if (found.updated_at === record.acked.updated_at) {
      expect(found).toEqual(record.acked);
    } else {
      // Only the one unanswered update may have landed on top of the acknowledged state.
      expect(record.inflight?.kind, `${id} changed without a write in flight`).toBe('update');
      const body = record.inflight?.kind === 'update' ? record.inflight.body : {};
      expect(Date.parse(found.updated_at)).toBeGreaterThan(Date.parse(record.acked.updated_at));
      expect(found).toEqual({ ...record.acked, ...body, updated_at: found.updated_at });
    }
  }
}

/** After a restart the file is the truth: what was unanswered is now either settled or gone. */
function settle(known: Map<string, Known>, actual: Wire[]): void {
  const byId = new Map(actual.map((entry) => [entry.id, entry]));
  for (const [id, record] of known) {
    record.acked = byId.get(id) ?? 'deleted';
    delete record.inflight;
  }
}

async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${API_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

/**
 * WORKERS clients, each looping create → updates → delete on subscriptions of its own, until
 * `killAfter` writes have been acknowledged; then the child gets SIGKILL with the other
 * workers' requests still open.
 */
async function writeUntilKilled(
  child: Child,
  round: number,
  killAfter: number,
  known: Map<string, Known>,
): Promise<{ acknowledged: number; inFlightAtKill: number }> {
  let acknowledged = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killed = false;
  const base = '/v3/webhook-subscriptions';

  const acknowledge = (): void => {
    acknowledged += 1;
    if (!killed && acknowledged >= killAfter) {
      killed = true;
      inFlightAtKill = inFlight;
      child.process.kill('SIGKILL');
    }
  };

  const worker = async (index: number): Promise<void> => {
    let step = 0;
    let own: string | undefined;
    while (!killed) {
      step += 1;
      const label = `r${round}-w${index}-s${step}`;
      try {
        if (own === undefined) {
          const body = { target_url: `https://durable.example/${label}`, subscribed_events: ['message.sent'] };
          inFlight += 1;
          const answer = await call(child.url, 'POST', base, body).finally(() => (inFlight -= 1));
          expect(answer.status).toBe(201);
          const { signing_secret: _secret, ...wire } = answer.json as Wire & { signing_secret: string };
          own = wire.id;
          known.set(own, { acked: wire });
          acknowledge();
          continue;
        }
        const record = known.get(own);
        if (!record) throw new Error('unknown subscription');
        const kind = step % 6;
        if (kind === 0) {
          record.inflight = { kind: 'delete' };
          inFlight += 1;
          const answer = await call(child.url, 'DELETE', `${base}/${own}`).finally(() => (inFlight -= 1));
          expect(answer.status).toBe(204);
          record.acked = 'deleted';
          delete record.inflight;
          own = undefined;
          acknowledge();
          continue;
        }
        const bodies: Array<Partial<Wire>> = [
          { target_url: `https://durable.example/${label}?version=2026-02-03` },
          { is_active: step % 4 < 2 },
          { subscribed_events: ['message.received', `call.${step % 2 === 0 ? 'ended' : 'answered'}`] },
          { phone_numbers: step % 4 < 2 ? ['+14155550123'] : null },
          { target_url: `https://durable.example/${label}`, is_active: true, phone_numbers: ['+12125550188'] },
        ];
        const body = bodies[kind - 1] ?? {};
        record.inflight = { kind: 'update', body };
        inFlight += 1;
        const answer = await call(child.url, 'PUT', `${base}/${own}`, body).finally(() => (inFlight -= 1));
        expect(answer.status).toBe(200);
        record.acked = answer.json as Wire;
        delete record.inflight;
        acknowledge();
      } catch (error) {
        // Requests cut off by the kill fail; anything failing before it is a real failure.
        if (!killed) throw error;
        return;
      }
    }
  };

  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
  return { acknowledged, inFlightAtKill };
}

async function readState(dataFile: string) {
  const text = await readFile(dataFile, 'utf8');
  return sandboxStateSchema.parse(JSON.parse(text));
}

it('keeps every acknowledged write through kill -9 at different moments', { timeout: 30_000 }, async () => {
  const directory = await mkdtemp(join(tmpdir(), 'linq-sandbox-durability-'));
  directories.push(directory);
  const dataFile = join(directory, 'sandbox.json');
  const known = new Map<string, Known>();

  // Killed after the first acknowledged write, after a few, and in the middle of a long run.
  const killPoints = [1, 9, 40];
  let child = await spawnSandbox(dataFile);
  const seeded = await call(child.url, 'GET', '/v3/webhook-subscriptions');
  expect((seeded.json as { subscriptions: Wire[] }).subscriptions.length).toBeGreaterThan(0);

  for (const [round, killAfter] of killPoints.entries()) {
    const { acknowledged, inFlightAtKill } = await writeUntilKilled(child, round, killAfter, known);
    const { signal } = await child.exited;
    expect(signal).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThanOrEqual(killAfter);
    expect(inFlightAtKill).toBeGreaterThan(0);

    const state = await readState(dataFile);
    expectAcknowledged(known, state.subscriptions.map(toWire));

    // A restarted sandbox serves exactly what is on disk.
    child = await spawnSandbox(dataFile);
    const served = (await call(child.url, 'GET', '/v3/webhook-subscriptions')).json as { subscriptions: Wire[] };
    expect(served.subscriptions).toEqual(state.subscriptions.map(toWire));
    const phones = (await call(child.url, 'GET', '/v3/phone_numbers')).json as { phone_numbers: unknown[] };
    expect(phones.phone_numbers).toEqual(state.phone_numbers);
    settle(known, served.subscriptions);
  }

  // A clean stop (SIGTERM) keeps everything as well, and the in-process sandbox reads the same file.
  const last = ((await call(child.url, 'GET', '/v3/webhook-subscriptions')).json as { subscriptions: Wire[] })
    .subscriptions;
  child.process.kill('SIGTERM');
  expect(await child.exited).toEqual({ code: 0, signal: null });
  const sandbox = await startSandbox({ dataFile, apiKey: API_KEY, port: 0 });
  try {
    const served = (await call(sandbox.url, 'GET', '/v3/webhook-subscriptions')).json as { subscriptions: Wire[] };
    expect(served.subscriptions).toEqual(last);
    expectAcknowledged(known, served.subscriptions);
    expect([...known.values()].filter((record) => record.acked !== 'deleted').length).toBeGreaterThan(0);
  } finally {
    await sandbox.close();
  }
});
