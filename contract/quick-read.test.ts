import { describe, expect, it } from 'vitest';
import { quickReadSubscriptionList } from './quick-read.ts';
import { subscriptionListSchema } from './schemas.ts';

const base = {
  id: 'a1',
  target_url: 'https://hooks.example.com/linq',
  subscribed_events: ['message.sent'],
  is_active: true,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-02T00:00:00.000Z',
};

/** What zod makes of it, as the quick reader must: the same data, or a refusal. */
function zodRead(value: unknown) {
  const result = subscriptionListSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

const list = (...subscriptions: unknown[]) => ({ subscriptions });

describe('the quick reader of the subscription list', () => {
  it.each([
    ['one subscription', list(base)],
    ['no subscriptions', list()],
    ['a phone filter', list({ ...base, phone_numbers: ['+14155550123'] })],
    ['an empty phone filter', list({ ...base, phone_numbers: [] })],
    ['a null phone filter', list({ ...base, phone_numbers: null })],
    ['unknown fields, left out', { subscriptions: [{ ...base, signing_secret: 'whsec_x', extra: { a: 1 } }], more: 1 }],
    ['an event type never seen before', list({ ...base, subscribed_events: ['future.event', 'message.sent'] })],
  ])('reads what zod reads, the same way: %s', (_name, value) => {
    const quick = quickReadSubscriptionList(value);
    expect(quick).toBeDefined();
    expect(quick).toStrictEqual(zodRead(value));
    // The same fields in the same order, as the cache and the journal diff would see them.
    expect(JSON.stringify(quick)).toBe(JSON.stringify(zodRead(value)));
  });

  it.each([
    ['not an object', 'subscriptions'],
    ['null', null],
    ['no list', {}],
    ['a list that is not an array', { subscriptions: {} }],
    ['an entry that is not an object', list(1)],
    ['an entry that is an array', list([base])],
    ['a missing id', list({ ...base, id: undefined })],
    ['a numeric target URL', list({ ...base, target_url: 7 })],
    ['is_active as a string', list({ ...base, is_active: 'true' })],
    ['an empty event type', list({ ...base, subscribed_events: [''] })],
    ['an event type that is not a string', list({ ...base, subscribed_events: [1] })],
    ['event types that are not a list', list({ ...base, subscribed_events: 'message.sent' })],
    ['a phone filter with a number', list({ ...base, phone_numbers: [14155550123] })],
    ['a phone filter that is a string', list({ ...base, phone_numbers: '+14155550123' })],
    ['a missing updated_at', list({ ...base, updated_at: undefined })],
    ['one bad entry among good ones', list(base, { ...base, created_at: null }, base)],
  ])('declines what it cannot vouch for, and zod decides: %s', (_name, value) => {
    expect(quickReadSubscriptionList(value)).toBeUndefined();
    expect(zodRead(value)).toBeUndefined();
  });

  it('declines objects that are not plain JSON (zod reads those itself)', () => {
    const inherited = Object.assign(Object.create({ inherited: true }) as object, base);
    expect(quickReadSubscriptionList(list(inherited))).toBeUndefined();
    expect(zodRead(list(inherited))).toBeDefined();
  });

  it('copies the lists, so the answer it returns shares nothing with its input', () => {
    const entry = { ...base, phone_numbers: ['+14155550123'] };
    const quick = quickReadSubscriptionList(list(entry))!;
    expect(quick.subscriptions[0]!.subscribed_events).not.toBe(entry.subscribed_events);
    expect(quick.subscriptions[0]!.phone_numbers).not.toBe(entry.phone_numbers);
  });
});
