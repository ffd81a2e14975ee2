import { WRITE_REQUESTS_HEADER } from '@contract/console';
import { readRateLimitPolicy } from '@contract/rate-limit';

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
      const quota = readRateLimitPolicy(headers.get('ratelimit-policy'));
      if (quota) announced = quota;
    },
    writePacingMs: () => (announced ? (announced.windowMs / announced.limit) * writeCost : 0),
  };
}
