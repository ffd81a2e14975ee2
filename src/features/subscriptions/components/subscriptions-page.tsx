import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { useSubscriptionsReview } from '../api/use-subscriptions-review';
import { useWriteAccess } from '@/lib/session';
import { usePhoneFormatter } from '../lib/use-phone-formatter';
import { useSelection } from '../lib/use-selection';
import { useSubscriptionsView } from '../lib/use-subscriptions-view';
import { clearFilters, isFiltered } from '../lib/view';
import { LazyBulkBar, LazySubscriptionDrawer } from './lazy-parts';
import { ListFreshness } from './list-freshness';
import { ListSummary } from './list-summary';
import { CatalogFailed, LoadFailed, LoadingRows, NoMatches, NoSubscriptions, RefreshFailed } from './list-states';
import { LazyFilters, LazyTable } from './lazy-review';
import type { TableHandle } from './subscriptions-table';
import { SubscriptionsToolbar } from './subscriptions-toolbar';
import { usePageShortcuts } from './use-page-shortcuts';

const ShortcutsDialog = lazy(() => import('./shortcuts-dialog'));

/** The page: header, toolbar and filters, the table (or what stands in its place), and the drawer. */
export function SubscriptionsPage() {
  const { view, setView, drawer, openEdit, openCreate, openDuplicate, closeDrawer } = useSubscriptionsView();
  const review = useSubscriptionsReview(view);
  const { list, catalog, lines, subscriptions, catalogEvents, problemsOf, highlighted, shown, shownIds, counts } =
    review;
  const formatPhone = usePhoneFormatter();
  const selection = useSelection(review.listedIds);
  const access = useWriteAccess();

  const searchBox = useRef<HTMLInputElement>(null);
  const table = useRef<TableHandle>(null);
  const focusSearch = useCallback(() => searchBox.current?.focus(), []);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const { clear: clearSelection, toggle: toggleSelected, setMany } = selection;
  usePageShortcuts({
    onSearch: focusSearch,
    onHelp: useCallback(() => setShowShortcuts(true), []),
    onEscape: clearSelection,
  });
  // The rows' handler stays the same function while the view changes (a toggle gives a new list),
  // so memoised rows do not all render again; a shift-click reads the order shown at that moment.
  const shownOrder = useRef(shownIds);
  useEffect(() => {
    shownOrder.current = shownIds;
  }, [shownIds]);
  const onSelect = useCallback(
    (id: string, range: boolean) => toggleSelected(id, range ? { order: shownOrder.current } : undefined),
    [toggleSelected],
  );
  const selectAllMatching = useCallback(() => setMany(shownIds, true), [setMany, shownIds]);
  const allShownSelected = useMemo(
    () => shownIds.length > 0 && shownIds.every((id) => selection.selected.has(id)),
    [shownIds, selection.selected],
  );

  const retry = () => void list.refetch();
  const refreshAll = () => {
    void list.refetch();
    if (catalog.isError) void catalog.refetch();
    void lines.refetch();
  };
  const clear = () => {
    setView(clearFilters(view));
    // The button goes away with the empty view; focus goes to where the next search starts.
    focusSearch();
  };

  let content: ReactNode;
  // Rows wait for the phone formatter (loading beside the list) so numbers never change after the first paint.
  if (list.isPending || (subscriptions && !formatPhone)) content = <LoadingRows />;
  else if (!subscriptions || !formatPhone)
    content = <LoadFailed message={list.error?.message ?? ''} retrying={list.isFetching} onRetry={retry} />;
  else if (subscriptions.length === 0) content = <NoSubscriptions onCreate={() => openCreate()} />;
  else if (shown.length === 0) content = <NoMatches view={view} onClear={clear} />;
  else
    content = (
      <LazyTable
        handle={table}
        subscriptions={shown}
        all={subscriptions}
        labels={review.labels}
        catalog={catalogEvents}
        highlighted={highlighted}
        problemsOf={problemsOf}
        formatPhone={formatPhone}
        sort={view.sort}
        dir={view.dir}
        selected={selection.selected}
        onSelect={onSelect}
        onSelectMany={setMany}
        onEdit={openEdit}
        onDuplicate={openDuplicate}
        canWrite={access.canWrite}
        onFocusLost={focusSearch}
      />
    );

  return (
    <>
      <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-2">
        {/* Below 1280 px the summary has a line of its own under the title, held from the first
            paint: arriving beside it, it would push the buttons to a second line (below 1024 px
            they have one from the start). */}
        <div className="flex min-w-0 flex-col max-lg:w-full xl:flex-row xl:flex-wrap xl:items-center xl:gap-x-3">
          <h1 className="text-xl font-semibold text-fg">Webhook subscriptions</h1>
          <div className="min-h-7">
            <ListSummary
              counts={counts}
              shown={shown.length}
              filtered={isFiltered(view)}
              onSelectAll={allShownSelected ? undefined : selectAllMatching}
            />
          </div>
        </div>
        <div className="flex items-center gap-3">
          <ListFreshness updatedAt={list.dataUpdatedAt} refreshing={list.isFetching} onRefresh={refreshAll} />
          <Button variant="primary" data-new-subscription disabled={!access.canWrite} onClick={() => openCreate()}>
            New subscription
          </Button>
        </div>
      </header>

      <main className="flex flex-1 flex-col gap-2">
        <SubscriptionsToolbar
          view={view}
          counts={counts}
          onViewChange={setView}
          searchRef={searchBox}
          onEnterTable={() => table.current?.focusActiveRow()}
        />
        <Suspense fallback={<div className="h-[3.625rem]" aria-hidden="true" />}>
          <LazyFilters
            view={view}
            facets={review.facets}
            catalog={catalogEvents}
            attentionCount={counts?.attention}
            formatPhone={formatPhone ?? ((e164) => e164)}
            onViewChange={setView}
          />
        </Suspense>

        {list.isError && subscriptions && (
          <RefreshFailed message={list.error.message} retrying={list.isFetching} onRetry={retry} />
        )}
        {catalog.isError && !catalogEvents && (
          <CatalogFailed
            message={catalog.error.message}
            retrying={catalog.isFetching}
            onRetry={() => void catalog.refetch()}
          />
        )}

        <section aria-label="Subscriptions" className="rounded-lg border border-line bg-surface">
          <Suspense fallback={<LoadingRows />}>{content}</Suspense>
        </section>
      </main>

      {/* Mounted from the start (it shows nothing without a selection), so the first selection renders at once. */}
      {subscriptions && (
        <LazyBulkBar
          subscriptions={subscriptions}
          selection={selection}
          matching={shownIds}
          catalog={catalogEvents ?? []}
          access={access}
        />
      )}
      <LazySubscriptionDrawer state={drawer} onClose={closeDrawer} onOpen={openEdit} onDuplicate={openDuplicate} />
      <Suspense fallback={null}>
        <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
      </Suspense>
    </>
  );
}
