import { useQueryClient } from '@tanstack/react-query';
import type { Subscription } from '@contract/schemas';
import { cachedSubscription } from './cache';

/** The subscription as the caches hold it now (no request): for naming it in a dialog. */
export function useKnownSubscription(id: string): Subscription | undefined {
  return cachedSubscription(useQueryClient(), id);
}
