import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import { pauseMessage } from '@/lib/rate-limit';
import { sentence } from '@/lib/text';
import type { BulkJob } from './bulk-store';

/**
 * A bulk job while it runs (a progress bar with its counts, Linq's pauses, Stop) and when it has
 * ended (the summary, Retry failed for exactly the failed ones, Undo, Close). Every item's
 * state is also on its own row, and the failures are listed here, whether their rows are in
 * view or not.
 */

const SHOWN_FAILURES = 50;

export function BulkJobPanel({
  job,
  failures,
  onRetryFailed,
  onUndo,
  onClose,
}: {
  job: BulkJob;
  /** The failed items of this run: their URL and why. */
  failures: { url: string; message: string }[];
  onRetryFailed: () => void;
  onUndo: (() => void) | undefined;
  onClose: () => void;
}) {
  const { progress } = job;
  const skipped = job.kind === 'undo' ? 0 : job.plan.skipped.length + job.plan.refused.length;
  // What has been answered: the writes Stop kept from being sent are not progress.
  const answered = progress.done + progress.failed;
  const running = progress.status === 'running' || progress.status === 'stopping';
  const items = `${formatCount(progress.total)} ${progress.total === 1 ? 'subscription' : 'subscriptions'}`;
  const title =
    job.kind === 'undo'
      ? `Undo (${items}): ${job.label}`
      : job.kind === 'retry'
        ? `Retry failed (${items}): ${job.label}`
        : job.label;
  const counts = [
    `${formatCount(progress.done)} done`,
    `${formatCount(progress.failed)} failed`,
    ...(skipped > 0 ? [`${formatCount(skipped)} skipped (already as asked)`] : []),
    ...(progress.stopped > 0 ? [`${formatCount(progress.stopped)} not sent`] : []),
    `${formatCount(progress.remaining)} remaining`,
  ].join(' · ');
  const percent = progress.total === 0 ? 100 : Math.round((answered / progress.total) * 100);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <p className="font-medium text-fg">{title}</p>
        <p className="text-sm text-fg-soft" aria-live="polite">
          {running ? counts : `${progress.status === 'stopped' ? 'Stopped' : 'Finished'}: ${counts}.`}
        </p>
        <div className="ml-auto flex gap-2">
          {running ? (
            <Button
              variant="destructive"
              size="sm"
              onClick={job.stop}
              aria-disabled={progress.status === 'stopping' || undefined}
            >
              {progress.status === 'stopping' ? 'Stopping…' : 'Stop'}
            </Button>
          ) : (
            <>
              {progress.failed > 0 && (
                <Button size="sm" onClick={onRetryFailed}>
                  Retry failed ({formatCount(progress.failed)})
                </Button>
              )}
              {onUndo && (
                <Button size="sm" onClick={onUndo}>
                  Undo
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={onClose}>
                Close
              </Button>
            </>
          )}
        </div>
      </div>
      <div
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={answered}
        aria-valuetext={`${formatCount(answered)} of ${formatCount(progress.total)}: ${counts}`}
        className="h-2 overflow-hidden rounded-full bg-surface-hover"
      >
        <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      {progress.pausedUntil !== undefined && (
        <p role="status" className="text-sm text-warning-fg">
          {pauseMessage(progress.pausedForMs ?? 0, progress.pausedUntil)}
        </p>
      )}
      {failures.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-danger-fg">{formatCount(failures.length)} failed: see why</summary>
          <ul className="mt-1 max-h-32 space-y-0.5 overflow-y-auto text-fg-soft">
            {failures.slice(0, SHOWN_FAILURES).map((failure) => (
              <li key={failure.url} className="[overflow-wrap:anywhere]">
                <span className="font-mono text-xs">{failure.url}</span>: {sentence(failure.message)}
              </li>
            ))}
            {failures.length > SHOWN_FAILURES && <li>…and {formatCount(failures.length - SHOWN_FAILURES)} more.</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
