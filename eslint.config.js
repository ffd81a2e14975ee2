import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Imports flow one way (STYLE.md): app → features → components, lib → contract; server → contract.
 * A feature never imports another feature; contract/ imports only zod.
 */
const features = readdirSync('src/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const importZones = [
  {
    target: './contract',
    from: ['./src', './server', './e2e', './bench', './scripts'],
    message: 'contract/ imports only zod.',
  },
  { target: './server', from: './src', message: 'server/ shares contract/ with the browser, never src/.' },
  { target: './src', from: './server', message: 'src/ shares contract/ with the server, never server/.' },
  {
    target: ['./src/lib', './src/components'],
    from: ['./src/features', './src/app'],
    message: 'Shared code never imports a feature or the app.',
  },
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'A feature never imports another feature: compose them in src/app.',
  })),
  { target: './src/features', from: './src/app', message: 'A feature never imports src/app.' },
  {
    target: './src/app',
    from: './src/features',
    except: features.map((feature) => `./${feature}/index.ts`),
    message: 'src/app imports a feature only through its public entry (src/features/<name>/index.ts).',
  },
  // The server's rooms (README, "Architecture"; the house drawn in STYLE.md's terms): the entry
  // (server/app.ts, server/main.ts) plugs them together; they meet only in neutral modules
  // (server/http/, server/forwarding.ts, server/errors.ts, contract/).
  {
    target: './server/proxy',
    from: ['./server/journal', './server/jobs', './server/auth', './server/env.ts', './server/sandbox'],
    message:
      'The proxy forwards what was allowed: it knows nothing of the journal, jobs or sign-in, and gets its options.',
  },
  {
    target: './server/journal',
    from: ['./server/proxy', './server/jobs', './server/auth', './server/env.ts', './server/sandbox'],
    message: 'The journal records; it does not know how writes travel (the hand-over is server/forwarding.ts).',
  },
  {
    target: './server/jobs',
    from: ['./server/proxy', './server/auth', './server/env.ts', './server/sandbox'],
    message:
      'A job sends through the write path it is given (the entry plugs in the journaled upstream), never the proxy itself.',
  },
  {
    target: './server/auth',
    from: ['./server/proxy', './server/jobs', './server/env.ts', './server/sandbox'],
    message: 'Who may ask is decided apart from how it is forwarded, and from options, not the environment.',
  },
  {
    target: './server/sandbox',
    from: [
      './server/proxy',
      './server/auth',
      './server/journal',
      './server/jobs',
      './server/app.ts',
      './server/labels.ts',
      './server/dev-page.ts',
      './server/forwarding.ts',
    ],
    message: 'The sandbox is a Linq stand-in: it knows nothing of the console.',
  },
  {
    target: ['./server/http', './server/forwarding.ts', './server/errors.ts', './server/net.ts'],
    from: [
      './server/proxy',
      './server/auth',
      './server/journal',
      './server/jobs',
      './server/sandbox',
      './server/env.ts',
    ],
    message: 'Neutral server modules import no room: the rooms import them.',
  },
];

/**
 * The unit tests' fake Linq (src/test/) serves the sandbox's transport-free model of Linq, so both
 * stand-ins answer alike: the one way from src/ into server/, for test support only.
 */
const testSupportZones = importZones.map((zone) =>
  zone.target === './src' && zone.from === './server' ? { ...zone, except: ['./sandbox/model'] } : zone,
);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.data', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // Read TypeScript files too when following imports (no-cycle parses what each file imports).
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: importZones }],
      // No import circle anywhere (type-only imports too: a circle of types is still a knot).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod(/|$)|\\./)', message: 'contract/ imports only zod and its own files.' }] },
      ],
    },
  },
  {
    // The contract's own tests run under vitest, and still import nothing else.
    files: ['contract/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod(/|$)|vitest$|\\./)',
              message: 'contract/ tests import only vitest, zod and contract files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/test/**/*.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: testSupportZones }] },
  },
  {
    // The model of Linq runs in Node and in jsdom alike (the sandbox and the unit tests' fake serve
    // it): no transport, no file system, nothing of the sandbox around it.
    files: ['server/sandbox/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!libphonenumber-js$|\\./|\\.\\./\\.\\./\\.\\./contract/)',
              message: 'The Linq model imports only contract/, libphonenumber-js and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    // Its tests and SDK conformance suite (test-conformance.ts) add only the test runner and the SDK.
    files: ['server/sandbox/model/test-*.ts', 'server/sandbox/model/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!libphonenumber-js$|vitest$|@linqapp/sdk$|\\./|\\.\\./\\.\\./\\.\\./contract/)',
              message: 'The model’s tests import only vitest, the SDK, contract/ and the model.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Feature code reaches Radix only through src/components/ui (STYLE.md rule 6).
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@radix-ui/*'], message: 'Import the primitive from @/components/ui instead.' }] },
      ],
    },
  },
  {
    files: ['src/components/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Only the API client calls fetch (STYLE.md rule 1).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/lib/api-client.ts', 'src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use apiClient from @/lib/api-client.' }],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].map((object) => ({
          object,
          property: 'fetch',
          message: 'Use apiClient from @/lib/api-client.',
        })),
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    // One job per function (and per component): no function over 100 lines, tests aside.
    files: ['server/**/*.ts', 'contract/**/*.ts', 'src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.harness.tsx', 'server/test-*.ts', 'server/**/test-*.ts', 'src/test/**'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
