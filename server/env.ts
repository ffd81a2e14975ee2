import { z } from 'zod';
import { AUTH_MODES } from '../contract/console.ts';
import type { AuthConfig } from './auth/auth.ts';
import { parseMembers, rolesFrom } from './auth/roles.ts';
import { parseTrustedProxies } from './auth/proxy-auth.ts';
import { isLoopbackHost } from './net.ts';

/**
 * Every environment variable the Node side reads, parsed once with zod at start-up.
 * The README lists the same names; keep the two in step.
 */

const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const flag = z
  .enum(['', '0', '1', 'false', 'true'])
  .optional()
  .transform((value) => value === '1' || value === 'true');
/** An empty value is no value (a shell's `VAR=` or a test runner's way of unsetting one). */
const unlessEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const httpUrl = z.url({ protocol: /^https?$/ });
/** A session secret of 32 spaces or one repeated character signs nothing: this many different characters at least. */
export const SESSION_SECRET_MIN_DISTINCT = 8;

const envSchema = z.object({
  /** Where the console (page + proxy) listens. */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(5173),
  /** Extra Host header values the console accepts, comma-separated (e.g. behind a tunnel). */
  LINQ_CONSOLE_ALLOWED_HOSTS: optionalString,

  /** A real Linq account. Without a key, the console runs on the embedded sandbox. */
  LINQ_API_V3_API_KEY: optionalString,
  LINQ_API_V3_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.linqapp.com/api/partner'),
  LINQ_PROXY_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),

  /** The sandbox (embedded in `npm start` without a key, or standalone with `npm run sandbox`). */
  LINQ_SANDBOX_DATA: z.string().min(1).default('.data/sandbox.json'),
  LINQ_SANDBOX_PORT: port.default(4010),
  LINQ_SANDBOX_API_KEY: z.string().min(1).default('sandbox'),
  /** Fault injection: added latency per request, and the share of requests answered 500/3006. */
  LINQ_SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  LINQ_SANDBOX_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  /** API requests a second per key before the sandbox answers 429 (a burst of a quarter of it); 0 is off. */
  LINQ_SANDBOX_RATE_LIMIT: z.coerce.number().min(0).max(100_000).default(0),
  /** Seed this many generated subscriptions instead of the hand-written demo set (large-account tests). */
  LINQ_SANDBOX_SEED_COUNT: z.coerce.number().int().min(0).optional(),

  /** Sign-in (README, "Running it for a team"): none (loopback, one operator), oidc or proxy. */
  LINQ_CONSOLE_AUTH: z.enum(AUTH_MODES).default('none'),
  /** none with a non-loopback HOST: the operator's word that anyone reaching the port may use the key. */
  LINQ_CONSOLE_ALLOW_UNAUTHENTICATED: flag,
  OIDC_ISSUER_URL: unlessEmpty(httpUrl),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  /** Where browsers reach the console (oidc: the redirect URI is <it>/auth/callback); its host is accepted. */
  LINQ_CONSOLE_PUBLIC_URL: unlessEmpty(httpUrl),
  LINQ_CONSOLE_SESSION_SECRET: unlessEmpty(
    z
      .string()
      .min(32, 'must be at least 32 characters')
      .refine(
        (secret) => new Set(secret.replace(/\s/g, '')).size >= SESSION_SECRET_MIN_DISTINCT,
        `must be random, not a repeated or spaced-out text: at least ${SESSION_SECRET_MIN_DISTINCT} different characters (for example from \`openssl rand -base64 32\`)`,
      ),
  ),
  /** Absolute session lifetime; fractions allowed. */
  LINQ_CONSOLE_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** proxy: the header carrying the signed-in email, trusted only from LINQ_CONSOLE_TRUSTED_PROXIES. */
  LINQ_CONSOLE_AUTH_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name')
    .default('x-forwarded-email')
    .transform((value) => value.toLowerCase()),
  LINQ_CONSOLE_TRUSTED_PROXIES: optionalString,
  /** Comma-separated emails and @domain entries. */
  LINQ_CONSOLE_EDITORS: optionalString,
  LINQ_CONSOLE_VIEWERS: optionalString,

  /** The journal, labels and sessions: a PostgreSQL server, else the embedded database in LINQ_CONSOLE_DB_DIR. */
  DATABASE_URL: unlessEmpty(z.url({ protocol: /^postgres(ql)?$/ })),
  LINQ_CONSOLE_DB_DIR: z.string().min(1).default('.data/console-db'),
});

/** What one variable alone cannot say: which ones each sign-in mode needs, and what it refuses. */
function checkTogether(env: z.infer<typeof envSchema>, context: z.RefinementCtx): void {
  const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
  const auth = env.LINQ_CONSOLE_AUTH;
  if (auth === 'none' && !isLoopbackHost(env.HOST) && !env.LINQ_CONSOLE_ALLOW_UNAUTHENTICATED) {
    problem(
      'HOST',
      'is not a loopback address, and sign-in is off (LINQ_CONSOLE_AUTH=none): anyone who reaches the port would act with the API key. Turn sign-in on (LINQ_CONSOLE_AUTH=oidc or proxy) or set LINQ_CONSOLE_ALLOW_UNAUTHENTICATED=1 if you mean it.',
    );
  }
  for (const name of ['LINQ_CONSOLE_EDITORS', 'LINQ_CONSOLE_VIEWERS'] as const) {
    const parsed = parseMembers(env[name]);
    if ('invalid' in parsed) problem(name, 'has an entry that is neither an email address nor @domain');
  }
  if (auth !== 'none' && !env.LINQ_CONSOLE_EDITORS && !env.LINQ_CONSOLE_VIEWERS) {
    problem('LINQ_CONSOLE_EDITORS', 'or LINQ_CONSOLE_VIEWERS must name someone when sign-in is on');
  }
  if (auth === 'oidc') {
    for (const name of [
      'OIDC_ISSUER_URL',
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'LINQ_CONSOLE_PUBLIC_URL',
    ] as const) {
      if (!env[name]) problem(name, 'is required with LINQ_CONSOLE_AUTH=oidc');
    }
    if (!env.LINQ_CONSOLE_SESSION_SECRET)
      problem('LINQ_CONSOLE_SESSION_SECRET', 'is required with LINQ_CONSOLE_AUTH=oidc');
    const issuer = env.OIDC_ISSUER_URL ? new URL(env.OIDC_ISSUER_URL) : undefined;
    if (issuer?.protocol === 'http:' && !isLoopbackHost(issuer.hostname)) {
      problem('OIDC_ISSUER_URL', 'must be https (plain http only for an identity provider on this machine)');
    }
  }
  if (env.LINQ_CONSOLE_PUBLIC_URL) {
    const url = new URL(env.LINQ_CONSOLE_PUBLIC_URL);
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      problem(
        'LINQ_CONSOLE_PUBLIC_URL',
        'must be an origin such as https://console.example.com (the console serves from its root)',
      );
    }
  }
  if (auth === 'proxy') {
    const parsed = parseTrustedProxies(env.LINQ_CONSOLE_TRUSTED_PROXIES);
    if ('invalid' in parsed) problem('LINQ_CONSOLE_TRUSTED_PROXIES', 'has an entry that is not an IP address or CIDR');
    else if (parsed.ranges.length === 0) {
      problem('LINQ_CONSOLE_TRUSTED_PROXIES', "is required with LINQ_CONSOLE_AUTH=proxy (the proxy's address or CIDR)");
    }
  }
}

const checkedEnvSchema = envSchema.superRefine(checkTogether);

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = checkedEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    // Values are never echoed: one of them may be the API key.
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** The sign-in configuration of an environment parseEnv has checked (the rooms get options, never the environment). */
export function authConfigFromEnv(env: Env): AuthConfig {
  const roles = () => rolesFrom(env.LINQ_CONSOLE_EDITORS, env.LINQ_CONSOLE_VIEWERS);
  if (env.LINQ_CONSOLE_AUTH === 'proxy') {
    return {
      mode: 'proxy',
      header: env.LINQ_CONSOLE_AUTH_HEADER,
      trustedProxies: env.LINQ_CONSOLE_TRUSTED_PROXIES ?? '',
      roles: roles(),
    };
  }
  if (env.LINQ_CONSOLE_AUTH === 'oidc') {
    return {
      mode: 'oidc',
      issuer: env.OIDC_ISSUER_URL ?? '',
      clientId: env.OIDC_CLIENT_ID ?? '',
      clientSecret: env.OIDC_CLIENT_SECRET ?? '',
      publicUrl: env.LINQ_CONSOLE_PUBLIC_URL ?? '',
      sessionSecret: env.LINQ_CONSOLE_SESSION_SECRET ?? '',
      sessionTtlMs: env.LINQ_CONSOLE_SESSION_TTL_HOURS * 3_600_000,
      roles: roles(),
    };
  }
  return { mode: 'none' };
}

/** The sandbox's data, key and faults from the environment (the console's embedded one and `npm run sandbox` alike). */
export function sandboxOptionsFromEnv(env: Env) {
  return {
    dataFile: env.LINQ_SANDBOX_DATA,
    apiKey: env.LINQ_SANDBOX_API_KEY,
    latencyMs: env.LINQ_SANDBOX_LATENCY_MS,
    failureRate: env.LINQ_SANDBOX_FAILURE_RATE,
    rateLimit: env.LINQ_SANDBOX_RATE_LIMIT,
    seedCount: env.LINQ_SANDBOX_SEED_COUNT,
  };
}
