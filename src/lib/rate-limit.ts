import { ApiError, MIN_RATE_LIMIT_WAIT_MS, rateLimitWaitMs } from './api-client';
import { formatClockTime } from './time';

/**
 * Linq's rate limit (429 / 1007 with Retry-After) for single writes: a short wait is waited out
 * and the write sent once more; a longer one becomes an error that says when to try again.
 * Bulk jobs run on the console server, which waits for them (server/jobs/send.ts).
 */

/** The longest wait a single toggle or save waits out before sending again by itself. */
export const SHORT_WAIT_MS = 5_000;
/** When a 429 names no wait (or one under the floor). */
export const DEFAULT_WAIT_MS = MIN_RATE_LIMIT_WAIT_MS;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** "Linq asked to wait 30 s: try again at 14:02:07." */
export function rateLimitMessage(waitMs: number, now = Date.now()): string {
  return `Linq asked to wait ${Math.ceil(waitMs / 1000)} s: try again at ${formatClockTime(now + waitMs)}.`;
}

function asRateLimit(error: ApiError): ApiError {
  const wait = rateLimitWaitMs(error.retryAfterMs);
  return new ApiError(error.status, error.code, rateLimitMessage(wait), wait);
}

export async function withRateLimitRetry<T>(
  send: () => Promise<T>,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ApiError && error.isRateLimited)) throw error;
    const ms = rateLimitWaitMs(error.retryAfterMs);
    if (ms > SHORT_WAIT_MS) throw asRateLimit(error);
    await wait(ms);
    try {
      return await send();
    } catch (again) {
      throw again instanceof ApiError && again.isRateLimited ? asRateLimit(again) : again;
    }
  }
}
