import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BatchSummary } from '@contract/console';
import { formatCount } from '@/lib/format';
import { formatAbsoluteTime, formatRelativeTime } from '@/lib/time';
import { useNow } from '@/lib/use-now';
import { JournalEntry } from '@/components/journal-entry';
import { Button } from '@/components/ui/button';
import { activityQueries } from '../api/activity';
import { outcomes, type ActivityRow } from '../lib/group';
import { JobControls } from './job-controls';

/** "1,667 ok · 3 failed · 12 not sent · 40 skipped", from the server's totals when it has them. */
export function batchTotalsText(summary: BatchSummary | undefined, batch: Extract<ActivityRow, { kind: 'batch' }>) {
  const counted = outcomes(batch.entries);
  const totals = summary?.totals ?? { done: counted.ok, failed: counted.failed, unknown: counted.unknown };
  const parts = [`${formatCount(totals.done)} ok`];
  if (totals.failed > 0) parts.push(`${formatCount(totals.failed)} failed`);
  if (totals.unknown > 0) parts.push(`${formatCount(totals.unknown)} unknown`);
  if (summary && summary.totals.not_sent > 0) parts.push(`${formatCount(summary.totals.not_sent)} not sent`);
  if (summary && summary.totals.skipped > 0) parts.push(`${formatCount(summary.totals.skipped)} skipped`);
  const waiting = summary ? summary.totals.queued + summary.totals.sending : 0;
  if (waiting > 0) parts.push(`${formatCount(waiting)} to go`);
  if (summary?.status === 'running' || summary?.status === 'stopping' || summary?.status === 'interrupted') {
    parts.push(summary.status);
  }
  return parts.join(' · ');
}

/** A bulk action as one entry with its true totals; its writes are read from the journal when opened. */
export function BatchItem({
  batch,
  summary,
  subscriptionId,
  onOpenSubscription,
}: {
  batch: Extract<ActivityRow, { kind: 'batch' }>;
  summary: BatchSummary | undefined;
  /** The page's subscription filter: only that subscription's writes of the batch. */
  subscriptionId: string | undefined;
  onOpenSubscription: (id: string) => void;
}) {
  const now = useNow();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <details className="group" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer list-none rounded focus-visible:outline-2 focus-visible:outline-ring">
          <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <time dateTime={batch.at} title={formatAbsoluteTime(batch.at)} className="text-fg-muted">
              {formatRelativeTime(batch.at, now)}
            </time>
            <span className="font-medium text-fg">{batch.actor}</span>
            <span className="text-fg">{batch.label}</span>
            <span className="text-fg-soft">· {batchTotalsText(summary, batch)}</span>
            <span className="text-xs text-accent-fg group-open:hidden">Show the writes</span>
            <span className="hidden text-xs text-accent-fg group-open:inline">Hide the writes</span>
          </p>
        </summary>
        {open && (
          <BatchWrites batchId={batch.id} subscriptionId={subscriptionId} onOpenSubscription={onOpenSubscription} />
        )}
      </details>
      {summary && <JobControls jobId={batch.id} label={batch.label} summary={summary} />}
    </div>
  );
}

function BatchWrites({
  batchId,
  subscriptionId,
  onOpenSubscription,
}: {
  batchId: string;
  subscriptionId: string | undefined;
  onOpenSubscription: (id: string) => void;
}) {
  const writes = useInfiniteQuery(activityQueries.list({ batch_id: batchId, subscription_id: subscriptionId }));
  const entries = writes.data?.pages.flatMap((page) => page.entries) ?? [];
  if (writes.isPending) return <p className="mt-2 ml-4 text-sm text-fg-muted">Loading the writes…</p>;
  if (writes.isError)
    return <p className="mt-2 ml-4 text-sm text-danger-fg">Could not load the writes: {writes.error.message}</p>;
  return (
    <div className="mt-2 ml-4 border-l border-line pl-4">
      <ol className="space-y-3">
        {entries.map((entry) => (
          <li key={entry.id}>
            <JournalEntry entry={entry} onOpenSubscription={onOpenSubscription} compact />
          </li>
        ))}
      </ol>
      {writes.hasNextPage && (
        <Button
          className="mt-3"
          onClick={() => void writes.fetchNextPage()}
          aria-disabled={writes.isFetchingNextPage || undefined}
        >
          {writes.isFetchingNextPage ? 'Loading…' : 'Load more writes'}
        </Button>
      )}
    </div>
  );
}
