import { useQueryClient } from '@tanstack/react-query';
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
import { toast } from '@/components/ui/toaster';
import { sentence } from '@/lib/text';
import { cachedSubscription } from '../api/cache';
import { useDeleteSubscription } from '../api/use-subscription-mutations';
import { subscriptionQueries } from '../api/subscriptions';

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
  const queryClient = useQueryClient();
  const remove = useDeleteSubscription();
  // isPending renders a tick late: a double click would send two DELETEs without this.
  const sending = useRef(false);
  const url =
    queryClient.getQueryData(subscriptionQueries.detail(id).queryKey)?.target_url ??
    cachedSubscription(queryClient, id)?.target_url ??
    id;

  return (
    <AlertDialog open onOpenChange={(open) => !open && !remove.isPending && onCancel()}>
      <AlertDialogContent>
        <AlertDialogTitle>Delete this subscription?</AlertDialogTitle>
        <AlertDialogDescription>
          <span className="font-mono break-all">{url}</span> will stop receiving events at once. Its signing secret is
          gone for good; this cannot be undone.
        </AlertDialogDescription>
        {remove.isError && (
          <p role="alert" className="shrink-0 text-sm [overflow-wrap:anywhere] text-red-700 dark:text-red-400">
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
                onSuccess: () => {
                  toast.success(`Deleted ${url}`);
                  onDeleted();
                },
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
