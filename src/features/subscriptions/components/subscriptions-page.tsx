import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import { catalogQueries, phoneNumberQueries, subscriptionQueries } from '../api/queries';
import { applyView, countSubscriptions, facets as computeFacets } from '../lib/filter';
import { problemFinder } from '../lib/problems';
import { usePhoneFormatter } from '../lib/use-phone-formatter';
import { useSubscriptionsView } from '../lib/use-subscriptions-view';
import { clearFilters, isFiltered } from '../lib/view';
import { LazySubscriptionDrawer, prefetchDrawer, useIdleDrawerPrefetch } from './lazy-drawer';
import { ListFreshness } from './list-freshness';
import { CatalogFailed, LoadFailed, LoadingRows, NoMatches, NoSubscriptions, RefreshFailed } from './list-states';
import { LazyFilters, LazyTable } from './lazy-review';
import type { TableHandle } from './subscriptions-table';
import { SubscriptionsToolbar } from './subscriptions-toolbar';
import { usePageShortcuts } from './use-page-shortcuts';

const ShortcutsDialog = lazy(() => import('./shortcuts-dialog'));

/** The page: header, toolbar and filters, the table (or what stands in its place), and the drawer. */
export function SubscriptionsPage({ headerStatus }: { headerStatus?: ReactNode }) {
  // Requested at once, not one after another: the list, the catalog and the account's lines.
  const list = useQuery(subscriptionQueries.list());
  const catalog = useQuery(catalogQueries.list());
  const lines = useQuery(phoneNumberQueries.list());
  const formatPhone = usePhoneFormatter();
  useIdleDrawerPrefetch();

  const { view, setView, drawer, openEdit, openCreate, closeDrawer } = useSubscriptionsView();
  const searchBox = useRef<HTMLInputElement>(null);
  const table = useRef<TableHandle>(null);
  const focusSearch = useCallback(() => searchBox.current?.focus(), []);
  const [showShortcuts, setShowShortcuts] = useState(false);
  usePageShortcuts({ onSearch: focusSearch, onHelp: useCallback(() => setShowShortcuts(true), []) });

  const subscriptions = list.data;
  const catalogEvents = catalog.data?.events;
  const problemsOf = useMemo(
    () => problemFinder({ catalog: catalogEvents, lines: lines.data }),
    [catalogEvents, lines.data],
  );
  const context = useMemo(() => ({ problemsOf }), [problemsOf]);
  // Typing stays responsive on large accounts: the filter runs on the deferred value.
  const deferredQuery = useDeferredValue(view.q);
  const eventsKey = view.events.join('\n');
  // One array per filter value, so memoised rows are not re-rendered by every render of the page.
  const highlighted = useMemo(() => (eventsKey === '' ? [] : eventsKey.split('\n')), [eventsKey]);
  const shown = useMemo(
    () => (subscriptions ? applyView(subscriptions, { ...view, q: deferredQuery, events: highlighted }, context) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the view's fields are the dependencies
    [
      subscriptions,
      context,
      deferredQuery,
      highlighted,
      view.status,
      view.host,
      view.phone,
      view.attention,
      view.sort,
      view.dir,
    ],
  );
  const counts = useMemo(
    () => (subscriptions ? countSubscriptions(subscriptions, context) : undefined),
    [subscriptions, context],
  );
  const facets = useMemo(() => (subscriptions ? computeFacets(subscriptions) : undefined), [subscriptions]);
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
  else if (!subscriptions || !counts || !formatPhone)
    content = <LoadFailed message={list.error?.message ?? ''} retrying={list.isFetching} onRetry={retry} />;
  else if (counts.total === 0) content = <NoSubscriptions onCreate={openCreate} />;
  else if (shown.length === 0) content = <NoMatches view={view} onClear={clear} />;
  else
    content = (
      <LazyTable
        handle={table}
        subscriptions={shown}
        all={subscriptions}
        catalog={catalogEvents}
        highlighted={highlighted}
        problemsOf={problemsOf}
        formatPhone={formatPhone}
        sort={view.sort}
        dir={view.dir}
        onEdit={openEdit}
        onPrefetch={prefetchDrawer}
        onFocusLost={focusSearch}
      />
    );

  return (
    <div className="mx-auto flex min-h-screen max-w-[1400px] flex-col px-4 pb-16 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3">
        <div>
          <p className="flex items-center gap-2 text-xs font-semibold tracking-wide text-accent-fg uppercase">
            Linq Webhook Console {headerStatus}
          </p>
          <h1 className="text-xl font-semibold text-fg">Webhook subscriptions</h1>
        </div>
        <div className="flex items-center gap-3">
          <ListFreshness updatedAt={list.dataUpdatedAt} refreshing={list.isFetching} onRefresh={refreshAll} />
          <Button
            variant="primary"
            data-new-subscription
            onPointerEnter={prefetchDrawer}
            onFocus={prefetchDrawer}
            onClick={openCreate}
          >
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
            facets={facets}
            catalog={catalogEvents}
            attentionCount={counts?.attention}
            formatPhone={formatPhone ?? ((e164) => e164)}
            onViewChange={setView}
            summary={
              counts
                ? isFiltered(view)
                  ? `Showing ${formatCount(shown.length)} of ${formatCount(counts.total)} subscriptions`
                  : `${formatCount(counts.total)} subscriptions: ${formatCount(counts.active)} active, ${formatCount(counts.inactive)} inactive`
                : ''
            }
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

      {drawer && <LazySubscriptionDrawer state={drawer} onClose={closeDrawer} />}
      {showShortcuts && (
        <Suspense fallback={null}>
          <ShortcutsDialog onClose={() => setShowShortcuts(false)} />
        </Suspense>
      )}
    </div>
  );
}
