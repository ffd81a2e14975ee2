import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Subscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import type { WriteAccess } from '@/lib/session';
import { isJobActive } from '@/lib/jobs';
import type { BulkPlan } from '@contract/bulk';
import { useBulkActions } from './use-bulk-job';
import { useBulkJob, useBulkStore, type BulkJob } from './bulk-store';
import type { Selection } from './use-selection';
import { BulkDialog, type BulkChoice } from './bulk-dialog';
import { BulkJobPanel } from './bulk-job-panel';

/**
 * The bar at the bottom of the page that appears with a selection or a bulk job (loaded on
 * demand): the count, "Select all N matching", the bulk actions, and the job the console server
 * runs, with its progress, its summary and its controls.
 */

const ACTIONS: { choice: BulkChoice; label: string; danger?: boolean }[] = [
  { choice: 'turn-on', label: 'Turn on' },
  { choice: 'turn-off', label: 'Turn off' },
  { choice: 'add-events', label: 'Add event types…' },
  { choice: 'remove-events', label: 'Remove event types…' },
  { choice: 'delete', label: 'Delete…', danger: true },
];

/** Removing these event types from the selection, asked by a reason's fix ("Needs attention"); `key` tells two asks apart. */
export interface BulkRequest {
  types: string[];
  key: number;
}

export default function BulkBar({
  subscriptions,
  selection,
  matching,
  catalog,
  access,
  request,
}: {
  access: WriteAccess;
  request?: BulkRequest | undefined;
  subscriptions: readonly Subscription[];
  selection: Selection;
  /** The ids the current view shows (search and filters), in order. */
  matching: readonly string[];
  catalog: readonly string[];
}) {
  const shown = useBulkJob();
  const { submit } = useBulkActions();
  const [choice, setChoice] = useState<BulkChoice>();
  // A reason's fix opens the confirmation once, with its types picked.
  const [handled, setHandled] = useState(0);
  const asked = request && request.key !== handled ? request : undefined;
  const close = () => {
    setChoice(undefined);
    if (request) setHandled(request.key);
  };
  const active = shown !== undefined && isJobActive(shown.job.status);
  const measure = useBarHeightVariable();
  useClearSelectionWhenDone(shown, selection);
  // Nothing to look up without a selection: the bar is mounted with the page, and the list changes on every toggle.
  const selected = useMemo(() => {
    if (selection.selected.size === 0) return [];
    const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
    return [...selection.selected].flatMap((id) => byId.get(id) ?? []);
  }, [selection.selected, subscriptions]);
  const unselectedMatching =
    selection.selected.size === 0 ? 0 : matching.filter((id) => !selection.selected.has(id)).length;

  const confirm = (label: string, plan: BulkPlan) => {
    close();
    submit.mutate({ label, action: plan.action, ids: selected.map((subscription) => subscription.id) });
  };

  if (!shown && selection.selected.size === 0) return null;
  // A new selection shows at once, whatever the ended job's panel says.
  const showSelection = selection.selected.size > 0 && !active;

  return (
    <div
      ref={measure}
      role="region"
      aria-label="Selection and bulk actions"
      className="fixed inset-x-0 bottom-0 z-20 max-h-[50vh] overflow-y-auto border-t border-line bg-surface px-4 py-3 shadow-[0_-4px_12px_rgb(0_0_0/0.08)] sm:px-6"
    >
      <div className="mx-auto max-w-[1400px] space-y-3">
        {shown && (
          <ShownJob shown={shown} canWrite={access.canWrite} selection={selection} subscriptions={subscriptions} />
        )}
        {showSelection && (
          <SelectionActions
            selectedCount={selected.length}
            matching={matching}
            unselectedMatching={unselectedMatching}
            selection={selection}
            canWrite={access.canWrite}
            starting={submit.isPending}
            onChoose={setChoice}
          />
        )}
      </div>
      {(choice ?? asked) && showSelection && (
        <BulkDialog
          choice={asked ? 'remove-events' : (choice ?? 'remove-events')}
          types={asked?.types}
          subscriptions={selected}
          catalog={catalog}
          onConfirm={confirm}
          onCancel={close}
        />
      )}
    </div>
  );
}

/**
 * The bar's height as `--bulk-bar-height` on the document while it shows, so the toasts
 * (components/ui/toaster.tsx) stand above it instead of over its controls.
 */
function useBarHeightVariable(): (element: HTMLDivElement | null) => (() => void) | undefined {
  return useCallback((element: HTMLDivElement | null) => {
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--bulk-bar-height', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--bulk-bar-height');
    };
  }, []);
}

/**
 * When the shown job ends, the selection it was started from is cleared (a selection changed
 * meanwhile is the operator's and stays); the panel's "Select them again" brings it back.
 */
function useClearSelectionWhenDone(shown: BulkJob | undefined, selection: Selection): void {
  const status = shown?.job.status;
  const previous = useRef(status);
  const startedFrom = useRef<{ jobId: string; ids: ReadonlySet<string> }>(undefined);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (!shown) return;
    if (startedFrom.current?.jobId !== shown.job.id)
      startedFrom.current = { jobId: shown.job.id, ids: selection.selected };
    const ended = was !== undefined && isJobActive(was) && !isJobActive(status ?? null);
    const from = startedFrom.current.ids;
    // Deletes drop out of the selection by themselves; a row added meanwhile makes it the operator's own.
    const unchanged = [...selection.selected].every((id) => from.has(id));
    if (ended && unchanged && selection.selected.size > 0) selection.clear();
  }, [shown, status, selection]);
}

/** The shown job's panel, with its controls, its failures and "Select them again". */
function ShownJob({
  shown,
  canWrite,
  selection,
  subscriptions,
}: {
  shown: BulkJob;
  canWrite: boolean;
  selection: Selection;
  subscriptions: readonly Subscription[];
}) {
  const bulkStore = useBulkStore();
  const { control } = useBulkActions();
  const { job } = shown;
  const active = isJobActive(job.status);
  const items = active ? [] : bulkStore.allItems();
  const failures = items.filter((item) => item.state === 'failed' || item.state === 'unknown');
  const listed = new Set(subscriptions.map((subscription) => subscription.id));
  const again = items.map((item) => item.subscription_id).filter((id) => listed.has(id));
  return (
    <BulkJobPanel
      job={job}
      failures={failures}
      canWrite={canWrite}
      busy={control.isPending}
      onControl={(chosen) => control.mutate({ id: job.id, label: job.label, control: chosen })}
      onReselect={selection.selected.size === 0 && again.length > 0 ? () => selection.setMany(again, true) : undefined}
      onClose={() => bulkStore.clear()}
    />
  );
}

/** The selection's count, "Select all N matching", Clear, and the actions (none for a viewer). */
function SelectionActions({
  selectedCount,
  matching,
  unselectedMatching,
  selection,
  canWrite,
  starting,
  onChoose,
}: {
  selectedCount: number;
  matching: readonly string[];
  unselectedMatching: number;
  selection: Selection;
  canWrite: boolean;
  /** A confirmed action is being submitted: no second one meanwhile. */
  starting: boolean;
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
      {starting && <p className="text-sm text-fg-muted">Starting the job…</p>}
      {/* A viewer has no action to offer (the app bar says why, once). */}
      {canWrite && (
        <div className="ml-auto flex flex-wrap gap-2" role="group" aria-label="Bulk actions on the selection">
          {ACTIONS.map((action) => (
            <Button
              key={action.choice}
              size="sm"
              variant={action.danger ? 'ghost-danger' : 'secondary'}
              disabled={selectedCount === 0 || starting}
              onClick={() => onChoose(action.choice)}
            >
              {action.label}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
