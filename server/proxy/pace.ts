import { readRateLimitPolicy } from '../../contract/rate-limit.ts';

/**
 * One pace for every request to one upstream, whoever sends it (each operator's page, every bulk
 * job the server runs): once an answer announces the quota (RateLimit-Policy), requests leave at
 * least window / quota apart, in the order they asked, so together they keep under the limit the
 * team shares and no sender starves another. Without an announced quota nothing waits. A 429's
 * Retry-After is the upstream's hold (upstream.ts), for everybody too.
 */
export interface Pace {
  /** Reserves the next slot: how long to wait for it (0: go now). */
  reserve(): number;
  /** Reads an answer's RateLimit-Policy: the latest answer's word, and none lifts the pace. */
  learn(header: string | string[] | undefined): void;
}

/**
 * Requests leave a little more than window / quota apart: two sent exactly that far apart can
 * arrive closer (the network's jitter), and a strict bucket (a burst of one) refuses the second.
 */
export const PACE_MARGIN = 1.05;

export function createPace(now: () => number): Pace {
  let spacingMs = 0;
  let nextSlot = 0;
  return {
    reserve: () => {
      if (spacingMs <= 0) return 0;
      const at = Math.max(now(), nextSlot);
      nextSlot = at + spacingMs;
      return at - now();
    },
    learn: (header) => {
      const quota = readRateLimitPolicy(Array.isArray(header) ? header[0] : header);
      spacingMs = quota ? (quota.windowMs / quota.limit) * PACE_MARGIN : 0;
    },
  };
}
