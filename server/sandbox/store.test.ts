import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { seedState } from './seed.ts';
import { SandboxStore } from './store.ts';

/** A `kill -9` in the middle of a write leaves its temp file behind; the next start removes it. */

// Above Linux's largest pid_max (2^22): no process has it.
const DEAD_PID = 999_999_999;
const directories: string[] = [];

afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function directoryWith(files: string[]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'linq-store-test-'));
  directories.push(directory);
  for (const file of files) await writeFile(join(directory, file), '{"half": ');
  return directory;
}

it.each([
  ['an existing data file', true],
  ['a first start', false],
])("removes a dead writer's temp files at open (%s), and nothing else", async (_label, exists) => {
  const kept = [
    // A live process (this one) may be writing it right now.
    `.sandbox.json.${process.pid}.1700000000000.tmp`,
    // Another data file's, and files that only look alike.
    `.other.json.${DEAD_PID}.1700000000000.tmp`,
    `.sandbox.json.${DEAD_PID}.tmp`,
    'sandbox.json.tmp',
    'notes.txt',
  ];
  const stale = [`.sandbox.json.${DEAD_PID}.1700000000000.tmp`, `.sandbox.json.${DEAD_PID}.1700000000001.tmp`];
  const directory = await directoryWith([...kept, ...stale]);
  const file = join(directory, 'sandbox.json');
  if (exists) await writeFile(file, JSON.stringify(seedState()));

  const store = await SandboxStore.open(file, () => seedState());
  expect(store.state.subscriptions.length).toBeGreaterThan(0);
  expect((await readdir(directory)).sort()).toEqual([...kept, 'sandbox.json'].sort());
});
