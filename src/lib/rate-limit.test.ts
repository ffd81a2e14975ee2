import { describe, expect, it, vi } from 'vitest';
import { ApiError, parseRetryAfter } from './api-client';
import { SHORT_WAIT_MS, withRateLimitRetry } from './rate-limit';

const limited = (ms?: number) => new ApiError(429, 1007, 'Too many requests', ms);

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, in ms', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('withRateLimitRetry', () => {
  it('waits out a short Retry-After and sends once more, never sooner than asked', async () => {
    const send = vi.fn().mockRejectedValueOnce(limited(2000)).mockResolvedValueOnce('ok');
    const waits: number[] = [];
    const result = await withRateLimitRetry(send, async (ms) => {
      waits.push(ms);
      expect(send).toHaveBeenCalledTimes(1);
    });
    expect(result).toBe('ok');
    expect(waits).toEqual([2000]);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('waits at least a second for a 429 that names no wait or zero, and sends once more only', async () => {
    for (const named of [undefined, 0, -3000]) {
      const send = vi.fn().mockRejectedValue(limited(named));
      const waits: number[] = [];
      const error = await withRateLimitRetry(send, async (ms) => {
        waits.push(ms);
      }).catch((e: unknown) => e);
      expect(waits).toEqual([1000]);
      expect(send).toHaveBeenCalledTimes(2);
      expect(error).toBeInstanceOf(ApiError);
    }
  });

  it('does not wait out a long Retry-After: it says when to try again', async () => {
    const send = vi.fn().mockRejectedValue(limited(SHORT_WAIT_MS + 25_000));
    const wait = vi.fn(async () => undefined);
    const error = await withRateLimitRetry(send, wait).catch((e: unknown) => e);
    expect(wait).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledTimes(1);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/^Linq asked to wait 30 s: try again at .+\.$/);
  });

  it('retries only once, and passes other errors through untouched', async () => {
    const twice = vi.fn().mockRejectedValue(limited(100));
    await expect(withRateLimitRetry(twice, async () => undefined)).rejects.toThrow(/Linq asked to wait 1 s/);
    expect(twice).toHaveBeenCalledTimes(2);
    const broken = new ApiError(500, 3006, 'Internal server error');
    await expect(withRateLimitRetry(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
