import { useMutation, useQueryClient } from '@tanstack/react-query';
import { JOURNAL_HEADERS } from '@contract/console';
import type { Subscription } from '@contract/schemas';
import { noticesMeta } from '@/lib/query-client';
import { withRateLimitRetry } from '@/lib/rate-limit';
import { formatAbsoluteTime } from '@/lib/time';
import { forgetHistory, replaceInCaches } from '../api/cache';
import { updateSubscription } from '../api/fetchers';
import { apiOf } from '@/lib/services';

export interface RestoreVariables {
  version: Subscription;
  /** The journal entry whose version it is, and when that was (for the notice). */
  entryId: string;
  at: string;
}

/**
 * Writes an earlier version back (the History's "Restore this version"): its URL, event types,
 * phone filter and state, as one PUT that the server journals as a restore of that entry.
 */
export function useRestoreVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: noticesMeta<Subscription, RestoreVariables>({
      success: (_restored, { at }) => ({
        kind: 'success',
        message: `Restored the version of ${formatAbsoluteTime(at)}`,
      }),
    }),
    mutationFn: ({ version, entryId }: RestoreVariables, { client }) =>
      withRateLimitRetry(() =>
        updateSubscription(
          apiOf(client),
          version.id,
          {
            target_url: version.target_url,
            subscribed_events: version.subscribed_events,
            phone_numbers: version.phone_numbers ?? [],
            is_active: version.is_active,
          },
          { [JOURNAL_HEADERS.intent]: 'restore', [JOURNAL_HEADERS.restoreOf]: entryId },
        ),
      ),
    onSuccess: (subscription) => {
      replaceInCaches(queryClient, subscription);
      return forgetHistory(queryClient, subscription.id);
    },
  });
}
