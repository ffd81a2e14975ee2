import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint` refuses imports against the direction STYLE.md sets. Each case lints a line of
 * code as if it stood in a file of that folder, with the project's own eslint.config.js.
 * A second feature folder (a probe, removed afterwards) stands in for "another feature".
 */

const PROBE = 'src/features/lint-probe';
/** Two server files that import each other: an import circle for the no-cycle rule to find. */
const CYCLE = 'server/lint-probe';

beforeAll(() => {
  mkdirSync(PROBE, { recursive: true });
  writeFileSync(`${PROBE}/probe.ts`, 'export const probe = 1;\n');
  mkdirSync(CYCLE, { recursive: true });
  writeFileSync(`${CYCLE}/a.ts`, "import { b } from './b.ts';\nexport const a = b;\n");
  writeFileSync(`${CYCLE}/b.ts`, "import { a } from './a.ts';\nexport const b = () => a;\n");
});
afterAll(() => {
  rmSync(PROBE, { recursive: true, force: true });
  rmSync(CYCLE, { recursive: true, force: true });
});

const RULES = new Set([
  'import-x/no-restricted-paths',
  'no-restricted-imports',
  'import-x/no-cycle',
  'no-restricted-properties',
  'max-lines-per-function',
]);

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  // Created here, after the probe exists: the config lists the feature folders when it loads.
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId !== null && RULES.has(message.ruleId))
    .map((message) => message.message);
}

describe('import direction (npm run lint)', () => {
  it.each([
    ['contract/ importing src/', 'contract/probe.ts', "import { cn } from '../src/lib/cn';"],
    ['contract/ importing a package other than zod', 'contract/probe.ts', "import Fastify from 'fastify';"],
    ['server/ importing src/', 'server/probe.ts', "import { cn } from '../src/lib/cn.ts';"],
    [
      'src/lib importing a feature',
      'src/lib/probe.ts',
      "import { readView } from '@/features/subscriptions/model/view';",
    ],
    [
      'src/components importing a feature',
      'src/components/ui/probe.tsx',
      "import { readView } from '@/features/subscriptions/model/view';",
    ],
    [
      'a feature importing another feature',
      `${PROBE}/other.ts`,
      "import { readView } from '../subscriptions/model/view';",
    ],
    [
      'a feature importing another feature by alias',
      'src/features/subscriptions/probe.ts',
      "import { probe } from '@/features/lint-probe/probe';",
    ],
    [
      'src/app importing a feature past its entry',
      'src/app/probe.tsx',
      "import { readView } from '@/features/subscriptions/model/view';",
    ],
    ['a feature importing src/app', 'src/features/subscriptions/probe.ts', "import '@/app/upstream-badge';"],
    [
      'the proxy importing the journal',
      'server/proxy/probe.ts',
      "import { createRecorder } from '../journal/recorder.ts';",
    ],
    ['the journal importing the proxy', 'server/journal/probe.ts', "import { createLinq } from '../proxy/proxy.ts';"],
    ['a job importing the proxy', 'server/jobs/probe.ts', "import { createLinq } from '../proxy/proxy.ts';"],
    ['the proxy importing the jobs', 'server/proxy/probe.ts', "import { createJobRunner } from '../jobs/runner.ts';"],
    [
      'sign-in importing the proxy',
      'server/auth/probe.ts',
      "import { upstreamRequestHeaders } from '../proxy/headers.ts';",
    ],
    ['sign-in reading the environment', 'server/auth/probe.ts', "import { parseEnv } from '../env.ts';"],
    ['the proxy reading the environment', 'server/proxy/probe.ts', "import { parseEnv } from '../env.ts';"],
    [
      'the sandbox importing the journal',
      'server/sandbox/probe.ts',
      "import { openDatabase } from '../journal/db.ts';",
    ],
    ['the sandbox importing the console', 'server/sandbox/probe.ts', "import { buildApp } from '../app.ts';"],
    ['a neutral server module importing a room', 'server/http/probe.ts', "import { roleFor } from '../auth/roles.ts';"],
    ['the Linq model importing a transport', 'server/sandbox/model/probe.ts', "import Fastify from 'fastify';"],
    ['the Linq model importing the file system', 'server/sandbox/model/probe.ts', "import { open } from 'node:fs';"],
    ['the Linq model importing the sandbox around it', 'server/sandbox/model/probe.ts', "import '../store.ts';"],
    [
      'shared code importing the Linq model',
      'src/lib/probe.ts',
      "import { LinqModel } from '../../server/sandbox/model/linq-model.ts';",
    ],
    [
      'a feature importing the Linq model',
      'src/features/subscriptions/probe.test.ts',
      "import { LinqModel } from '../../../server/sandbox/model/linq-model.ts';",
    ],
    [
      'the unit tests’ fake importing the sandbox’s server',
      'src/test/probe.ts',
      "import { startSandbox } from '../../server/sandbox/app.ts';",
    ],
    ['an import circle', `${CYCLE}/a.ts`, "import { b } from './b.ts';\nexport const a = b;"],
    ['window.fetch outside the API client', 'src/lib/probe.ts', "void window.fetch('/v3/phone_numbers');"],
    ['globalThis.fetch outside the API client', 'src/features/subscriptions/probe.ts', "void globalThis.fetch('/x');"],
    [
      'a component over 100 lines',
      'src/features/subscriptions/probe.tsx',
      `export function Long() {\n  let n = 0;\n${'  n += 1;\n'.repeat(100)}  return <p>{n}</p>;\n}`,
    ],
    [
      'a server function over 100 lines',
      'server/probe.ts',
      `export function long(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(100)}  return n;\n}`,
    ],
  ])('fails on %s', async (_case, filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\n`)).not.toEqual([]);
  });

  it.each([
    ['contract/ importing zod', 'contract/probe.ts', "import { z } from 'zod/mini';"],
    ['server/ importing contract/', 'server/probe.ts', "import { LINQ_ENDPOINTS } from '../contract/endpoints.ts';"],
    ['a feature importing shared code', 'src/features/subscriptions/probe.ts', "import { cn } from '@/lib/cn';"],
    [
      'a feature importing its own files',
      'src/features/subscriptions/api/probe.ts',
      "import { readView } from '../model/view';",
    ],
    [
      'src/app importing a feature through its entry',
      'src/app/probe.tsx',
      "import { SubscriptionsPage } from '@/features/subscriptions';",
    ],
    [
      'the unit tests’ fake importing the Linq model',
      'src/test/probe.ts',
      "import { LinqModel } from '../../server/sandbox/model/linq-model.ts';",
    ],
    [
      'the Linq model importing contract/ and libphonenumber-js',
      'server/sandbox/model/probe.ts',
      "import { LINQ_ENDPOINTS } from '../../../contract/endpoints.ts';\nimport { isValidPhoneNumber } from 'libphonenumber-js';",
    ],
    ['the journal importing the hand-over', 'server/journal/probe.ts', "import type { Send } from '../forwarding.ts';"],
    ['a room importing a neutral module', 'server/auth/probe.ts', "import { single } from '../http/headers.ts';"],
    [
      'the entry importing every room',
      'server/probe.ts',
      "import { createLinq } from './proxy/proxy.ts';\nimport { createRecorder } from './journal/recorder.ts';\nimport { guards } from './http/guards.ts';",
    ],
  ])('passes %s', async (_case, filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\n`)).toEqual([]);
  });
});
