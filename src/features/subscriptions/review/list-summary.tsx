import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import type { Counts } from '../filters/filter';

/** Beside the page's title: what the view shows, in words, and "Select all N" for what it shows. */
export function ListSummary({
  counts,
  shown,
  filtered,
  onSelectAll,
}: {
  counts: Counts | undefined;
  shown: number;
  filtered: boolean;
  /** Selects every subscription the view shows (not only the rendered rows); undefined when all are. */
  onSelectAll: (() => void) | undefined;
}) {
  if (!counts) return null;
  return (
    <div className="flex items-center gap-1 text-sm text-fg-soft">
      <p aria-live="polite">
        {filtered
          ? `Showing ${formatCount(shown)} of ${formatCount(counts.total)} subscriptions`
          : `${formatCount(counts.total)} subscriptions: ${formatCount(counts.active)} active, ${formatCount(counts.inactive)} inactive`}
      </p>
      {onSelectAll && shown > 0 && (
        <Button size="xs" variant="ghost" className="text-accent-fg" onClick={onSelectAll}>
          Select all {formatCount(shown)}
          {filtered ? ' matching' : ''}
        </Button>
      )}
    </div>
  );
}
