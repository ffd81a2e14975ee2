/**
 * The sandbox's rate limiter (LINQ_SANDBOX_RATE_LIMIT, or `rate_limit` on the fault switch): a
 * token bucket per key, so demos and tests meet Linq's 429 as it is. A bucket holds `burstFor(rate)`
 * tokens and refills at `rate` a second; each API request takes one, and a refused request takes
 * none. Rate 0 is off.
 */

/** A small burst: a quarter of a second's worth, at least one request. */
export const burstFor = (rate: number): number => Math.max(1, Math.ceil(rate / 4));

interface Bucket {
  rate: number;
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  at: number;
}

/**
 * `take(key, rate)`: undefined when the request may go on (a token is taken), otherwise the whole
 * seconds (at least 1) until a token is back, for Retry-After.
 */
export function createRateLimiter(now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();
  return function take(key: string, rate: number): number | undefined {
    if (rate <= 0) return undefined;
    const time = now();
    let bucket = buckets.get(key);
    // A new rate (set at run time) starts with a full bucket.
    if (bucket?.rate !== rate) {
      bucket = { rate, tokens: burstFor(rate), at: time };
      buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burstFor(rate), bucket.tokens + ((time - bucket.at) / 1000) * rate);
    bucket.at = time;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  };
}
