import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useMemo, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { catalogQueries, phoneNumberQueries, subscriptionQueries } from '../api/queries';
import { useSubscriptionsView } from '../lib/use-subscriptions-view';
import { applyView, countSubscriptions } from '../lib/view';
import { LazySubscriptionDrawer, prefetchDrawer, useIdleDrawerPrefetch } from './lazy-drawer';
import { LoadFailed, LoadingRows, NoMatches, NoSubscriptions, RefreshFailed } from './list-states';
import { SubscriptionsTable } from './subscriptions-table';
import { SubscriptionsToolbar } from './subscriptions-toolbar';

/** The page: header, toolbar, the table (or what stands in its place), and the drawer. */
export function SubscriptionsPage({ headerStatus }: { headerStatus?: ReactNode }) {
  // Requested at once, not one after another: the list, the catalog and the account's lines.
  const list = useQuery(subscriptionQueries.list());
  const catalog = useQuery(catalogQueries.list());
  useQuery(phoneNumberQueries.list());
  useIdleDrawerPrefetch();

  const { view, setView, drawer, openEdit, openCreate, closeDrawer } = useSubscriptionsView();
  const searchBox = useRef<HTMLInputElement>(null);
  const focusSearch = useCallback(() => searchBox.current?.focus(), []);

  const subscriptions = list.data;
  // Typing stays responsive on large accounts: the filter runs on the deferred value.
  const deferredQuery = useDeferredValue(view.q);
  const shown = useMemo(
    () => (subscriptions ? applyView(subscriptions, { ...view, q: deferredQuery }) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the view's fields are the dependencies
    [subscriptions, deferredQuery, view.status, view.sort, view.dir],
  );
  const counts = useMemo(() => (subscriptions ? countSubscriptions(subscriptions) : undefined), [subscriptions]);
  const filtered = view.q.trim() !== '' || view.status !== 'all';
  const retry = () => void list.refetch();

  let content: ReactNode;
  if (list.isPending) content = <LoadingRows />;
  else if (!subscriptions || !counts)
    content = <LoadFailed message={list.error?.message ?? ''} retrying={list.isFetching} onRetry={retry} />;
  else if (counts.total === 0) content = <NoSubscriptions onCreate={openCreate} />;
  else if (shown.length === 0)
    content = (
      <NoMatches
        view={view}
        onClear={() => {
          setView({ q: '', status: 'all' });
          // The button goes away with the empty view; focus goes to where the next search starts.
          focusSearch();
        }}
      />
    );
  else
    content = (
      <SubscriptionsTable
        subscriptions={shown}
        catalog={catalog.data?.events}
        sort={view.sort}
        dir={view.dir}
        onEdit={openEdit}
        onPrefetch={prefetchDrawer}
        onFocusLost={focusSearch}
      />
    );

  return (
    <div className="mx-auto flex min-h-screen max-w-[1400px] flex-col px-4 pb-16 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-4 py-5">
        <div>
          <p className="flex items-center gap-2 text-xs font-semibold tracking-wide text-accent-fg uppercase">
            Linq Webhook Console {headerStatus}
          </p>
          <h1 className="text-2xl font-semibold text-fg">Webhook subscriptions</h1>
        </div>
        <Button
          variant="primary"
          data-new-subscription
          onPointerEnter={prefetchDrawer}
          onFocus={prefetchDrawer}
          onClick={openCreate}
        >
          New subscription
        </Button>
      </header>

      <main className="flex flex-1 flex-col gap-3">
        <SubscriptionsToolbar view={view} counts={counts} onViewChange={setView} searchRef={searchBox} />

        <p className="text-sm text-fg-soft" aria-live="polite">
          {counts
            ? filtered
              ? `Showing ${shown.length} of ${counts.total} subscriptions`
              : `${counts.total} subscriptions: ${counts.active} active, ${counts.inactive} inactive`
            : ''}
        </p>

        {list.isError && subscriptions && (
          <RefreshFailed message={list.error.message} retrying={list.isFetching} onRetry={retry} />
        )}

        <section aria-label="Subscriptions" className="rounded-lg border border-line bg-surface">
          {content}
        </section>
      </main>

      {drawer && <LazySubscriptionDrawer state={drawer} onClose={closeDrawer} />}
    </div>
  );
}
