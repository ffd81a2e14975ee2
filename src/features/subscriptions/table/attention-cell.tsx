import { Button } from '@/components/ui/button';
import { Tooltip } from '@/components/ui/tooltip';
import { sentence } from '@/lib/text';
import type { Problem } from '../model/problems';
import type { ToggleStatus } from '../api/use-toggle-status';
import type { ItemState } from '../bulk/batch-runner';

/**
 * What needs the operator's eye on this row: a write that failed (with Retry and Dismiss, until
 * one of them or a later success clears it), else the subscription's problems (opening the
 * drawer, where each has its fix). Nothing when all is well.
 */
export function AttentionCell({
  url,
  bulk,
  problems,
  failed,
  onRetry,
  onDismiss,
  onOpen,
}: {
  url: string;
  /** This row's part in the running (or last) bulk job. */
  bulk: ItemState | undefined;
  problems: readonly Problem[];
  failed: ToggleStatus['failed'];
  onRetry: () => void;
  onDismiss: () => void;
  onOpen: () => void;
}) {
  if (bulk) return <BulkState state={bulk} />;
  if (failed) {
    const what = `Not turned ${failed.isActive ? 'on' : 'off'}`;
    return (
      <div role="alert" className="flex min-w-0 items-center gap-1 text-sm text-danger-fg">
        <Tooltip content={sentence(failed.message)}>
          <span
            tabIndex={-1}
            data-row-control
            className="min-w-0 truncate rounded focus-visible:outline-2 focus-visible:outline-ring"
          >
            <WarningIcon />
            {what}
            <span className="sr-only">: {sentence(failed.message)}</span>
          </span>
        </Tooltip>
        <Button
          size="xs"
          variant="secondary"
          data-row-control
          tabIndex={-1}
          onClick={onRetry}
          aria-label={`Retry turning ${failed.isActive ? 'on' : 'off'} ${url}`}
        >
          Retry
        </Button>
        <Button
          size="xs"
          variant="ghost"
          data-row-control
          tabIndex={-1}
          onClick={onDismiss}
          aria-label={`Dismiss the error of ${url}`}
        >
          ×
        </Button>
      </div>
    );
  }
  const [first, ...others] = problems;
  if (!first) return null;
  return (
    <Tooltip
      align="end"
      content={
        <ul className="list-disc space-y-1 pl-4">
          {problems.map((problem) => (
            <li key={problem.kind}>{problem.detail}</li>
          ))}
        </ul>
      }
    >
      <button
        type="button"
        data-row-control
        tabIndex={-1}
        onClick={onOpen}
        // One name, written out: the parts are flex items, which the browser would join with spaces.
        aria-label={`${first.summary}${others.length > 0 ? ` (+${others.length} more)` : ''}. Open ${url} to fix.`}
        className="flex min-w-0 items-center rounded text-left text-sm text-warning-fg focus-visible:outline-2 focus-visible:outline-ring"
      >
        <WarningIcon />
        <span className="truncate">{first.summary}</span>
        {others.length > 0 && <span className="ml-1 shrink-0 text-xs">+{others.length}</span>}
      </button>
    </Tooltip>
  );
}

const BULK_LABELS: Record<ItemState['status'], string> = {
  queued: 'Queued',
  saving: 'Saving…',
  done: 'Done',
  failed: 'Failed',
  stopped: 'Not sent (stopped)',
};

/** A bulk job's state of this row: queued, saving, done, or failed with the reason. */
function BulkState({ state }: { state: ItemState }) {
  const tone =
    state.status === 'failed' ? 'text-danger-fg' : state.status === 'done' ? 'text-success-fg' : 'text-fg-soft';
  const label = BULK_LABELS[state.status];
  return (
    <span className={`block truncate text-sm ${tone}`} title={state.message} data-bulk-state={state.status}>
      {state.status === 'failed' && <WarningIcon />}
      {label}
      {state.message ? `: ${sentence(state.message)}` : ''}
    </span>
  );
}

function WarningIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      className="mr-1 inline size-3.5 shrink-0 align-[-2px]"
      fill="currentColor"
    >
      <path d="M8 1.5 15 14H1L8 1.5Zm-.75 4.5v4h1.5V6h-1.5Zm0 5v1.5h1.5V11h-1.5Z" />
    </svg>
  );
}
