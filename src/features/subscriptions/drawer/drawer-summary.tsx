import { useQuery } from '@tanstack/react-query';
import { CopyButton } from '@/components/ui/copy-button';
import { SheetDescription } from '@/components/ui/sheet';
import { formatAbsoluteTime, formatRelativeTime } from '@/lib/time';
import { useNow } from '@/lib/use-now';
import { subscriptionQueries } from '../api/queries';
import { payloadVersion } from '../model/event-types';

/** Under the drawer's title: which subscription this is (URL, id to copy), when it was made and changed, its payload version. */
export function DrawerSummary({ id }: { id: string }) {
  const detail = useQuery(subscriptionQueries.detail(id));
  const now = useNow();
  const subscription = detail.data;
  const version = subscription ? payloadVersion(subscription.target_url) : undefined;
  return (
    <>
      <SheetDescription className="truncate font-mono" title={subscription?.target_url}>
        {subscription?.target_url ?? id}
      </SheetDescription>
      {subscription && (
        <dl className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-0.5 text-xs text-fg-muted">
          <div className="flex items-center gap-1">
            <dt>Id</dt>
            <dd className="flex items-center gap-1 font-mono">
              {subscription.id}
              <CopyButton value={subscription.id} label={`Copy id of ${subscription.target_url}`} />
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>Created</dt>
            <dd title={formatAbsoluteTime(subscription.created_at)}>
              {formatRelativeTime(subscription.created_at, now)}
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>Last changed</dt>
            <dd title={formatAbsoluteTime(subscription.updated_at)}>
              {formatRelativeTime(subscription.updated_at, now)} ({formatAbsoluteTime(subscription.updated_at)})
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>Payload version</dt>
            <dd>{version ?? 'none in the URL (the default format)'}</dd>
          </div>
        </dl>
      )}
    </>
  );
}
