import { afterEach, describe, expect, it } from 'vitest';
import { observeRateLimit, resetObservedRateLimit, writePacingMs } from './rate-limit-policy';

afterEach(resetObservedRateLimit);

describe('observeRateLimit', () => {
  it('reads an announced quota into the least time between two writes', () => {
    expect(writePacingMs()).toBe(0);
    observeRateLimit('GET', new Headers({ 'RateLimit-Policy': '50;w=1' }));
    expect(writePacingMs()).toBe(20);
    observeRateLimit('GET', new Headers({ 'RateLimit-Policy': '"default";q=100;w=60' }));
    expect(writePacingMs()).toBe(600);
  });

  it('keeps what it knew when an answer announces nothing, or nonsense', () => {
    observeRateLimit('GET', new Headers({ 'RateLimit-Policy': '10;w=1' }));
    observeRateLimit('GET', new Headers());
    observeRateLimit('GET', new Headers({ 'RateLimit-Policy': 'soon' }));
    expect(writePacingMs()).toBe(100);
  });

  it("spaces writes by what each costs upstream, as a write's answer says (the journal's read before it)", () => {
    observeRateLimit('PUT', new Headers({ 'RateLimit-Policy': '50;w=1', 'X-Console-Upstream-Requests': '2' }));
    expect(writePacingMs()).toBe(40);
    // A read costs one request, but says nothing of what a write costs.
    observeRateLimit('GET', new Headers({ 'RateLimit-Policy': '50;w=1', 'X-Console-Upstream-Requests': '1' }));
    expect(writePacingMs()).toBe(40);
    observeRateLimit('DELETE', new Headers({ 'X-Console-Upstream-Requests': 'many' }));
    expect(writePacingMs()).toBe(40);
  });
});
