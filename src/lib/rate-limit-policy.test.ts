import { beforeEach, describe, expect, it } from 'vitest';
import { createRateLimitPolicy, type RateLimitPolicy } from './rate-limit-policy';

let policy: RateLimitPolicy;
const observeRateLimit = (headers: Headers) => policy.observe(headers);
const writePacingMs = () => policy.writePacingMs();
beforeEach(() => {
  policy = createRateLimitPolicy();
});

describe('a rate-limit policy', () => {
  it('reads an announced quota into the least time between two writes', () => {
    expect(writePacingMs()).toBe(0);
    observeRateLimit(new Headers({ 'RateLimit-Policy': '50;w=1' }));
    expect(writePacingMs()).toBe(20);
    observeRateLimit(new Headers({ 'RateLimit-Policy': '"default";q=100;w=60' }));
    expect(writePacingMs()).toBe(600);
  });

  it('keeps what it knew when an answer announces nothing, or nonsense', () => {
    observeRateLimit(new Headers({ 'RateLimit-Policy': '10;w=1' }));
    observeRateLimit(new Headers());
    observeRateLimit(new Headers({ 'RateLimit-Policy': 'soon' }));
    expect(writePacingMs()).toBe(100);
  });

  it('spaces writes by what each costs upstream, as every answer of the console says, the first read included', () => {
    observeRateLimit(new Headers({ 'RateLimit-Policy': '50;w=1' }));
    expect(writePacingMs()).toBe(20);
    // The list's answer, before any write: a write costs two (the journal's read before it).
    observeRateLimit(
      new Headers({
        'RateLimit-Policy': '50;w=1',
        'X-Console-Write-Requests': '2',
        'X-Console-Upstream-Requests': '1',
      }),
    );
    expect(writePacingMs()).toBe(40);
    // What one answer took is not what a write costs; nonsense changes nothing.
    observeRateLimit(new Headers({ 'X-Console-Upstream-Requests': '1' }));
    observeRateLimit(new Headers({ 'X-Console-Write-Requests': 'many' }));
    expect(writePacingMs()).toBe(40);
  });
});

it('is one per API client: what one learned, another does not know', () => {
  const other = createRateLimitPolicy();
  policy.observe(new Headers({ 'RateLimit-Policy': '50;w=1' }));
  expect(policy.writePacingMs()).toBe(20);
  expect(other.writePacingMs()).toBe(0);
});
