import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-client';
import { noticesMeta, type MutationNotices } from '@/lib/query-client';
import { withRateLimitRetry } from '@/lib/rate-limit';
import { addToCaches, forgetHistory, removeFromCaches, replaceInCaches } from './cache';
import type { CreateSubscriptionBody, UpdateSubscriptionBody } from '@contract/schemas';
import { createSubscription, deleteSubscription, updateSubscription } from './fetchers';
import { apiOf } from '@/lib/services';

/** Saves the drawer's changed fields; the answer goes straight into the caches (no refetch flash). */
export function useUpdateSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSubscriptionBody }, { client }) =>
      withRateLimitRetry(() => updateSubscription(apiOf(client), id, body)),
    onSuccess: (subscription) => {
      replaceInCaches(queryClient, subscription);
      void forgetHistory(queryClient, subscription.id);
    },
  });
}

/** Creates a subscription; the caller shows the signing secret, the caches keep everything else. */
export function useCreateSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSubscriptionBody, { client }) =>
      withRateLimitRetry(() => createSubscription(apiOf(client), body)),
    onSuccess: ({ signing_secret: _secret, ...subscription }) => addToCaches(queryClient, subscription),
  });
}

/**
 * Deletes a subscription; one already deleted elsewhere (404) counts as done. `notices`: what
 * to say when it ends (the caller knows the URL to name).
 */
export function useDeleteSubscription(notices?: MutationNotices<string, string>) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: noticesMeta(notices ?? {}),
    mutationFn: async (id: string, { client }) => {
      try {
        await withRateLimitRetry(() => deleteSubscription(apiOf(client), id));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      return id;
    },
    onSuccess: (id) => removeFromCaches(queryClient, id),
  });
}
