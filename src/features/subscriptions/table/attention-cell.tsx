import { Button } from '@/components/ui/button';
import { Tooltip } from '@/components/ui/tooltip';
import { sentence } from '@/lib/text';
import type { Problem } from '../model/problems';
import type { ToggleStatus } from '../api/use-toggle-status';
import type { JobItem, JobItemState } from '@contract/jobs';

interface AttentionProps {
  url: string;
  problems: readonly Problem[];
  failed: ToggleStatus['failed'];
  onRetry: () => void;
  onDismiss: () => void;
  onOpen: () => void;
}

/**
 * What needs the operator's eye on this row: its part in the shown bulk job (queued, sending,
 * done, failed with why…), beside a write that failed (with Retry and Dismiss, until one of them
 * or a later success clears it) or else the subscription's problems (opening the drawer, where
 * each has its fix). Nothing when all is well.
 */
export function AttentionCell({
  bulk,
  ...attention
}: AttentionProps & {
  /** This row's item in the shown bulk job (server/jobs/). */
  bulk: JobItem | undefined;
}) {
  if (!bulk) return <RowAttention {...attention} />;
  return (
    <div className="flex min-w-0 items-center gap-2">
      <BulkState item={bulk} />
      <RowAttention {...attention} />
    </div>
  );
}

function RowAttention({ url, problems, failed, onRetry, onDismiss, onOpen }: AttentionProps) {
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

const BULK_LABELS: Record<JobItemState, string> = {
  queued: 'Queued',
  sending: 'Sending…',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  unknown: 'Unknown (no answer came)',
  not_sent: 'Not sent',
};

const BULK_TONES: Partial<Record<JobItemState, string>> = {
  failed: 'text-danger-fg',
  unknown: 'text-warning-fg',
  done: 'text-success-fg',
};

/** This row's state in the shown bulk job, with the reason when it has one. */
function BulkState({ item }: { item: JobItem }) {
  const tone = BULK_TONES[item.state] ?? 'text-fg-soft';
  const message = item.message ?? undefined;
  return (
    <span className={`block min-w-0 shrink truncate text-sm ${tone}`} title={message} data-bulk-state={item.state}>
      {(item.state === 'failed' || item.state === 'unknown') && <WarningIcon />}
      {BULK_LABELS[item.state]}
      {message ? `: ${sentence(message)}` : ''}
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
