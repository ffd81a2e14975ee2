import { useQueryClient } from '@tanstack/react-query';
import type { BatchSummary } from '@contract/console';
import { Button } from '@/components/ui/button';
import { jobControls, useJobControl } from '@/lib/jobs';
import { useWriteAccess } from '@/lib/session';
import { activityQueries } from '../api/activity';

/**
 * A bulk job's controls in Activity (Stop, Resume, Leave, Retry failed, Undo), the same ones the
 * bulk bar offers, for a job whose bar is gone (another tab, another day, after a restart).
 * Undo starts a new job; the subscriptions page shows it. Nothing for a viewer.
 */
export function JobControls({ jobId, label, summary }: { jobId: string; label: string; summary: BatchSummary }) {
  const queryClient = useQueryClient();
  const access = useWriteAccess();
  const control = useJobControl({
    onDone: () => void queryClient.invalidateQueries({ queryKey: activityQueries.all() }),
  });
  const choices = access.canWrite ? jobControls(summary) : [];
  if (choices.length === 0) return null;
  return (
    <div className="mt-1 flex flex-wrap gap-2" role="group" aria-label={`Controls of ${label}`}>
      {choices.map((choice) => (
        <Button
          key={choice.control}
          size="xs"
          variant={choice.danger ? 'ghost-danger' : 'secondary'}
          aria-label={`${choice.text}: ${label}`}
          aria-disabled={control.isPending || undefined}
          onClick={() => {
            if (!control.isPending) control.mutate({ id: jobId, label, control: choice.control });
          }}
        >
          {choice.text}
        </Button>
      ))}
    </div>
  );
}
