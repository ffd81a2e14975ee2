import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-client';
import { withRateLimitRetry } from '@/lib/rate-limit';
import { addToCaches, forgetHistory, removeFromCaches, replaceInCaches } from './cache';
import type { CreateSubscriptionBody, UpdateSubscriptionBody } from '@contract/schemas';
import { createSubscription, deleteSubscription, updateSubscription } from './fetchers';

/** Saves the drawer's changed fields; the answer goes straight into the caches (no refetch flash). */
export function useUpdateSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSubscriptionBody }) =>
      withRateLimitRetry(() => updateSubscription(id, body)),
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
    mutationFn: (body: CreateSubscriptionBody) => withRateLimitRetry(() => createSubscription(body)),
    onSuccess: ({ signing_secret: _secret, ...subscription }) => addToCaches(queryClient, subscription),
  });
}

/** Deletes a subscription; one already deleted elsewhere (404) counts as done. */
export function useDeleteSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await withRateLimitRetry(() => deleteSubscription(id));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      return id;
    },
    onSuccess: (id) => removeFromCaches(queryClient, id),
  });
}
