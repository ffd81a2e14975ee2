import type { Label, LabelBody } from '@contract/console';
import { CONSOLE_ENDPOINTS, LINQ_ENDPOINTS } from '@contract/endpoints';
import type {
  CreateSubscriptionBody,
  CreatedSubscription,
  Subscription,
  UpdateSubscriptionBody,
} from '@contract/schemas';
import { callEndpoint } from '@/lib/api-client';

/** One fetcher per endpoint this feature uses (contract/endpoints.ts), all through the one API client. */

export async function listSubscriptions(signal?: AbortSignal): Promise<Subscription[]> {
  const list = await callEndpoint(LINQ_ENDPOINTS.listSubscriptions, { signal });
  return list.subscriptions;
}

export function getSubscription(id: string, signal?: AbortSignal): Promise<Subscription> {
  return callEndpoint(LINQ_ENDPOINTS.getSubscription, { params: { id }, signal });
}

export function createSubscription(body: CreateSubscriptionBody): Promise<CreatedSubscription> {
  return callEndpoint(LINQ_ENDPOINTS.createSubscription, { body });
}

/** `headers`: the journal's hints (a bulk action's id and label, a restore), contract/console.ts. */
export function updateSubscription(
  id: string,
  body: UpdateSubscriptionBody,
  headers?: Record<string, string>,
): Promise<Subscription> {
  return callEndpoint(LINQ_ENDPOINTS.updateSubscription, { params: { id }, body, headers });
}

export function deleteSubscription(id: string, headers?: Record<string, string>): Promise<void> {
  return callEndpoint(LINQ_ENDPOINTS.deleteSubscription, { params: { id }, headers });
}

/** Every label, page after page (each answer of the server is bounded). */
export async function listLabels(signal?: AbortSignal): Promise<Label[]> {
  const labels: Label[] = [];
  let cursor: string | undefined;
  do {
    const page = await callEndpoint(CONSOLE_ENDPOINTS.listLabels, { signal, query: { cursor } });
    labels.push(...page.labels);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return labels;
}

export function putLabel(id: string, body: LabelBody): Promise<Label> {
  return callEndpoint(CONSOLE_ENDPOINTS.putLabel, { params: { id }, body });
}

export function subscriptionHistory(id: string, signal?: AbortSignal) {
  return callEndpoint(CONSOLE_ENDPOINTS.activity, { signal, query: { subscription_id: id, limit: 50 } });
}

export function getCatalog(signal?: AbortSignal) {
  return callEndpoint(LINQ_ENDPOINTS.listEventTypes, { signal });
}

export async function listPhoneNumbers(signal?: AbortSignal) {
  const list = await callEndpoint(LINQ_ENDPOINTS.listPhoneNumbers, { signal });
  return list.phone_numbers;
}
