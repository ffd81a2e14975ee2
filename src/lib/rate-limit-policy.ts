import { WRITE_REQUESTS_HEADER } from '@contract/console';

/** What answers say of the rate limit ahead of it, read by the API client from every answer. */

export interface RateLimitPolicy {
  /** Reads `RateLimit-Policy` and what a write costs upstream from an answer's headers. */
  observe: (headers: Headers) => void;
  /**
   * The least time between two writes (PUT, DELETE) that keeps their requests to Linq under the
   * announced quota; 0 when none is known.
   */
  writePacingMs: () => number;
}

/**
 * What one API client has learned from its answers: the quota the API announces
 * (`RateLimit-Policy: 50;w=1`, IETF draft; Linq does not promise it, the sandbox sends it), so a
 * batch can pace itself under the limit instead of running into it (unknown until an answer
 * carries it; then the latest answer's), and how many requests to Linq one write costs, as the
 * console server says on every answer (WRITE_REQUESTS_HEADER: 2 with the journal's read before a
 * PUT or DELETE; 1 until told).
 */
export function createRateLimitPolicy(): RateLimitPolicy {
  let announced: { limit: number; windowMs: number } | undefined;
  let writeCost = 1;
  return {
    observe: (headers) => {
      const cost = Number(headers.get(WRITE_REQUESTS_HEADER));
      if (Number.isInteger(cost) && cost >= 1) writeCost = cost;
      const quota = readPolicy(headers.get('ratelimit-policy'));
      if (quota) announced = quota;
    },
    writePacingMs: () => (announced ? (announced.windowMs / announced.limit) * writeCost : 0),
  };
}

/** "50;w=1", or "\"default\";q=50;w=1" (the first policy of a list); undefined when unreadable. */
function readPolicy(policy: string | null): { limit: number; windowMs: number } | undefined {
  if (!policy) return undefined;
  const first = policy.split(',')[0] ?? '';
  const quota = /(?:^|;)\s*q=(\d+)/.exec(first)?.[1] ?? /^\s*(\d+)/.exec(first)?.[1];
  const window = /(?:^|;)\s*w=(\d+(?:\.\d+)?)/.exec(first)?.[1];
  const limit = Number(quota);
  const windowMs = window === undefined ? 1000 : Number(window) * 1000;
  return limit > 0 && windowMs > 0 ? { limit, windowMs } : undefined;
}
