import { afterEach, describe, expect, it } from 'vitest';
import { observeRateLimit, resetObservedRateLimit, writePacingMs } from './rate-limit-policy';

afterEach(resetObservedRateLimit);

describe('observeRateLimit', () => {
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
