import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreatedSubscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet';
import { useWriteAccess } from '@/lib/session';
import type { DrawerState } from '../model/use-subscriptions-view';
import { DeleteSubscriptionDialog } from './delete-subscription-dialog';
import { DiscardChangesDialog } from './discard-changes-dialog';
import { DrawerBody } from './drawer-body';
import { DrawerSummary } from './drawer-summary';
import { SecretPanel } from './secret-panel';
import { useDrawerFocusReturn } from './use-drawer-focus-return';

/**
 * The edit and create drawer (loaded on demand): asks before discarding unsaved changes, and
 * after a create shows the signing secret until acknowledged.
 */

export interface SubscriptionDrawerProps {
  state: DrawerState;
  onClose: () => void;
  /** Opens another subscription in the drawer (the one that has a URL already in use). */
  onOpen: (id: string) => void;
  /** A new subscription from this one. */
  onDuplicate: (id: string) => void;
}

/**
 * Mounted (loaded) from the start and empty while closed: a lazy component that first mounts on
 * a click waits out React's Suspense reveal throttle (about 300 ms) before it shows.
 */
export default function SubscriptionDrawer({ state, ...props }: SubscriptionDrawerProps) {
  if (!state) return null;
  // A new drawer (another subscription, or create) starts from nothing.
  const key = state.kind === 'edit' ? `edit-${state.id}` : `create-${state.from ?? ''}`;
  return <OpenDrawer key={key} state={state} {...props} />;
}

function OpenDrawer({
  state,
  onClose,
  onOpen,
  onDuplicate,
}: Omit<SubscriptionDrawerProps, 'state'> & { state: Exclude<DrawerState, null> }) {
  const editId = state.kind === 'edit' ? state.id : undefined;
  const { canWrite } = useWriteAccess();
  useDrawerFocusReturn(editId);
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

  // What to do once unsaved changes are discarded (or at once, when there are none).
  const [leaving, setLeaving] = useState<() => void>();
  const requestLeave = (leave: () => void) => {
    // The secret panel closes only through its acknowledgement.
    if (created) return;
    if (dirtyRef.current) {
      setLeaving(() => leave);
      setConfirmingDiscard(true);
    } else leave();
  };
  const requestClose = () => requestLeave(onClose);

  const title = drawerTitle({ created: created !== undefined, editId, canWrite, state });

  return (
    <Sheet open onOpenChange={(open) => !open && requestClose()}>
      <SheetContent
        aria-describedby={undefined}
        onOpenAutoFocus={(event) => {
          if (!editId) focusTargetUrl(event);
        }}
        onEscapeKeyDown={(event) => {
          if (created) event.preventDefault();
        }}
        onInteractOutside={(event) => {
          if (created) event.preventDefault();
        }}
      >
        <div className="flex items-start justify-between gap-4 border-b border-line px-6 py-4">
          <div className="min-w-0">
            <SheetTitle>{title}</SheetTitle>
            {editId && !created && <DrawerSummary id={editId} />}
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
            id={editId}
            from={state.kind === 'create' ? state.from : undefined}
            onOpenExisting={(id) => requestLeave(() => onOpen(id))}
            onDuplicate={() => editId && requestLeave(() => onDuplicate(editId))}
            onDirtyChange={onDirtyChange}
            onSaved={onClose}
            onCreated={setCreated}
            onCancel={requestClose}
            onDelete={() => setDeleting(true)}
          />
        )}

        <DiscardChangesDialog
          open={confirmingDiscard}
          onKeepEditing={() => setConfirmingDiscard(false)}
          onDiscard={() => {
            setConfirmingDiscard(false);
            (leaving ?? onClose)();
          }}
        />

        {editId && deleting && (
          <DeleteSubscriptionDialog id={editId} onCancel={() => setDeleting(false)} onDeleted={onClose} />
        )}
      </SheetContent>
    </Sheet>
  );
}

function drawerTitle({
  created,
  editId,
  canWrite,
  state,
}: {
  created: boolean;
  editId: string | undefined;
  canWrite: boolean;
  state: Exclude<DrawerState, null>;
}): string {
  if (created) return 'Subscription created';
  if (editId) return canWrite ? 'Edit subscription' : 'Subscription details';
  return state.kind === 'create' && state.from ? 'Duplicate subscription' : 'New subscription';
}

/** New and Duplicate start at the URL, the field each needs first (an edit starts at Close). */
function focusTargetUrl(event: Event): void {
  const url = (event.target as HTMLElement | null)?.querySelector<HTMLInputElement>('input[type="url"]');
  if (!url) return;
  event.preventDefault();
  url.focus();
}
