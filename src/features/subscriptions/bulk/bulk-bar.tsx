import { useMemo, useState } from 'react';
import type { Subscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import type { WriteAccess } from '@/lib/session';
import { useBulkRun } from './use-bulk-run';
import { planUndo, type BulkPlan } from '@contract/bulk';
import { useBulkJob, useBulkStore, type BulkJob } from './bulk-store';
import type { Selection } from './use-selection';
import { BulkDialog, type BulkChoice } from './bulk-dialog';
import { BulkJobPanel } from './bulk-job-panel';

/**
 * The bar at the bottom of the page that appears with a selection (loaded on demand): the
 * count, "Select all N matching", the bulk actions, and then the job's progress and summary.
 */

const ACTIONS: { choice: BulkChoice; label: string; danger?: boolean }[] = [
  { choice: 'turn-on', label: 'Turn on' },
  { choice: 'turn-off', label: 'Turn off' },
  { choice: 'add-events', label: 'Add event types…' },
  { choice: 'remove-events', label: 'Remove event types…' },
  { choice: 'delete', label: 'Delete…', danger: true },
];

export default function BulkBar({
  subscriptions,
  selection,
  matching,
  catalog,
  access,
}: {
  access: WriteAccess;
  subscriptions: readonly Subscription[];
  selection: Selection;
  /** The ids the current view shows (search and filters), in order. */
  matching: readonly string[];
  catalog: readonly string[];
}) {
  const job = useBulkJob();
  const run = useBulkRun();
  const [choice, setChoice] = useState<BulkChoice>();
  // Nothing to look up without a selection: the bar is mounted with the page, and the list changes on every toggle.
  const selected = useMemo(() => {
    if (selection.selected.size === 0) return [];
    const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
    return [...selection.selected].flatMap((id) => byId.get(id) ?? []);
  }, [selection.selected, subscriptions]);
  const unselectedMatching =
    selection.selected.size === 0 ? 0 : matching.filter((id) => !selection.selected.has(id)).length;

  const confirm = (label: string, plan: BulkPlan) => {
    setChoice(undefined);
    run({ batchId: crypto.randomUUID(), label, kind: 'action', plan, writes: plan.writes });
  };

  if (!job && selection.selected.size === 0) return null;
  const content = job ? (
    <RunningJob job={job} run={run} />
  ) : (
    <SelectionActions
      selectedCount={selected.length}
      matching={matching}
      unselectedMatching={unselectedMatching}
      selection={selection}
      access={access}
      onChoose={setChoice}
    />
  );

  return (
    <div
      role="region"
      aria-label="Selection and bulk actions"
      className="fixed inset-x-0 bottom-0 z-20 border-t border-line bg-surface px-4 py-3 shadow-[0_-4px_12px_rgb(0_0_0/0.08)] sm:px-6"
    >
      <div className="mx-auto max-w-[1400px]">{content}</div>
      {choice && !job && (
        <BulkDialog
          choice={choice}
          subscriptions={selected}
          catalog={catalog}
          onConfirm={confirm}
          onCancel={() => setChoice(undefined)}
        />
      )}
    </div>
  );
}

/** A job's progress and summary, with Retry of the failed items and Undo of the done ones. */
function RunningJob({ job, run }: { job: BulkJob; run: ReturnType<typeof useBulkRun> }) {
  const bulkStore = useBulkStore();
  const running = job.progress.status === 'running' || job.progress.status === 'stopping';
  const failedIds = running ? [] : job.writes.filter((write) => bulkStore.getItem(write.id)?.status === 'failed');
  const undo = job.kind === 'undo' ? [] : planUndo(job.plan, job.doneIds);
  return (
    <BulkJobPanel
      job={job}
      failures={failedIds.map((write) => ({
        url: write.targetUrl,
        message: bulkStore.getItem(write.id)?.message ?? '',
      }))}
      onRetryFailed={() =>
        run({
          batchId: job.batchId,
          label: job.label,
          kind: 'retry',
          plan: job.plan,
          writes: failedIds,
          doneIds: job.doneIds,
        })
      }
      onUndo={
        undo.length > 0
          ? () =>
              run({
                batchId: crypto.randomUUID(),
                label: job.label,
                kind: 'undo',
                plan: { ...job.plan, writes: undo },
                writes: undo,
              })
          : undefined
      }
      onClose={() => bulkStore.clear()}
    />
  );
}

/** The selection's count, "Select all N matching", Clear, and the actions (disabled for a viewer, with why). */
function SelectionActions({
  selectedCount,
  matching,
  unselectedMatching,
  selection,
  access,
  onChoose,
}: {
  selectedCount: number;
  matching: readonly string[];
  unselectedMatching: number;
  selection: Selection;
  access: WriteAccess;
  onChoose: (choice: BulkChoice) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p className="mr-2 font-medium text-fg" aria-live="polite">
        {formatCount(selectedCount)} selected
      </p>
      {unselectedMatching > 0 && (
        <Button size="sm" variant="ghost" onClick={() => selection.setMany(matching, true)}>
          Select all {formatCount(matching.length)} matching
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={selection.clear}>
        Clear selection
      </Button>
      {access.reason && <p className="text-sm text-fg-muted">{access.reason}</p>}
      <div className="ml-auto flex flex-wrap gap-2" role="group" aria-label="Bulk actions on the selection">
        {ACTIONS.map((action) => (
          <Button
            key={action.choice}
            size="sm"
            variant={action.danger ? 'ghost-danger' : 'secondary'}
            disabled={selectedCount === 0 || !access.canWrite}
            onClick={() => onChoose(action.choice)}
          >
            {action.label}
          </Button>
        ))}
      </div>
    </div>
  );
}
