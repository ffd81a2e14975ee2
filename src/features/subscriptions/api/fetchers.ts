import { LINQ_ENDPOINTS } from '@contract/endpoints';
import type {
  CreateSubscriptionBody,
  CreatedSubscription,
  Subscription,
  UpdateSubscriptionBody,
} from '@contract/schemas';
import { callEndpoint } from '@/lib/api-client';

/** One fetcher per Linq endpoint of contract/endpoints.ts, all through the one API client. */

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

export function updateSubscription(id: string, body: UpdateSubscriptionBody): Promise<Subscription> {
  return callEndpoint(LINQ_ENDPOINTS.updateSubscription, { params: { id }, body });
}

export function deleteSubscription(id: string): Promise<void> {
  return callEndpoint(LINQ_ENDPOINTS.deleteSubscription, { params: { id } });
}

export function getCatalog(signal?: AbortSignal) {
  return callEndpoint(LINQ_ENDPOINTS.listEventTypes, { signal });
}

export async function listPhoneNumbers(signal?: AbortSignal) {
  const list = await callEndpoint(LINQ_ENDPOINTS.listPhoneNumbers, { signal });
  return list.phone_numbers;
}
