import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetDescription, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError } from '@/lib/api-client';
import type { CreatedSubscription, Subscription } from '@contract/schemas';
import { catalogQueries, phoneNumberQueries, subscriptionQueries } from '../api/subscriptions';
import { DeleteSubscriptionDialog } from './delete-subscription-dialog';
import { SecretPanel } from './secret-panel';
import { SubscriptionForm } from './subscription-form';
import type { DrawerState } from './subscription-drawer-state';

/**
 * The edit and create drawer (loaded on demand). It loads the subscription fresh, asks before
 * discarding unsaved changes, and after a create shows the signing secret until acknowledged.
 */

export interface SubscriptionDrawerProps {
  state: Exclude<DrawerState, null>;
  onClose: () => void;
}

const editButtonOf = (id: string | null | undefined) =>
  id ? document.querySelector<HTMLElement>(`tr[data-subscription-id="${CSS.escape(id)}"] [data-edit-button]`) : null;

/**
 * Where focus goes when the drawer closes: the control that opened it, else the row's Edit
 * button (a row opened by a click), else the Edit button of the row below or above it (the row
 * was deleted: the operator stays at their place in the list), else "New subscription".
 */
function restoreFocus(
  opener: HTMLElement | null,
  editId: string | undefined,
  neighbours: readonly (string | null)[],
): void {
  const candidates = [
    opener,
    editButtonOf(editId),
    ...neighbours.map(editButtonOf),
    document.querySelector<HTMLElement>('[data-new-subscription]'),
  ];
  candidates.find((element) => element?.isConnected)?.focus();
}

/** The ids of the rows below and above a subscription's row, if it is rendered. */
function neighbourIds(editId: string | undefined): (string | null)[] {
  const row = editId ? document.querySelector(`tr[data-subscription-id="${CSS.escape(editId)}"]`) : null;
  return [row?.nextElementSibling, row?.previousElementSibling].map(
    (element) => element?.getAttribute('data-subscription-id') ?? null,
  );
}

export default function SubscriptionDrawer({ state, onClose }: SubscriptionDrawerProps) {
  const editId = state.kind === 'edit' ? state.id : undefined;
  // The drawer unmounts on close (so Radix never sees a trigger to return to): restore focus here.
  const openerRef = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const active = document.activeElement;
    openerRef.current = active instanceof HTMLElement && active !== document.body ? active : null;
    const neighbours = neighbourIds(editId);
    return () => {
      const opener = openerRef.current;
      setTimeout(() => restoreFocus(opener, editId, neighbours), 0);
    };
  }, [editId]);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [created, setCreated] = useState<CreatedSubscription>();
  const dirtyRef = useRef(false);
  const onDirtyChange = useCallback((next: boolean) => {
    dirtyRef.current = next;
  }, []);

  // A reload, Back or closed tab would lose the secret (shown only once) or unsaved changes: the browser asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (created || dirtyRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [created]);

  const requestClose = () => {
    // The secret panel closes only through its acknowledgement.
    if (created) return;
    if (dirtyRef.current) setConfirmingDiscard(true);
    else onClose();
  };

  const title = created ? 'Subscription created' : state.kind === 'create' ? 'New subscription' : 'Edit subscription';

  return (
    <Sheet open onOpenChange={(open) => !open && requestClose()}>
      <SheetContent
        aria-describedby={undefined}
        onEscapeKeyDown={(event) => {
          if (created) event.preventDefault();
        }}
        onInteractOutside={(event) => {
          if (created) event.preventDefault();
        }}
      >
        <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
          <div className="min-w-0">
            <SheetTitle>{title}</SheetTitle>
            {state.kind === 'edit' && !created && <EditDescription id={state.id} />}
          </div>
          {!created && (
            <Button variant="ghost" size="icon" aria-label="Close" onClick={requestClose}>
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
              </svg>
            </Button>
          )}
        </div>

        {created ? (
          <SecretPanel created={created} onDone={onClose} />
        ) : (
          <DrawerBody
            state={state}
            onDirtyChange={onDirtyChange}
            onSaved={onClose}
            onCreated={setCreated}
            onCancel={requestClose}
            onDelete={() => setDeleting(true)}
          />
        )}

        <AlertDialog open={confirmingDiscard} onOpenChange={setConfirmingDiscard}>
          <AlertDialogContent>
            <AlertDialogTitle>Discard unsaved changes?</AlertDialogTitle>
            <AlertDialogDescription>
              Your changes to this subscription have not been saved. Closing loses them.
            </AlertDialogDescription>
            <AlertDialogFooter>
              <AlertDialogCancel>Keep editing</AlertDialogCancel>
              <AlertDialogConfirm
                onClick={() => {
                  setConfirmingDiscard(false);
                  onClose();
                }}
              >
                Discard changes
              </AlertDialogConfirm>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>

        {state.kind === 'edit' && deleting && (
          <DeleteSubscriptionDialog id={state.id} onCancel={() => setDeleting(false)} onDeleted={onClose} />
        )}
      </SheetContent>
    </Sheet>
  );
}

function EditDescription({ id }: { id: string }) {
  const detail = useQuery(subscriptionQueries.detail(id));
  return (
    <SheetDescription className="truncate font-mono" title={detail.data?.target_url}>
      {detail.data?.target_url ?? id}
    </SheetDescription>
  );
}

interface DrawerBodyProps {
  state: Exclude<DrawerState, null>;
  onDirtyChange: (dirty: boolean) => void;
  onSaved: () => void;
  onCreated: (created: CreatedSubscription) => void;
  onCancel: () => void;
  onDelete: () => void;
}

function DrawerBody({ state, ...handlers }: DrawerBodyProps) {
  const id = state.kind === 'edit' ? state.id : undefined;
  // Fresh from the server on every opening (staleTime 0), in parallel with the catalog and lines.
  const detail = useQuery({ ...subscriptionQueries.detail(id ?? ''), enabled: id !== undefined });
  const catalog = useQuery(catalogQueries.list());
  const lines = useQuery(phoneNumberQueries.list());

  // Only a first load that failed replaces the form; a failed refetch (the save's conflict check) keeps what was typed.
  const failed =
    (id !== undefined && detail.isError && detail.data === undefined) ||
    (catalog.isError && catalog.data === undefined);
  if (failed && id !== undefined && detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <div role="alert" className="space-y-3 px-6 py-8 text-sm">
        <p className="font-semibold text-zinc-900 dark:text-zinc-50">This subscription no longer exists.</p>
        <p className="text-zinc-700 dark:text-zinc-300">It was deleted elsewhere, and it is gone from the list.</p>
        <Button variant="primary" onClick={handlers.onCancel}>
          Close
        </Button>
      </div>
    );
  }
  if (failed) {
    const error = (id !== undefined && detail.error) || catalog.error;
    return (
      <div role="alert" className="space-y-3 px-6 py-8 text-sm">
        <p className="font-semibold text-zinc-900 dark:text-zinc-50">
          {id !== undefined && detail.isError ? 'Could not load this subscription.' : 'Could not load the event types.'}
        </p>
        <p className="text-zinc-700 dark:text-zinc-300">{error?.message}</p>
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
    (id !== undefined && (detail.isPending || (detail.isFetching && !detail.isFetchedAfterMount))) || catalog.isPending;
  if (loading) {
    return (
      <div role="status" aria-label="Loading the subscription" className="space-y-4 px-6 py-6">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-9 w-2/3" />
      </div>
    );
  }
  const subscription: Subscription | undefined = id !== undefined ? detail.data : undefined;
  return (
    <SubscriptionForm
      key={subscription?.id ?? 'new'}
      subscription={subscription}
      catalog={catalog.data?.events ?? []}
      lines={lines.data}
      onDirtyChange={handlers.onDirtyChange}
      onSaved={handlers.onSaved}
      onCreated={handlers.onCreated}
      onCancel={handlers.onCancel}
      onDelete={id !== undefined ? handlers.onDelete : undefined}
    />
  );
}
