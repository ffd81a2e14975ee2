import { formatCount } from '@/lib/format';
import { formatAbsoluteTime, formatRelativeTime } from '@/lib/time';
import { useNow } from '@/lib/use-now';
import { outcomes, type ActivityRow } from '../lib/group';
import { JournalEntry } from '@/components/journal-entry';

/** A bulk action as one entry, its writes listed when expanded. */
export function BatchItem({
  batch,
  onOpenSubscription,
}: {
  batch: Extract<ActivityRow, { kind: 'batch' }>;
  onOpenSubscription: (id: string) => void;
}) {
  const now = useNow();
  const { ok, failed, unknown } = outcomes(batch.entries);
  return (
    <details className="group">
      <summary className="cursor-pointer list-none rounded focus-visible:outline-2 focus-visible:outline-ring">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <time dateTime={batch.at} title={formatAbsoluteTime(batch.at)} className="text-fg-muted">
            {formatRelativeTime(batch.at, now)}
          </time>
          <span className="font-medium text-fg">{batch.actor}</span>
          <span className="text-fg">{batch.label}</span>
          <span className="text-fg-soft">
            · {formatCount(ok)} ok{failed > 0 ? ` · ${formatCount(failed)} failed` : ''}
            {unknown > 0 ? ` · ${formatCount(unknown)} unknown` : ''}
          </span>
          <span className="text-xs text-accent-fg group-open:hidden">
            Show the {formatCount(batch.entries.length)} writes
          </span>
          <span className="hidden text-xs text-accent-fg group-open:inline">Hide the writes</span>
        </p>
      </summary>
      <ol className="mt-2 ml-4 space-y-3 border-l border-line pl-4">
        {batch.entries.map((entry) => (
          <li key={entry.id}>
            <JournalEntry entry={entry} onOpenSubscription={onOpenSubscription} compact />
          </li>
        ))}
      </ol>
    </details>
  );
}
