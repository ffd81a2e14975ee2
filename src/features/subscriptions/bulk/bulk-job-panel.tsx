import type { Job, JobItem, JobTotals } from '@contract/jobs';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import { isJobActive, jobControls, remainingOf, type JobControl } from '@/lib/jobs';
import { sentence } from '@/lib/text';

/**
 * A bulk job as the console server reports it: while it runs, a progress bar with its counts and
 * Stop; when it has ended (or was interrupted by a restart), the summary with Resume, Leave,
 * Retry failed, Undo, Select them again and Close. Every item's state is also on its own row,
 * and the failures are listed here, whether their rows are in view or not.
 */

const SHOWN_FAILURES = 50;

const STATUS_TEXT: Record<Job['status'], string> = {
  running: '',
  stopping: 'Stopping (what is in flight finishes)',
  stopped: 'Stopped',
  finished: 'Finished',
  interrupted: 'Interrupted (the console stopped while it ran)',
};

/** "12 done · 0 failed · 3 skipped (already as asked) · 5 remaining". */
export function countsText(totals: JobTotals, active: boolean): string {
  return [
    `${formatCount(totals.done)} done`,
    `${formatCount(totals.failed)} failed`,
    ...(totals.unknown > 0 ? [`${formatCount(totals.unknown)} unknown (no answer came)`] : []),
    ...(totals.skipped > 0 ? [`${formatCount(totals.skipped)} skipped (already as asked)`] : []),
    ...(totals.not_sent > 0 ? [`${formatCount(totals.not_sent)} not sent`] : []),
    ...(active ? [`${formatCount(remainingOf(totals))} remaining`] : []),
  ].join(' · ');
}

export function BulkJobPanel({
  job,
  failures,
  canWrite,
  busy,
  onControl,
  onReselect,
  onClose,
}: {
  job: Job;
  /** The items that failed or got no answer: their URL and why. */
  failures: JobItem[];
  /** A viewer sees the job but cannot steer it. */
  canWrite: boolean;
  /** A control was asked and the server has not answered yet. */
  busy: boolean;
  onControl: (control: JobControl) => void;
  /** Selects the job's subscriptions again (the selection is cleared when a job ends). */
  onReselect: (() => void) | undefined;
  onClose: () => void;
}) {
  const { totals } = job;
  const active = isJobActive(job.status);
  const counts = countsText(totals, active);
  // Progress counts writes: the skipped ones were never to be sent.
  const writes = totals.total - totals.skipped;
  const answered = totals.done + totals.failed + totals.unknown;
  const percent = writes === 0 ? 100 : Math.round((answered / writes) * 100);
  const controls = canWrite ? jobControls(job) : [];

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <p className="font-medium text-fg">{job.label}</p>
        <p className="text-sm text-fg-soft" aria-live="polite">
          {job.status === 'running' ? counts : `${STATUS_TEXT[job.status]}: ${counts}.`}
        </p>
        <div className="ml-auto flex flex-wrap gap-2">
          {controls.map((choice) => (
            <Button
              key={choice.control}
              size="sm"
              variant={choice.danger ? 'destructive' : 'secondary'}
              aria-label={`${choice.text}: ${job.label}`}
              aria-disabled={busy || undefined}
              onClick={() => {
                if (!busy) onControl(choice.control);
              }}
            >
              {choice.text}
            </Button>
          ))}
          {!active && onReselect && (
            <Button size="sm" variant="ghost" onClick={onReselect}>
              Select them again
            </Button>
          )}
          {!active && (
            <Button size="sm" variant="ghost" onClick={onClose}>
              Close
            </Button>
          )}
        </div>
      </div>
      <div
        role="progressbar"
        aria-label={job.label}
        aria-valuemin={0}
        aria-valuemax={writes}
        aria-valuenow={answered}
        aria-valuetext={`${formatCount(answered)} of ${formatCount(writes)}: ${counts}`}
        className="h-2 overflow-hidden rounded-full bg-surface-hover"
      >
        <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      {!canWrite && <p className="text-sm text-fg-muted">Viewers see bulk jobs; an editor can stop or undo them.</p>}
      {failures.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-danger-fg">{formatCount(failures.length)} failed: see why</summary>
          <ul className="mt-1 max-h-32 space-y-0.5 overflow-y-auto text-fg-soft">
            {failures.slice(0, SHOWN_FAILURES).map((failure) => (
              <li key={failure.subscription_id} className="[overflow-wrap:anywhere]">
                <span className="font-mono text-xs">{failure.target_url}</span>:{' '}
                {sentence(failure.message ?? 'No answer came; it may or may not have happened.')}
              </li>
            ))}
            {failures.length > SHOWN_FAILURES && <li>…and {formatCount(failures.length - SHOWN_FAILURES)} more.</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
