import type { Subscription, SubscriptionList } from './schemas.ts';

/**
 * The subscription list's schema (schemas.ts) written out as plain checks, for the one answer
 * that is large: zod/mini reads 10,000 subscriptions in about 80 ms in the browser (it runs
 * without code generation there, under the page's CSP), these checks in a few. The result is
 * what zod gives: the known fields only, unknown ones left out. Anything these checks do not
 * accept (a wrong shape, or an object that is not plain JSON) gives undefined, and the caller
 * reads the answer with zod itself, which says what is wrong. quick-read.test.ts holds the two
 * to the same answers.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A copy of an array of strings, or undefined when it is not one (`minLength`: of each string). */
function strings(value: unknown, minLength: number): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const copy: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || item.length < minLength) return undefined;
    copy.push(item);
  }
  return copy;
}

function readSubscription(value: unknown): Subscription | undefined {
  if (!isPlainObject(value)) return undefined;
  const { id, target_url, subscribed_events, is_active, created_at, updated_at } = value;
  if (typeof id !== 'string' || typeof target_url !== 'string' || typeof is_active !== 'boolean') return undefined;
  if (typeof created_at !== 'string' || typeof updated_at !== 'string') return undefined;
  const events = strings(subscribed_events, 1);
  if (!events) return undefined;
  // nullish: absent stays absent; present, it is null, undefined or a list of strings.
  const hasPhones = 'phone_numbers' in value;
  const phones = value.phone_numbers;
  const phoneCopy = phones === null || phones === undefined ? phones : strings(phones, 0);
  if (phoneCopy === undefined && phones !== undefined) return undefined;
  // The fields in the schema's order, as zod writes them.
  if (!hasPhones) return { id, target_url, subscribed_events: events, is_active, created_at, updated_at };
  return { id, target_url, subscribed_events: events, phone_numbers: phoneCopy, is_active, created_at, updated_at };
}

/** `GET /v3/webhook-subscriptions` read as `subscriptionListSchema` reads it, or undefined: then ask zod. */
export function quickReadSubscriptionList(value: unknown): SubscriptionList | undefined {
  if (!isPlainObject(value) || !Array.isArray(value.subscriptions)) return undefined;
  const subscriptions: Subscription[] = [];
  for (const entry of value.subscriptions as unknown[]) {
    const subscription = readSubscription(entry);
    if (!subscription) return undefined;
    subscriptions.push(subscription);
  }
  return { subscriptions };
}
