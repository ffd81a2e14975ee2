import { buildApp, type ConsoleMode } from './app.ts';
import { authConfigFromEnv, parseEnv, sandboxOptionsFromEnv, type Env } from './env.ts';
import { openDatabase, type Database } from './journal/db.ts';
import { hostForUrl, isLoopbackHost } from './net.ts';
import { startSandbox } from './sandbox/app.ts';

/**
 * `npm start` → `tsx server/main.ts dev`, `npm run serve` → `tsx server/main.ts serve`.
 * With LINQ_API_V3_API_KEY the proxy forwards to LINQ_API_V3_BASE_URL; without it the sandbox
 * starts in-process on a loopback port and the same proxy forwards to it with the sandbox key.
 */

const SHUTDOWN_GRACE_MS = 5_000;

interface Upstream {
  /** The embedded sandbox, when there is no key. */
  sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  baseUrl: string;
  apiKey: string;
  /** For the start-up line. */
  label: string;
}

/** Linq with LINQ_API_V3_API_KEY, else the embedded sandbox, started here. */
async function upstreamOf(env: Env): Promise<Upstream> {
  if (env.LINQ_API_V3_API_KEY) {
    const upstream = new URL(env.LINQ_API_V3_BASE_URL);
    if (upstream.protocol === 'http:' && !isLoopbackHost(upstream.hostname)) {
      console.warn(
        `Warning: LINQ_API_V3_BASE_URL is plain http to ${upstream.hostname}; the API key travels unencrypted.`,
      );
    }
    return {
      sandbox: undefined,
      baseUrl: env.LINQ_API_V3_BASE_URL,
      apiKey: env.LINQ_API_V3_API_KEY,
      label: `Linq API at ${upstream.origin}`,
    };
  }
  if (process.env.LINQ_API_V3_BASE_URL) {
    console.warn('LINQ_API_V3_BASE_URL is ignored without LINQ_API_V3_API_KEY: using the embedded sandbox.');
  }
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    ...sandboxOptionsFromEnv(env),
    logger: false,
  });
  return {
    sandbox,
    baseUrl: sandbox.url,
    apiKey: env.LINQ_SANDBOX_API_KEY,
    label: `embedded sandbox at ${new URL(sandbox.url).origin} (data: ${env.LINQ_SANDBOX_DATA})`,
  };
}

/** The journal's database: PostgreSQL with DATABASE_URL, else the embedded one. */
async function openJournal(env: Env, sandbox: Upstream['sandbox']): Promise<Database> {
  try {
    return await openDatabase({ url: env.DATABASE_URL, directory: env.LINQ_CONSOLE_DB_DIR });
  } catch (error) {
    await sandbox?.close();
    // The URL may carry a password: only what failed is said.
    throw new Error(
      `The console's database could not be opened (${env.DATABASE_URL ? 'DATABASE_URL' : `LINQ_CONSOLE_DB_DIR=${env.LINQ_CONSOLE_DB_DIR}`}): ${(error as Error).message}`,
    );
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'dev' && mode !== 'serve') {
    console.error('Usage: tsx server/main.ts dev|serve');
    process.exit(2);
  }
  const consoleMode: ConsoleMode = mode;
  const env = parseEnv();

  const { sandbox, baseUrl, apiKey, label: upstreamLabel } = await upstreamOf(env);

  if (!isLoopbackHost(env.HOST) && env.LINQ_CONSOLE_AUTH === 'none') {
    // Allowed only with LINQ_CONSOLE_ALLOW_UNAUTHENTICATED=1 (env.ts). Host and Origin checks stop
    // other web pages, not other programs: anyone who can reach this address can use the key.
    console.warn(
      `Warning: HOST=${env.HOST} is not a loopback address and sign-in is off. Anyone on the network who can reach this port can call ` +
        `the Linq API through the console with ${sandbox ? 'the sandbox' : 'your API key'}.`,
    );
  }

  const database = await openJournal(env, sandbox);
  const databaseLabel = env.DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded database in ${env.LINQ_CONSOLE_DB_DIR}`;

  const app = await buildApp({
    mode: consoleMode,
    baseUrl,
    apiKey,
    timeoutMs: env.LINQ_PROXY_TIMEOUT_MS,
    host: env.HOST,
    port: env.PORT,
    allowedHosts: env.LINQ_CONSOLE_ALLOWED_HOSTS,
    publicUrl: env.LINQ_CONSOLE_PUBLIC_URL,
    database,
    auth: authConfigFromEnv(env),
    upstream: { kind: sandbox ? 'sandbox' : 'linq', origin: new URL(baseUrl).origin },
    privateFiles: [env.LINQ_SANDBOX_DATA],
    logger: { level: 'warn' },
  });

  let closing = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) {
      // A second Ctrl-C means now.
      process.exit(1);
    }
    closing = true;
    console.log(`${signal}: closing the console…`);
    setTimeout(() => {
      console.error('Some requests did not finish in time; exiting anyway.');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close();
    await database.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  try {
    await app.listen({ host: env.HOST, port: env.PORT });
  } catch (error) {
    await database.close();
    await sandbox?.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `Port ${env.PORT} on ${env.HOST} is already in use. Stop the other process or choose another PORT.`,
      );
    } else {
      console.error(`The console could not listen on ${env.HOST}:${env.PORT}: ${(error as Error).message}`);
    }
    process.exit(1);
  }

  const address = app.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : env.PORT;
  console.log(
    `Linq Webhook Console (${consoleMode}) at http://${hostForUrl(env.HOST)}:${port} → ${upstreamLabel}; sign-in: ${env.LINQ_CONSOLE_AUTH}; journal: ${databaseLabel}`,
  );
}

main().catch((error: unknown) => {
  // Start-up errors (bad environment, bad base URL) carry their own wording and never a value.
  console.error(error instanceof Error ? error.message : 'The console could not start.');
  process.exit(1);
});
