import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { LabelBody } from '@contract/console';
import { targetUrlIdentity } from '@contract/rules';
import type { CreatedSubscription, Subscription } from '@contract/schemas';
import { ApiError } from '@/lib/api-client';
import {
  changedFields,
  changedLabel,
  createBody,
  fieldForServerError,
  type FormField,
  type SubscriptionFormValues,
} from './form';
import { listedSubscriptions, removeFromList } from '../api/cache';
import { subscriptionQueries } from '../api/queries';
import { useSaveLabel } from '../api/use-labels';
import { useCreateSubscription, useUpdateSubscription } from '../api/use-subscription-mutations';

/** How one press of Save (or Create) ended; the form says it in words. */
export type SaveOutcome =
  /**
   * `labelError`: the subscription is saved at Linq, but its name and note were not;
   * `inactiveError`: it was asked for inactive, created, and could not be turned off.
   */
  | { kind: 'created'; created: CreatedSubscription; labelError?: string; inactiveError?: string }
  | { kind: 'saved'; labelError?: string }
  /** Changed elsewhere since the form opened: `server` is that version, nothing was written. */
  | { kind: 'conflict'; server: Subscription }
  /** Deleted elsewhere: it is gone from the list too. */
  | { kind: 'gone' }
  /** The server refused a value, and says which field it concerns; a URL in use names who has it. */
  | { kind: 'field-error'; field: FormField; message: string; existingId?: string }
  | { kind: 'error'; message: string };

export interface SaveRequest {
  /** The subscription as the form loaded it; undefined to create one. */
  baseline: Subscription | undefined;
  values: SubscriptionFormValues;
  /** The server's newer version, which the form's values replace ("Overwrite with mine"). */
  overwrite?: Subscription;
  /** The label as the form loaded it; a changed one is saved after the subscription. */
  labelBefore?: LabelBody | undefined;
}

/** The listed subscription with this target URL (the same endpoint by contract/rules.ts), if any. */
function holderOf(listed: Map<string, Subscription>, targetUrl: string, exceptId?: string): string | undefined {
  const key = targetUrlIdentity(targetUrl);
  for (const subscription of listed.values()) {
    if (subscription.id !== exceptId && targetUrlIdentity(subscription.target_url) === key) return subscription.id;
  }
  return undefined;
}

function failed(error: unknown, existingId?: () => string | undefined): SaveOutcome {
  if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
    const field = fieldForServerError(error.status, error.code);
    if (field) {
      const holder = error.status === 409 ? existingId?.() : undefined;
      return { kind: 'field-error', field, message: error.message, ...(holder ? { existingId: holder } : {}) };
    }
  }
  return { kind: 'error', message: error instanceof Error ? error.message : 'The change could not be saved.' };
}

/**
 * The form's save path: create, or check the server's copy for changes made elsewhere and then
 * send only the changed fields; a subscription deleted elsewhere leaves the list.
 */
export function useSaveSubscription(): (request: SaveRequest) => Promise<SaveOutcome> {
  const queryClient = useQueryClient();
  const { mutateAsync: update } = useUpdateSubscription();
  const { mutateAsync: create } = useCreateSubscription();
  const { mutateAsync: saveLabel } = useSaveLabel();
  /** Saves a changed label; its failure is reported beside the saved subscription, not instead of it. */
  const labelFailure = useCallback(
    async (id: string, label: LabelBody | undefined): Promise<string | undefined> => {
      if (!label) return undefined;
      try {
        await saveLabel({ id, body: label });
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : 'The name and note could not be saved.';
      }
    },
    [saveLabel],
  );

  return useCallback(
    async ({ baseline, values, overwrite, labelBefore }) => {
      const holder = () => holderOf(listedSubscriptions(queryClient), values.target_url, baseline?.id);
      const label = changedLabel(labelBefore, values);
      if (!baseline) {
        let created: CreatedSubscription;
        try {
          created = await create(createBody(values));
        } catch (error) {
          return failed(error, holder);
        }
        // Linq creates every subscription active: an inactive one is turned off right after.
        let inactiveError: string | undefined;
        if (!values.is_active) {
          try {
            created = {
              ...(await update({ id: created.id, body: { is_active: false } })),
              signing_secret: created.signing_secret,
            };
          } catch (error) {
            inactiveError = error instanceof Error ? error.message : 'It could not be turned off.';
          }
        }
        const labelError = await labelFailure(created.id, label);
        return {
          kind: 'created',
          created,
          ...(labelError ? { labelError } : {}),
          ...(inactiveError ? { inactiveError } : {}),
        };
      }
      try {
        if (!overwrite) {
          const server = await queryClient.fetchQuery({ ...subscriptionQueries.detail(baseline.id), staleTime: 0 });
          if (server.updated_at !== baseline.updated_at) return { kind: 'conflict', server };
        }
        const body = changedFields(overwrite ?? baseline, values);
        // Overwriting a version that already matches the form (or a label alone): nothing to send to Linq.
        if (Object.keys(body).length > 0) await update({ id: baseline.id, body });
        const labelError = await labelFailure(baseline.id, label);
        return labelError ? { kind: 'saved', labelError } : { kind: 'saved' };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          removeFromList(queryClient, baseline.id);
          return { kind: 'gone' };
        }
        return failed(error, holder);
      }
    },
    [queryClient, update, create, labelFailure],
  );
}
