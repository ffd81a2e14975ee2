import { useRef } from 'react';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { sentence } from '@/lib/text';
import { useDeleteSubscription } from '../api/use-subscription-mutations';
import { useKnownSubscription } from '../api/use-known-subscription';

/** Confirms a delete by naming the URL; a subscription already deleted elsewhere counts as deleted. */
export function DeleteSubscriptionDialog({
  id,
  onCancel,
  onDeleted,
}: {
  id: string;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const url = useKnownSubscription(id)?.target_url ?? id;
  const remove = useDeleteSubscription({ success: () => ({ kind: 'success', message: `Deleted ${url}` }) });
  // isPending renders a tick late: a double click would send two DELETEs without this.
  const sending = useRef(false);

  return (
    <AlertDialog open onOpenChange={(open) => !open && !remove.isPending && onCancel()}>
      <AlertDialogContent>
        <AlertDialogTitle>Delete this subscription?</AlertDialogTitle>
        <AlertDialogDescription>
          <span className="font-mono break-all">{url}</span> will stop receiving events at once. Its signing secret is
          gone for good; this cannot be undone.
        </AlertDialogDescription>
        {remove.isError && (
          <p role="alert" className="shrink-0 text-sm [overflow-wrap:anywhere] text-danger-fg">
            Not deleted: {sentence(remove.error.message)}
          </p>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={remove.isPending}>Cancel</AlertDialogCancel>
          {/* aria-disabled, not disabled, while deleting: a disabled button would drop the focus to the page. */}
          <AlertDialogConfirm
            aria-disabled={remove.isPending || undefined}
            onClick={() => {
              if (sending.current) return;
              sending.current = true;
              remove.mutate(id, {
                onSettled: () => {
                  sending.current = false;
                },
                onSuccess: onDeleted,
              });
            }}
          >
            {remove.isPending ? 'Deleting…' : 'Delete subscription'}
          </AlertDialogConfirm>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
