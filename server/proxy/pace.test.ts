import { describe, expect, it } from 'vitest';
import { createPace, PACE_MARGIN } from './pace.ts';

describe('one pace per upstream', () => {
  it('sends at once until a quota is announced, then spaces requests a little over window / quota, in order', () => {
    let time = 1_000;
    const pace = createPace(() => time);
    expect([pace.reserve(), pace.reserve()]).toEqual([0, 0]);
    pace.learn('4;w=1');
    const spacing = 250 * PACE_MARGIN;
    expect([pace.reserve(), pace.reserve(), pace.reserve()]).toEqual([0, spacing, 2 * spacing]);
    // Time passing frees the slots it passed.
    time += 10_000;
    expect(pace.reserve()).toBe(0);
  });

  it('takes the latest answer’s word: an answer without the policy lifts it', () => {
    const pace = createPace(() => 0);
    pace.learn(['10;w=1']);
    pace.reserve();
    expect(pace.reserve()).toBeCloseTo(100 * PACE_MARGIN);
    pace.learn(undefined);
    expect(pace.reserve()).toBe(0);
  });
});
