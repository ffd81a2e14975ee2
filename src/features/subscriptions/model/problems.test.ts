import { describe, expect, it } from 'vitest';
import { makePhoneNumber, makeSubscription } from '@/test/factories';
import { findProblems, problemFinder } from './problems';

const catalog = ['message.sent', 'message.received', 'message.edited'];
const lines = [makePhoneNumber('+14155550123'), makePhoneNumber('+12125550188')];
const context = { catalog, lines };
const kinds = (subscription: Parameters<typeof findProblems>[0], ctx: Parameters<typeof findProblems>[1] = context) =>
  findProblems(subscription, ctx).map((problem) => problem.kind);

describe('findProblems', () => {
  it('finds nothing wrong with a plain subscription', () => {
    expect(findProblems(makeSubscription({ phone_numbers: ['+14155550123'] }), context)).toEqual([]);
  });

  it('flags message.edited on a URL without ?version=2026-02-03, naming the version it asks for', () => {
    const none = makeSubscription({ subscribed_events: ['message.edited'], target_url: 'https://h.example/in' });
    const older = makeSubscription({
      subscribed_events: ['message.edited'],
      target_url: 'https://h.example/in?version=2025-01-01',
    });
    const right = makeSubscription({
      subscribed_events: ['message.edited'],
      target_url: 'https://h.example/in?version=2026-02-03',
    });
    expect(kinds(none)).toEqual(['edited-without-version']);
    expect(findProblems(none, context)[0]?.detail).toContain('has no version');
    expect(findProblems(older, context)[0]?.detail).toContain('asks for 2025-01-01');
    expect(kinds(right)).toEqual([]);
  });

  it('flags event types the catalog lacks, and only once the catalog has loaded', () => {
    const calls = makeSubscription({ subscribed_events: ['message.sent', 'call.initiated', 'call.ended'] });
    const [problem] = findProblems(calls, context);
    expect(problem).toMatchObject({ kind: 'not-in-catalog', items: ['call.initiated', 'call.ended'] });
    expect(problem?.summary).toBe('2 types not in catalog');
    expect(kinds(calls, { catalog: undefined, lines })).toEqual([]);
  });

  it("flags a phone filter naming numbers that are not the account's lines, once the lines have loaded", () => {
    const foreign = makeSubscription({ phone_numbers: ['+14155550123', '+447700900123'] });
    const [problem] = findProblems(foreign, context);
    expect(problem).toMatchObject({ kind: 'not-a-line', items: ['+447700900123'] });
    expect(problem?.summary).toBe('1 number not your line');
    expect(kinds(foreign, { catalog, lines: undefined })).toEqual([]);
    // No phone filter at all receives every line's events: nothing to flag.
    expect(kinds(makeSubscription({ phone_numbers: null }))).toEqual([]);
  });

  it('lists several problems of one subscription in a fixed order', () => {
    const everything = makeSubscription({
      subscribed_events: ['message.edited', 'location.sharing.started'],
      phone_numbers: ['+447700900123'],
    });
    expect(kinds(everything)).toEqual(['edited-without-version', 'not-in-catalog', 'not-a-line']);
  });
});

describe('problemFinder', () => {
  it('computes once per subscription object', () => {
    const find = problemFinder(context);
    const subscription = makeSubscription({ subscribed_events: ['call.initiated'] });
    expect(find(subscription)).toBe(find(subscription));
    expect(find({ ...subscription })).not.toBe(find(subscription));
  });
});
