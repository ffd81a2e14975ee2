import { z } from 'zod';

/**
 * Every environment variable the Node side reads, parsed once with zod at start-up.
 * The README lists the same names; keep the two in step.
 */

const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

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
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    // Values are never echoed: one of them may be the API key.
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  return result.data;
}
