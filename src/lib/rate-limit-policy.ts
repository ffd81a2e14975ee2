import { WRITE_REQUESTS_HEADER } from '@contract/console';

/** What answers say of the rate limit ahead of it, read by the API client from every answer. */

/**
 * The quota an API announces in its answers (`RateLimit-Policy: 50;w=1`, IETF draft; Linq does
 * not promise it, the sandbox sends it), so a batch can pace itself under the limit instead of
 * running into it. Unknown until an answer carries it; then the latest answer's.
 */
let announced: { limit: number; windowMs: number } | undefined;
/**
 * How many requests to Linq one write costs, as the console server says on every answer
 * (WRITE_REQUESTS_HEADER: 2 with the journal's read before a PUT or DELETE); 1 until told.
 */
let writeCost = 1;

/**
 * Reads `RateLimit-Policy` ("50;w=1", or "\"default\";q=50;w=1") from an answer's headers, and
 * what a write costs upstream.
 */
export function observeRateLimit(headers: Headers): void {
  const cost = Number(headers.get(WRITE_REQUESTS_HEADER));
  if (Number.isInteger(cost) && cost >= 1) writeCost = cost;
  const policy = headers.get('ratelimit-policy');
  if (!policy) return;
  const first = policy.split(',')[0] ?? '';
  const quota = /(?:^|;)\s*q=(\d+)/.exec(first)?.[1] ?? /^\s*(\d+)/.exec(first)?.[1];
  const window = /(?:^|;)\s*w=(\d+(?:\.\d+)?)/.exec(first)?.[1];
  const limit = Number(quota);
  const windowMs = window === undefined ? 1000 : Number(window) * 1000;
  if (limit > 0 && windowMs > 0) announced = { limit, windowMs };
}

/**
 * The least time between two writes (PUT, DELETE) that keeps their requests to Linq under the
 * announced quota; 0 when none is known.
 */
export function writePacingMs(): number {
  return announced ? (announced.windowMs / announced.limit) * writeCost : 0;
}

/** For tests: forget what answers announced. */
export function resetObservedRateLimit(): void {
  announced = undefined;
  writeCost = 1;
}
