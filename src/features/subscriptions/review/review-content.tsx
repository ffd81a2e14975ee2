import type { ReviewPage } from './use-review-page';
import { LazyTable } from './lazy-review';
import { LoadFailed, LoadingRows, NoMatches, NoSubscriptions } from './list-states';

/** The table, or what stands in its place: loading, failed, no subscriptions, none matching the view. */
export function ReviewContent({ page }: { page: ReviewPage }) {
  const { list, subscriptions, shown } = page.review;
  // Rows wait for the phone formatter (loading beside the list) so numbers never change after the first paint.
  if (list.isPending || (subscriptions && !page.formatPhone)) return <LoadingRows />;
  if (!subscriptions || !page.tableModel)
    return (
      <LoadFailed message={list.error?.message ?? ''} retrying={list.isFetching} onRetry={() => void list.refetch()} />
    );
  // The empty account is known from the list itself: the counts come a render after the rows.
  if (subscriptions.length === 0) return <NoSubscriptions onCreate={() => page.openCreate()} />;
  if (shown.length === 0) return <NoMatches view={page.view} onClear={page.clear} />;
  return <LazyTable handle={page.table} model={page.tableModel} />;
}
