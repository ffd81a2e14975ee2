import { Button } from '@/components/ui/button';
import { formatAbsoluteTime, formatRelativeTime } from '@/lib/time';
import { useNow } from '@/lib/use-now';

/** When the list was last fetched (advancing while the page is open), and a Refresh that fetches it now. */
export function ListFreshness({
  updatedAt,
  refreshing,
  onRefresh,
}: {
  updatedAt: number;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const now = useNow();
  return (
    <div className="flex items-center gap-2 text-sm text-fg-muted">
      {/* Room kept from the first paint, so nothing moves when the time appears. */}
      <span className="min-w-40 text-right" title={updatedAt > 0 ? formatAbsoluteTime(updatedAt) : undefined}>
        {updatedAt > 0 && (
          <>
            Refreshed{' '}
            <time dateTime={new Date(updatedAt).toISOString()}>
              {formatRelativeTime(new Date(updatedAt).toISOString(), now)}
            </time>
          </>
        )}
      </span>
      <Button
        size="sm"
        variant="secondary"
        className="min-w-28"
        onClick={onRefresh}
        aria-disabled={refreshing || undefined}
      >
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </Button>
    </div>
  );
}
