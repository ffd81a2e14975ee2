import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { openDatabase } from '../server/journal/db.ts';
import { classification } from '../server/http/classify.ts';
import { guards } from '../server/http/guards.ts';
import { createLinq, proxyRoutes } from '../server/proxy/proxy.ts';
import { startSandbox } from '../server/sandbox/app.ts';

/**
 * `npx tsx bench/journal.ts [writes]`: what the change journal adds to one write. The same PUTs
 * go, one at a time, through two consoles in front of one sandbox: the real one (journal in the
 * embedded database on disk, or PostgreSQL with TEST_DATABASE_URL) and the same proxy whose
 * writes go straight out. The difference of the medians is the journal's cost per write (its read
 * of the subscription before, and two inserts). Rounds alternate so load hits both alike.
 */

const WRITES = Number(process.argv[2] ?? 300);
const ROUNDS = 5;
const KEY = 'bench-key';

const directory = await mkdtemp(join(tmpdir(), 'linq-journal-bench-'));
const sandbox = await startSandbox({ dataFile: join(directory, 'sandbox.json'), apiKey: KEY, port: 0 });
const url = process.env.TEST_DATABASE_URL;
const database = await openDatabase(
  url ? { url, schema: `bench_${process.pid}` } : { directory: join(directory, 'db') },
);
await writeFile(join(directory, 'index.html'), '<!doctype html>');

const journaled = await buildApp({
  mode: 'serve',
  distDir: directory,
  baseUrl: sandbox.url,
  apiKey: KEY,
  timeoutMs: 15_000,
  host: '127.0.0.1',
  port: 0,
  database,
});
// The same guards and forwarding route, with writes sent straight out instead of through the journal.
const bare = Fastify();
const linq = createLinq({ baseUrl: sandbox.url, apiKey: KEY, timeoutMs: 15_000 });
bare.addHook('onClose', () => linq.close());
await bare.register(classification);
await bare.register(guards, {
  hostPolicy: () => ({ host: '127.0.0.1', port: (bare.server.address() as AddressInfo).port, extraHosts: [] }),
});
await bare.register(proxyRoutes, {
  linq,
  forwardWrite: (_request, write, send) => send(write.method, write.path, write.body),
});

const origin = async (app: FastifyInstance) => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};
const targets = { journaled: await origin(journaled), bare: await origin(bare) };
const [subscription] = sandbox.store.state.subscriptions;

async function round(base: string): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < WRITES; index += 1) {
    const started = performance.now();
    const response = await fetch(`${base}/v3/webhook-subscriptions/${subscription?.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ is_active: index % 2 === 0 }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`PUT answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const results = { journaled: [] as number[], bare: [] as number[] };
await round(targets.bare);
await round(targets.journaled);
for (let index = 0; index < ROUNDS; index += 1) {
  results.bare.push(median(await round(targets.bare)));
  results.journaled.push(median(await round(targets.journaled)));
}
const [withJournal, without] = [median(results.journaled), median(results.bare)];
console.log(
  `journal: ${database.kind}; ${ROUNDS} rounds of ${WRITES} sequential PUTs\n` +
    `  median latency per write: ${withJournal.toFixed(2)} ms journaled, ${without.toFixed(2)} ms without` +
    ` → +${(withJournal - without).toFixed(2)} ms per write (rounds: ${results.journaled.map((v) => v.toFixed(2)).join(', ')} / ${results.bare.map((v) => v.toFixed(2)).join(', ')})`,
);

await journaled.close();
await bare.close();
if (url) await database.query(`DROP SCHEMA bench_${process.pid} CASCADE`);
await database.close();
await sandbox.close();
await rm(directory, { recursive: true, force: true });
