import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cachedSubscription, replaceInCaches } from './cache';
import type { Subscription } from './schemas';
import { subscriptionQueries, updateSubscription } from './subscriptions';

export interface ToggleVariables {
  id: string;
  isActive: boolean;
}

interface ToggleContext {
  previous: Subscription | undefined;
}

export const toggleMutationKey = (id: string) => ['subscriptions', 'toggle', id] as const;

/**
 * Switches `is_active` with `PUT { is_active }` only, shown at once (optimistic).
 *
 * Toggles of one subscription run one after another (a mutation scope per id), so the server
 * sees the clicks in order. Only the last toggle in flight writes the server's answer; on a
 * failure the row goes back to its state before that click and, when nothing else is in flight,
 * the list is fetched again so it shows what the server has, whatever happened in between.
 */
export function useToggleActive(id: string) {
  const queryClient = useQueryClient();
  const othersInFlight = (id: string) => queryClient.isMutating({ mutationKey: toggleMutationKey(id) }) > 1;

  return useMutation<Subscription, Error, ToggleVariables, ToggleContext>({
    mutationKey: toggleMutationKey(id),
    scope: { id: `toggle-${id}` },
    mutationFn: ({ id, isActive }) => updateSubscription(id, { is_active: isActive }),
    onMutate: async ({ id, isActive }) => {
      const previous = cachedSubscription(queryClient, id);
      const show = () => {
        const current = cachedSubscription(queryClient, id);
        if (current) replaceInCaches(queryClient, { ...current, is_active: isActive });
      };
      // Shown before anything is awaited, so the switch moves in the next frame.
      show();
      // A list refetch in flight would bring back the old state: cancel it (which restores the
      // pre-fetch data), then show the new state again.
      await queryClient.cancelQueries({ queryKey: subscriptionQueries.lists() });
      show();
      return { previous };
    },
    onSuccess: (subscription) => {
      if (!othersInFlight(subscription.id)) replaceInCaches(queryClient, subscription);
    },
    onError: (_error, { id }, context) => {
      if (context?.previous && !othersInFlight(id)) {
        const current = cachedSubscription(queryClient, id);
        if (current) replaceInCaches(queryClient, { ...current, is_active: context.previous.is_active });
        void queryClient.invalidateQueries({ queryKey: subscriptionQueries.lists() });
      }
    },
  });
}

