import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { noticesMeta, type MutationNotices } from '@/lib/query-client';
import { withRateLimitRetry } from '@/lib/rate-limit';
import { forgetHistory, listedSubscription, replaceInCaches } from './cache';
import type { Subscription } from '@contract/schemas';
import { updateSubscription } from './fetchers';
import { apiOf, servicesOf } from '@/lib/services';
import { mutationKeys, subscriptionKeys } from './keys';

export interface ToggleVariables {
  id: string;
  /** For the toasts: they name the subscription. */
  targetUrl: string;
  isActive: boolean;
}

interface ToggleContext {
  previous: Subscription | undefined;
}

/**
 * Switches `is_active` with `PUT { is_active }` only, shown at once (optimistic).
 *
 * Toggles of one subscription run one after another (a mutation scope per id), so the server
 * sees the clicks in order. Only the last toggle in flight writes the server's answer and shows
 * a toast; on a failure the row goes back to its state before that click and, when nothing else
 * is in flight, the list is fetched again so it shows what the server has.
 *
 * The notices are the mutation's meta, shown by the query client's one subscriber (not the
 * caller's callbacks): they must appear even when the row is gone from the view by then
 * (filtered out by its new status, or scrolled away). A failed
 * toggle stays in the mutation cache (its row shows the error with Retry, useToggleStatus) until
 * dismissed or until a later toggle of the same subscription succeeds.
 */

/** Takes every finished toggle of one subscription out of the cache (the one finishing now included). */
function forgetSettledToggles(queryClient: QueryClient, id: string): void {
  const cache = queryClient.getMutationCache();
  for (const mutation of cache.findAll({ mutationKey: mutationKeys.toggle(id), exact: true })) {
    if (mutation.state.status !== 'pending') cache.remove(mutation);
  }
}

/** `notices`: what to say instead of the default (the meta's success and error notices). */
export function useToggleActive(id: string, notices?: MutationNotices<Subscription, ToggleVariables>) {
  const queryClient = useQueryClient();
  const othersInFlight = () => queryClient.isMutating({ mutationKey: mutationKeys.toggle(id) }) > 1;
  // Undo starts a new toggle from inside a callback of this one.
  const mutateRef = useRef<(variables: ToggleVariables) => void>(undefined);

  const mutation = useMutation<Subscription, Error, ToggleVariables, ToggleContext>({
    mutationKey: mutationKeys.toggle(id),
    scope: { id: `toggle-${id}` },
    gcTime: Infinity,
    mutationFn: ({ isActive }, { client }) =>
      withRateLimitRetry(() => updateSubscription(apiOf(client), id, { is_active: isActive })),
    onMutate: async ({ isActive }) => {
      const previous = listedSubscription(queryClient, id);
      const show = () => {
        const current = listedSubscription(queryClient, id);
        if (current) replaceInCaches(queryClient, { ...current, is_active: isActive });
      };
      // Shown before anything is awaited, so the switch moves in the next frame.
      show();
      // A list refetch in flight would bring back the old state: cancel it (which restores the
      // pre-fetch data), then show the new state again.
      await queryClient.cancelQueries({ queryKey: subscriptionKeys.lists() });
      show();
      return { previous };
    },
    meta: noticesMeta<Subscription, ToggleVariables>({
      success: (subscription, { targetUrl }) => {
        if (othersInFlight()) return undefined;
        // One notice per subscription, replaced by each new toggle: say every field, or the last one's stay.
        if (subscription.is_active)
          return {
            kind: 'success',
            id: `toggle-${id}`,
            message: `Turned on ${targetUrl}`,
            description: undefined,
            action: undefined,
          };
        return {
          kind: 'info',
          id: `toggle-${id}`,
          message: `Turned off ${targetUrl}`,
          description: 'It receives no events until it is turned on again.',
          action: {
            label: 'Undo',
            onClick: (event) => {
              // Keep this notice until the undo's own ("Turned on …") replaces it.
              event.preventDefault();
              mutateRef.current?.({ id, targetUrl, isActive: true });
            },
          },
        };
      },
      // A failure is the row's to say (its Attention cell, with Retry): no toast over the table
      // repeats it; the notice of the toggle it undid goes (below).
      error: () => undefined,
      ...notices,
    }),
    onSuccess: (subscription) => {
      if (othersInFlight()) return;
      replaceInCaches(queryClient, subscription);
      // Fixed: earlier failures of this subscription's toggle are no longer its row's state.
      forgetSettledToggles(queryClient, id);
      void forgetHistory(queryClient, id);
    },
    onError: (_error, _variables, context) => {
      if (othersInFlight()) return;
      servicesOf(queryClient).notifier.dismiss(`toggle-${id}`);
      const current = listedSubscription(queryClient, id);
      if (context?.previous && current)
        replaceInCaches(queryClient, { ...current, is_active: context.previous.is_active });
      void queryClient.invalidateQueries({ queryKey: subscriptionKeys.lists() });
    },
  });
  const { mutate } = mutation;
  useEffect(() => {
    mutateRef.current = mutate;
  }, [mutate]);
  return mutation;
}
