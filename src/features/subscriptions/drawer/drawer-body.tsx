import { useQuery } from '@tanstack/react-query';
import type { CreatedSubscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError } from '@/lib/api-client';
import { catalogQueries, phoneNumberQueries, subscriptionQueries } from '../api/queries';
import { useLabels } from '../api/use-labels';
import { SubscriptionForm } from '../form/subscription-form';

/**
 * Loads what the form needs (the subscription fresh from the server, the catalog, the account's
 * lines) and hands it to the form once, as its defaults; until then a skeleton, on failure a way on.
 */

export interface DrawerBodyProps {
  /** The subscription to edit; undefined to create one. */
  id: string | undefined;
  /** Creating from this subscription (Duplicate). */
  from?: string | undefined;
  onOpenExisting: (id: string) => void;
  onDuplicate: () => void;
  onDirtyChange: (dirty: boolean) => void;
  onSaved: () => void;
  onCreated: (created: CreatedSubscription) => void;
  onCancel: () => void;
  onDelete: () => void;
}

export function DrawerBody({ id, from, onDelete, onDuplicate, ...handlers }: DrawerBodyProps) {
  // Fresh from the server on every opening (staleTime 0), in parallel with the catalog and lines;
  // a duplicate loads the subscription it starts from.
  const source = id ?? from;
  const detail = useQuery({ ...subscriptionQueries.detail(source ?? ''), enabled: source !== undefined });
  const catalog = useQuery(catalogQueries.list());
  const lines = useQuery(phoneNumberQueries.list());
  const labels = useLabels();

  // Only a first load that failed replaces the form; a failed refetch (the save's conflict check) keeps what was typed.
  const detailFailed = source !== undefined && detail.isError && detail.data === undefined;
  const catalogFailed = catalog.isError && catalog.data === undefined;
  if (detailFailed && detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <div role="alert" className="space-y-3 px-6 py-8 text-sm">
        <p className="font-semibold text-fg">This subscription no longer exists.</p>
        <p className="text-fg-soft">It was deleted elsewhere, and it is gone from the list.</p>
        <Button variant="primary" onClick={handlers.onCancel}>
          Close
        </Button>
      </div>
    );
  }
  if (detailFailed || catalogFailed) {
    return (
      <div role="alert" className="space-y-3 px-6 py-8 text-sm">
        <p className="font-semibold text-fg">
          {detailFailed ? 'Could not load this subscription.' : 'Could not load the event types.'}
        </p>
        <p className="text-fg-soft">{(detailFailed ? detail.error : catalog.error)?.message}</p>
        <Button
          variant="primary"
          onClick={() => {
            if (detail.isError) void detail.refetch();
            if (catalog.isError) void catalog.refetch();
          }}
        >
          Retry
        </Button>
      </div>
    );
  }
  // The form takes its data once, as defaultValues: wait for the fresh copy (not a cached one).
  const loading =
    (source !== undefined && (detail.isPending || (detail.isFetching && !detail.isFetchedAfterMount))) ||
    catalog.isPending;
  if (loading) {
    return (
      <div role="status" aria-label="Loading the subscription" className="space-y-4 px-6 py-6">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-9 w-2/3" />
      </div>
    );
  }
  const subscription = id !== undefined ? detail.data : undefined;
  return (
    <SubscriptionForm
      key={subscription?.id ?? `new-${from ?? ''}`}
      subscription={subscription}
      template={from !== undefined ? detail.data : undefined}
      label={id !== undefined ? labels.get(id) : undefined}
      onDuplicate={id !== undefined ? onDuplicate : undefined}
      catalog={catalog.data?.events ?? []}
      lines={lines.data}
      onDelete={id !== undefined ? onDelete : undefined}
      {...handlers}
    />
  );
}
