import type { ReactNode } from 'react';
import type { ActivityEntry } from '@contract/console';
import { Badge } from '@/components/ui/badge';
import { ChangeList } from '@/components/change-list';
import { entryChanges, entryVerb } from '@/lib/journal-diff';
import { sentence } from '@/lib/text';
import { formatAbsoluteTime, formatRelativeTime } from '@/lib/time';
import { useNow } from '@/lib/use-now';

/**
 * One journal entry, as the Activity view and the drawer's History show it: who did what, when,
 * to which subscription, how it ended, and the diff; `actions` beside it (Restore).
 */
export function JournalEntry({
  entry,
  onOpenSubscription,
  compact = false,
  actions,
}: {
  entry: ActivityEntry;
  /** Where the subscription's name leads; without it the name is plain text. */
  onOpenSubscription?: ((id: string) => void) | undefined;
  /** Inside a bulk action's group: the who and when are the group's. */
  compact?: boolean;
  actions?: ReactNode;
}) {
  const now = useNow();
  const subject = entry.target_url ?? entry.subscription_id ?? 'a subscription';
  return (
    <article className="space-y-1.5" aria-label={`${entry.actor} ${entryVerb(entry)} ${subject}`}>
      <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
        {!compact && (
          <>
            <time dateTime={entry.at} title={formatAbsoluteTime(entry.at)} className="text-fg-muted">
              {formatRelativeTime(entry.at, now)}
            </time>
            <span className="font-medium text-fg">{entry.actor}</span>
          </>
        )}
        <span className="text-fg-soft">{entryVerb(entry)}</span>
        {onOpenSubscription && entry.subscription_id && entry.action !== 'delete' ? (
          <button
            type="button"
            onClick={() => onOpenSubscription(entry.subscription_id!)}
            className="min-w-0 rounded font-mono text-xs [overflow-wrap:anywhere] text-accent-fg hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          >
            {subject}
          </button>
        ) : (
          <span className="font-mono text-xs [overflow-wrap:anywhere] text-fg">{subject}</span>
        )}
        {entry.outcome === 'failed' && <Badge variant="danger">failed</Badge>}
        {entry.outcome === 'unknown' && (
          <Badge variant="warning" title="The console stopped before Linq answered; check the subscription.">
            outcome unknown
          </Badge>
        )}
        {compact && (
          <time dateTime={entry.at} title={formatAbsoluteTime(entry.at)} className="text-xs text-fg-muted">
            {formatRelativeTime(entry.at, now)}
          </time>
        )}
      </p>
      {entry.error && (
        <p className="text-sm text-danger-fg">
          Linq answered {entry.status}: {sentence(entry.error.message)}
        </p>
      )}
      {entry.outcome !== 'failed' && <ChangeList changes={entryChanges(entry)} />}
      {actions}
    </article>
  );
}
