import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ActivityEntry } from '@contract/console';
import type { Subscription } from '@contract/schemas';
import { ChangeList } from '@/components/change-list';
import { JournalEntry } from '@/components/journal-entry';
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
import { subscriptionChanges, versionAfter, versionBefore } from '@/lib/journal-diff';
import { sentence } from '@/lib/text';
import { formatAbsoluteTime } from '@/lib/time';
import { historyQueries } from '../api/queries';
import { useRestoreVersion } from './use-restore-version';

/**
 * The drawer's History: this subscription's journal entries, newest first, each version with
 * "Restore this version" (asked first, with what it changes; written back and journaled as a restore).
 */
export function SubscriptionHistory({
  subscription,
  canRestore,
  unsaved,
  onRestored,
}: {
  subscription: Subscription;
  canRestore: boolean;
  /** The form holds edits that a restore would discard. */
  unsaved: boolean;
  onRestored: (restored: Subscription) => void;
}) {
  const headingId = useId();
  const history = useQuery(historyQueries.of(subscription.id));
  const restore = useRestoreVersion();
  /** `before`: the state before the entry's change (the oldest entry's: before the console's first change). */
  const [asking, setAsking] = useState<Asking>();
  // A label change carries no URL: it is this subscription's.
  const entries = (history.data?.entries ?? []).map((entry) =>
    entry.target_url === null ? { ...entry, target_url: subscription.target_url } : entry,
  );
  // The whole history is here (no page after it): its oldest change says what came before the console.
  const oldest = history.data?.next_cursor === null ? entries.at(-1) : undefined;
  const original = oldest && versionBefore(oldest);
  const originalDiffers = original !== undefined && subscriptionChanges(subscription, original).length > 0;

  const confirm = () => {
    if (!asking) return;
    restore.mutate(
      { version: asking.version, entryId: asking.entry.id, at: asking.entry.at },
      {
        onSuccess: (restored) => {
          setAsking(undefined);
          onRestored(restored);
        },
      },
    );
  };

  return (
    <section aria-labelledby={headingId} data-section="history" className="space-y-3">
      <h3 id={headingId} className="text-sm font-medium text-fg">
        History
      </h3>
      {history.isPending ? (
        <p className="text-sm text-fg-muted">Loading the history…</p>
      ) : history.isError ? (
        <p className="text-sm text-fg-muted">The history could not be loaded: {sentence(history.error.message)}</p>
      ) : entries.length === 0 ? (
        <p className="text-sm text-fg-muted">No change to it has been made through this console yet.</p>
      ) : (
        <ol className="space-y-4">
          {entries.map((entry) => {
            const version = versionAfter(entry);
            const differs = version && subscriptionChanges(subscription, version).length > 0;
            return (
              <li key={entry.id}>
                <JournalEntry
                  entry={entry}
                  actions={
                    canRestore && version && differs ? (
                      <Button
                        size="xs"
                        aria-label={`Restore ${subscription.target_url} to the version of ${formatAbsoluteTime(entry.at)}`}
                        onClick={() => setAsking({ entry, version })}
                      >
                        Restore this version
                      </Button>
                    ) : undefined
                  }
                />
              </li>
            );
          })}
          {original && (
            <li className="text-sm text-fg-soft">
              <p>Before the console’s first change, as the journal read it from Linq then.</p>
              {canRestore && originalDiffers && oldest && (
                <Button
                  size="xs"
                  className="mt-1"
                  aria-label={`Restore ${subscription.target_url} to how it was before the console’s first change`}
                  onClick={() => setAsking({ entry: oldest, version: original, before: true })}
                >
                  Restore the state before
                </Button>
              )}
            </li>
          )}
        </ol>
      )}

      {asking && (
        <RestoreDialog
          subscription={subscription}
          asking={asking}
          unsaved={unsaved}
          restore={restore}
          onCancel={() => setAsking(undefined)}
          onConfirm={confirm}
        />
      )}
    </section>
  );
}

type Asking = { entry: ActivityEntry; version: Subscription; before?: boolean };

/** "Restore this version?", with what it changes; the restore's failure is said in it. */
function RestoreDialog({
  subscription,
  asking,
  unsaved,
  restore,
  onCancel,
  onConfirm,
}: {
  subscription: Subscription;
  asking: Asking;
  unsaved: boolean;
  restore: ReturnType<typeof useRestoreVersion>;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog open onOpenChange={(open) => !open && !restore.isPending && onCancel()}>
      <AlertDialogContent>
        <AlertDialogTitle>Restore this version?</AlertDialogTitle>
        <AlertDialogDescription asChild>
          <div className="space-y-2">
            <p>
              {subscription.target_url} goes back to how it was {asking.before ? 'before' : 'after'} the change of{' '}
              {formatAbsoluteTime(asking.entry.at)} by {asking.entry.actor}:
            </p>
            <ChangeList changes={subscriptionChanges(subscription, asking.version)} />
            {unsaved && <p className="font-medium">Your unsaved edits in this form are discarded.</p>}
          </div>
        </AlertDialogDescription>
        {restore.isError && (
          <p role="alert" className="text-sm text-danger-fg">
            Not restored: {sentence(restore.error.message)}
          </p>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={restore.isPending}>Cancel</AlertDialogCancel>
          <AlertDialogConfirm aria-disabled={restore.isPending || undefined} onClick={onConfirm}>
            {restore.isPending ? 'Restoring…' : 'Restore this version'}
          </AlertDialogConfirm>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
