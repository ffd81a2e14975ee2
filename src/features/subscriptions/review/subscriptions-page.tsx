import { lazy, Suspense } from 'react';
import { SubscriptionsToolbar } from '../filters/subscriptions-toolbar';
import { LazyBulkBar, LazySubscriptionDrawer } from './lazy-parts';
import { LazyFilters } from './lazy-review';
import { CatalogFailed, LoadingRows, RefreshFailed } from './list-states';
import { PageHeader } from './page-header';
import { ReviewContent } from './review-content';
import { useReviewPage } from './use-review-page';

const ShortcutsDialog = lazy(() => import('./shortcuts-dialog'));

/** The page: header, toolbar and filters, the table (or what stands in its place), and the drawer. */
export function SubscriptionsPage() {
  const page = useReviewPage();
  const { view, setView, review } = page;
  const { list, catalog, subscriptions, catalogEvents, counts } = review;

  return (
    <>
      <PageHeader page={page} />
      <main className="flex flex-1 flex-col gap-2">
        <SubscriptionsToolbar
          view={view}
          counts={counts}
          onViewChange={setView}
          searchRef={page.searchBox}
          onEnterTable={() => page.table.current?.focusActiveRow()}
        />
        <Suspense fallback={<div className="h-[3.625rem]" aria-hidden="true" />}>
          <LazyFilters
            view={view}
            facets={review.facets}
            catalog={catalogEvents}
            // Flags need the catalog (unknown types) and the account's lines: no count before they
            // are read, rather than one that drops when they arrive. One that failed is told apart.
            attention={
              catalog.isPending || review.lines.isPending || !counts
                ? undefined
                : { count: counts.attention, reasons: counts.reasons }
            }
            onBulkFix={page.bulkFix}
            formatPhone={page.formatPhone ?? ((e164) => e164)}
            onViewChange={setView}
          />
        </Suspense>

        {list.isError && subscriptions && (
          <RefreshFailed message={list.error.message} retrying={list.isFetching} onRetry={() => void list.refetch()} />
        )}
        {catalog.isError && !catalogEvents && (
          <CatalogFailed
            message={catalog.error.message}
            retrying={catalog.isFetching}
            onRetry={() => void catalog.refetch()}
          />
        )}

        <section aria-label="Subscriptions" className="rounded-lg border border-line bg-surface">
          <Suspense fallback={<LoadingRows />}>
            <ReviewContent page={page} />
          </Suspense>
        </section>
      </main>

      {/* Mounted from the start (it shows nothing without a selection), so the first selection renders at once. */}
      {subscriptions && (
        <LazyBulkBar
          subscriptions={subscriptions}
          selection={page.selection}
          matching={review.shownIds}
          catalog={catalogEvents ?? []}
          access={page.access}
          request={page.bulkRequest}
        />
      )}
      <LazySubscriptionDrawer
        state={page.drawer}
        onClose={page.closeDrawer}
        onOpen={page.openEdit}
        onDuplicate={page.openDuplicate}
      />
      <Suspense fallback={null}>
        <ShortcutsDialog open={page.shortcuts.open} onClose={page.shortcuts.close} />
      </Suspense>
    </>
  );
}
