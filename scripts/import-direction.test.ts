// @vitest-environment node
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint` refuses imports against the direction STYLE.md sets. Each case lints a line of
 * code as if it stood in a file of that folder, with the project's own eslint.config.js.
 * A second feature folder (a probe, removed afterwards) stands in for "another feature".
 */

const PROBE = 'src/features/lint-probe';

beforeAll(() => {
  mkdirSync(PROBE, { recursive: true });
  writeFileSync(`${PROBE}/probe.ts`, 'export const probe = 1;\n');
});
afterAll(() => rmSync(PROBE, { recursive: true, force: true }));

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  // Created here, after the probe exists: the config lists the feature folders when it loads.
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter(
      (message) => message.ruleId === 'import-x/no-restricted-paths' || message.ruleId === 'no-restricted-imports',
    )
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
      "import { readView } from '@/features/subscriptions/lib/view';",
    ],
    [
      'src/components importing a feature',
      'src/components/ui/probe.tsx',
      "import { readView } from '@/features/subscriptions/lib/view';",
    ],
    [
      'a feature importing another feature',
      `${PROBE}/other.ts`,
      "import { readView } from '../subscriptions/lib/view';",
    ],
    [
      'a feature importing another feature by alias',
      'src/features/subscriptions/probe.ts',
      "import { probe } from '@/features/lint-probe/probe';",
    ],
    ['a feature importing src/app', 'src/features/subscriptions/probe.ts', "import '@/app/upstream-badge';"],
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
      "import { readView } from '../lib/view';",
    ],
    [
      'src/app importing a feature',
      'src/app/probe.tsx',
      "import { readView } from '@/features/subscriptions/lib/view';",
    ],
  ])('passes %s', async (_case, filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\n`)).toEqual([]);
  });
});
