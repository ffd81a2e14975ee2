import { afterEach, describe, expect, it } from 'vitest';
import { observeRateLimit, pacingIntervalMs, resetObservedRateLimit } from './rate-limit-policy';

afterEach(resetObservedRateLimit);

describe('observeRateLimit', () => {
  it('reads an announced quota into the least time between two requests', () => {
    expect(pacingIntervalMs()).toBe(0);
    observeRateLimit(new Headers({ 'RateLimit-Policy': '50;w=1' }));
    expect(pacingIntervalMs()).toBe(20);
    observeRateLimit(new Headers({ 'RateLimit-Policy': '"default";q=100;w=60' }));
    expect(pacingIntervalMs()).toBe(600);
  });

  it('keeps what it knew when an answer announces nothing, or nonsense', () => {
    observeRateLimit(new Headers({ 'RateLimit-Policy': '10;w=1' }));
    observeRateLimit(new Headers());
    observeRateLimit(new Headers({ 'RateLimit-Policy': 'soon' }));
    expect(pacingIntervalMs()).toBe(100);
  });
});
