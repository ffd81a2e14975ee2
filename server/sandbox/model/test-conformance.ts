import { describe } from 'vitest';
import type { OpenTarget } from './test-conformance-kit.ts';
import { describeRefusals } from './test-conformance-refusals.ts';
import { describeWrites } from './test-conformance-writes.ts';

export type { ConformanceTarget, OpenTarget } from './test-conformance-kit.ts';

/**
 * The SDK conformance suite: what the official SDK (@linqapp/sdk) must meet at any stand-in of
 * Linq, so the sandbox (server/sandbox/sandbox.test.ts, over HTTP) and the unit tests' fake
 * (src/test/fake-linq.test.ts, as fetch) are certified by the same tests. `open` gives a fresh
 * stand-in holding at least one subscription.
 */
export function describeSdkConformance(name: string, open: OpenTarget): void {
  describe(`SDK conformance: ${name}`, () => {
    describeWrites(open);
    describeRefusals(open);
  });
}
