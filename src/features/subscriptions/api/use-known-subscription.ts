import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Subscription } from '@contract/schemas';
import { cachedSubscription } from './cache';

/** The subscription as the caches hold it now (no request): for naming it in a dialog. */
export function useKnownSubscription(id: string): Subscription | undefined {
  return cachedSubscription(useQueryClient(), id);
}

/**
 * Subscription URLs as the caches hold them now (no request): for a journal entry that does
 * not carry one (a label change), so the Activity view names the URL, not the id.
 */
export function useKnownUrlOf(): (id: string) => string | undefined {
  const queryClient = useQueryClient();
  return useCallback((id: string) => cachedSubscription(queryClient, id)?.target_url, [queryClient]);
}
