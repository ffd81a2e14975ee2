import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import {
  CONSOLE_PORT,
  CONSOLE_URL,
  IDP_URL,
  OIDC_CLIENT,
  OIDC_CONSOLE_PORT,
  OIDC_CONSOLE_URL,
  OIDC_ENABLED,
  OIDC_USERS,
  SANDBOX_KEY,
  SANDBOX_PORT,
  SANDBOX_URL,
} from './e2e/env';

/**
 * The e2e suite drives a real browser against the real stack: a standalone sandbox process
 * (its own fresh data file per run) and the production console (`npm run serve`) whose proxy
 * forwards to it over HTTP with a key, exactly as it would to Linq. Nothing is mocked.
 */
// Workers inherit the environment, so every process of one run agrees on the data file.
process.env.E2E_SANDBOX_DATA ??= `test-results/e2e-data/sandbox-${Date.now()}.json`;
// Each console's journal, in a fresh embedded database per run (never DATABASE_URL, even if set).
process.env.E2E_DB_DIR ??= `test-results/e2e-data/console-db-${Date.now()}`;

/** The environment of a console on the run's sandbox. */
const consoleEnv = (port: number, dbDir: string) => ({
  PORT: String(port),
  LINQ_API_V3_API_KEY: SANDBOX_KEY,
  LINQ_API_V3_BASE_URL: SANDBOX_URL,
  LINQ_CONSOLE_DB_DIR: dbDir,
  DATABASE_URL: '',
});

const systemChromium = '/usr/bin/chromium';
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  // One worker: the specs share one sandbox and its data.
  workers: 1,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_500 },
  reporter: 'list',
  use: {
    baseURL: CONSOLE_URL,
    trace: isCI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    // As an operator who asked for less motion sees it: no toast or dialog animation to wait out.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CalculateNativeWinOcclusion,InterestFeedContentSuggestions',
        '--disable-renderer-backgrounding',
        '--disable-background-timer-throttling',
        '--mute-audio',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      command: 'npm run sandbox',
      // Ready when it answers at all (401 without a key counts).
      url: `${SANDBOX_URL}/v3/webhook-events`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        LINQ_SANDBOX_PORT: String(SANDBOX_PORT),
        LINQ_SANDBOX_API_KEY: SANDBOX_KEY,
        LINQ_SANDBOX_DATA: process.env.E2E_SANDBOX_DATA,
      },
    },
    {
      // `npm test` builds dist/ beside the static checks and says so with E2E_PREBUILT=1.
      command: process.env.E2E_PREBUILT === '1' ? 'npm run serve' : 'npm run build && npm run serve',
      url: `${CONSOLE_URL}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...consoleEnv(CONSOLE_PORT, process.env.E2E_DB_DIR), LINQ_CONSOLE_AUTH: 'none' },
    },
    // The sign-in stack (E2E_OIDC=0 leaves it out) (e2e/env.ts), started after the build above (in this order).
    ...(OIDC_ENABLED
      ? [
          {
            command: 'npx tsx e2e/oidc-stack.ts',
            url: `${IDP_URL}/.well-known/openid-configuration`,
            reuseExistingServer: false,
            timeout: 60_000,
          },
          {
            command: 'npm run serve',
            // 401 until signed in: up.
            url: `${OIDC_CONSOLE_URL}/__console/session`,
            reuseExistingServer: false,
            timeout: 120_000,
            env: {
              ...consoleEnv(OIDC_CONSOLE_PORT, `${process.env.E2E_DB_DIR}-oidc`),
              LINQ_CONSOLE_AUTH: 'oidc',
              OIDC_ISSUER_URL: IDP_URL,
              OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
              OIDC_CLIENT_SECRET: OIDC_CLIENT.clientSecret,
              LINQ_CONSOLE_PUBLIC_URL: OIDC_CONSOLE_URL,
              LINQ_CONSOLE_SESSION_SECRET: 'e2e-session-secret-of-at-least-32-chars',
              LINQ_CONSOLE_EDITORS: OIDC_USERS.editor.email,
              LINQ_CONSOLE_VIEWERS: OIDC_USERS.viewer.email,
            },
          },
        ]
      : []),
  ],
});
