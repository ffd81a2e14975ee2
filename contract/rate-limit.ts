/**
 * The quota an API announces ahead of its limit: `RateLimit-Policy: 50;w=1` (IETF draft; Linq does
 * not promise it, the sandbox sends it), or `"default";q=50;w=1` (the first policy of a list).
 * Undefined when there is none or it cannot be read.
 */
export function readRateLimitPolicy(
  policy: string | null | undefined,
): { limit: number; windowMs: number } | undefined {
  if (!policy) return undefined;
  const first = policy.split(',')[0] ?? '';
  const quota = /(?:^|;)\s*q=(\d+)/.exec(first)?.[1] ?? /^\s*(\d+)/.exec(first)?.[1];
  const window = /(?:^|;)\s*w=(\d+(?:\.\d+)?)/.exec(first)?.[1];
  const limit = Number(quota);
  const windowMs = window === undefined ? 1000 : Number(window) * 1000;
  return limit > 0 && windowMs > 0 ? { limit, windowMs } : undefined;
}
