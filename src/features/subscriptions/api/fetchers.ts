import type { Label, LabelBody } from '@contract/console';
import { CONSOLE_ENDPOINTS, LINQ_ENDPOINTS } from '@contract/endpoints';
import type {
  CreateSubscriptionBody,
  CreatedSubscription,
  Subscription,
  UpdateSubscriptionBody,
} from '@contract/schemas';
import type { ApiClient } from '@/lib/api-client';

/** One fetcher per endpoint this feature uses (contract/endpoints.ts), each through the API client it is given. */

export async function listSubscriptions(api: ApiClient, signal?: AbortSignal): Promise<Subscription[]> {
  const list = await api.call(LINQ_ENDPOINTS.listSubscriptions, { signal });
  return list.subscriptions;
}

export function getSubscription(api: ApiClient, id: string, signal?: AbortSignal): Promise<Subscription> {
  return api.call(LINQ_ENDPOINTS.getSubscription, { params: { id }, signal });
}

export function createSubscription(api: ApiClient, body: CreateSubscriptionBody): Promise<CreatedSubscription> {
  return api.call(LINQ_ENDPOINTS.createSubscription, { body });
}

/** `headers`: the journal's hints (a bulk action's id and label, a restore), contract/console.ts. */
export function updateSubscription(
  api: ApiClient,
  id: string,
  body: UpdateSubscriptionBody,
  headers?: Record<string, string>,
): Promise<Subscription> {
  return api.call(LINQ_ENDPOINTS.updateSubscription, { params: { id }, body, headers });
}

export function deleteSubscription(api: ApiClient, id: string, headers?: Record<string, string>): Promise<void> {
  return api.call(LINQ_ENDPOINTS.deleteSubscription, { params: { id }, headers });
}

/** Every label, page after page (each answer of the server is bounded). */
export async function listLabels(api: ApiClient, signal?: AbortSignal): Promise<Label[]> {
  const labels: Label[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call(CONSOLE_ENDPOINTS.listLabels, { signal, query: { cursor } });
    labels.push(...page.labels);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return labels;
}

export function putLabel(api: ApiClient, id: string, body: LabelBody): Promise<Label> {
  return api.call(CONSOLE_ENDPOINTS.putLabel, { params: { id }, body });
}

export function subscriptionHistory(api: ApiClient, id: string, signal?: AbortSignal) {
  return api.call(CONSOLE_ENDPOINTS.activity, { signal, query: { subscription_id: id, limit: 50 } });
}

export function getCatalog(api: ApiClient, signal?: AbortSignal) {
  return api.call(LINQ_ENDPOINTS.listEventTypes, { signal });
}

export async function listPhoneNumbers(api: ApiClient, signal?: AbortSignal) {
  const list = await api.call(LINQ_ENDPOINTS.listPhoneNumbers, { signal });
  return list.phone_numbers;
}
