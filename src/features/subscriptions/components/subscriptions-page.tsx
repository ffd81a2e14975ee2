import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  lazy,
  Suspense,
  type ReactNode,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { useUrlSearch } from '@/lib/use-url-state';
import { cn } from '@/lib/cn';
import { sentence } from '@/lib/text';
import { catalogQueries, phoneNumberQueries, subscriptionQueries } from '../api/subscriptions';
import {
  applyView,
  countSubscriptions,
  readView,
  writeView,
  type SortDirection,
  type SortKey,
  type StatusFilter,
  type ViewState,
} from '../lib/view';
import type { DrawerState } from './subscription-drawer-state';
import { SubscriptionsTable } from './subscriptions-table';

/** The drawer (forms, validation, phone parsing, event grid) loads on demand, prefetched when idle or on hover. */
const loadDrawer = () => import('./subscription-drawer');
const SubscriptionDrawer = lazy(loadDrawer);
let drawerPrefetched = false;
function prefetchDrawer(): void {
  if (drawerPrefetched) return;
  drawerPrefetched = true;
  void loadDrawer();
}

const URL_WRITE_DELAY_MS = 300;

const SORT_OPTIONS: { sort: SortKey; dir: SortDirection; label: string }[] = [
  { sort: 'url', dir: 'asc', label: 'Target URL, A to Z' },
  { sort: 'url', dir: 'desc', label: 'Target URL, Z to A' },
  { sort: 'updated', dir: 'desc', label: 'Recently changed first' },
  { sort: 'updated', dir: 'asc', label: 'Least recently changed first' },
  { sort: 'created', dir: 'desc', label: 'Newest first' },
  { sort: 'created', dir: 'asc', label: 'Oldest first' },
];

export function SubscriptionsPage({ headerStatus }: { headerStatus?: ReactNode }) {
  const queryClient = useQueryClient();
  // Requested at once, not one after another: the list, the catalog and the account's lines.
  const list = useQuery(subscriptionQueries.list());
  const catalog = useQuery(catalogQueries.list());
  useEffect(() => {
    void queryClient.prefetchQuery(phoneNumberQueries.list());
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 1500));
    idle(() => prefetchDrawer());
  }, [queryClient]);

  const [search, setSearch] = useUrlSearch();
  const searchBox = useRef<HTMLInputElement>(null);
  const focusSearch = useCallback(() => searchBox.current?.focus(), []);
  // The search box answers every keystroke from state; the URL follows a moment later (browsers
  // throttle history writes, and a shared link does not need every keystroke).
  const [query, setQuery] = useState(() => readView(search).q);
  const view = { ...readView(search), q: query };
  const editId = new URLSearchParams(search).get('edit');
  const [creating, setCreating] = useState(false);
  const drawer: DrawerState = creating ? { kind: 'create' } : editId ? { kind: 'edit', id: editId } : null;

  const setView = useCallback(
    (patch: Partial<ViewState>) => {
      if (patch.q !== undefined) setQuery(patch.q);
      setSearch((current) => writeView(current, { ...readView(current), ...patch }));
    },
    [setSearch],
  );
  useEffect(() => {
    const timer = setTimeout(
      () => setSearch((current) => writeView(current, { ...readView(current), q: query })),
      URL_WRITE_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [query, setSearch]);
  const openEdit = useCallback(
    (id: string) => {
      setCreating(false);
      setSearch((current) => {
        const params = new URLSearchParams(current);
        params.set('edit', id);
        return `?${params.toString()}`;
      });
    },
    [setSearch],
  );
  const closeDrawer = useCallback(() => {
    setCreating(false);
    setSearch((current) => {
      const params = new URLSearchParams(current);
      params.delete('edit');
      const text = params.toString();
      return text ? `?${text}` : '';
    });
  }, [setSearch]);

  const subscriptions = list.data;
  // Typing stays responsive on large accounts: the filter runs on the deferred value.
  const deferredQuery = useDeferredValue(view.q);
  const shown = useMemo(
    () => (subscriptions ? applyView(subscriptions, { ...view, q: deferredQuery }) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the view's fields are the dependencies
    [subscriptions, deferredQuery, view.status, view.sort, view.dir],
  );
  const counts = useMemo(() => countSubscriptions(subscriptions ?? []), [subscriptions]);
  const filtered = view.q.trim() !== '' || view.status !== 'all';

  return (
    <div className="mx-auto flex min-h-screen max-w-[1400px] flex-col px-4 pb-16 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-4 py-5">
        <div>
          <p className="flex items-center gap-2 text-xs font-semibold tracking-wide text-indigo-700 uppercase dark:text-indigo-300">
            Linq Webhook Console {headerStatus}
          </p>
          <h1 className="text-2xl font-semibold text-zinc-900 dark:text-zinc-50">Webhook subscriptions</h1>
        </div>
        <Button
          variant="primary"
          data-new-subscription
          onPointerEnter={prefetchDrawer}
          onFocus={prefetchDrawer}
          onClick={() => {
            closeDrawer();
            setCreating(true);
          }}
        >
          New subscription
        </Button>
      </header>

      <main className="flex flex-1 flex-col gap-3">
        <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Subscriptions">
          <div className="min-w-64 flex-1">
            <label
              htmlFor="subscription-search"
              className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300"
            >
              Search
            </label>
            <Input
              ref={searchBox}
              id="subscription-search"
              type="search"
              value={view.q}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="URL, id, event type or phone number"
              autoComplete="off"
            />
          </div>
          <fieldset className="flex flex-col">
            <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Status</legend>
            <div className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
              {(['all', 'active', 'inactive'] as const satisfies readonly StatusFilter[]).map((status) => (
                <label
                  key={status}
                  className={cn(
                    'cursor-pointer rounded px-3 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500',
                    view.status === status
                      ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900'
                      : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800',
                  )}
                >
                  <input
                    type="radio"
                    name="status"
                    value={status}
                    checked={view.status === status}
                    onChange={() => setView({ status })}
                    className="sr-only"
                  />
                  {status === 'all' ? 'All' : status === 'active' ? 'Active' : 'Inactive'}{' '}
                  <span className="tabular-nums">
                    {subscriptions ? counts[status === 'all' ? 'total' : status] : '–'}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label
              htmlFor="subscription-sort"
              className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300"
            >
              Sort
            </label>
            <select
              id="subscription-sort"
              value={`${view.sort}:${view.dir}`}
              onChange={(event) => {
                const option = SORT_OPTIONS.find(({ sort, dir }) => `${sort}:${dir}` === event.target.value);
                if (option) setView({ sort: option.sort, dir: option.dir });
              }}
              className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
            >
              {SORT_OPTIONS.map((option) => (
                <option key={`${option.sort}:${option.dir}`} value={`${option.sort}:${option.dir}`}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </div>

        <p className="text-sm text-zinc-700 dark:text-zinc-300" aria-live="polite">
          {subscriptions
            ? filtered
              ? `Showing ${shown.length} of ${counts.total} subscriptions`
              : `${counts.total} subscriptions: ${counts.active} active, ${counts.inactive} inactive`
            : ''}
        </p>

        {list.isError && subscriptions && (
          <div
            role="alert"
            className="flex flex-wrap items-center gap-3 rounded-md border border-amber-400 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            <span>
              Could not refresh the list: {sentence(list.error.message)} Showing the subscriptions as last loaded.
            </span>
            <Button size="sm" onClick={() => void list.refetch()} disabled={list.isFetching}>
              {list.isFetching ? 'Retrying…' : 'Retry'}
            </Button>
          </div>
        )}

        <section
          aria-label="Subscriptions"
          className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
        >
          {list.isPending ? (
            <LoadingRows />
          ) : list.isError && !subscriptions ? (
            <StateMessage
              title="Could not load the subscriptions"
              body={sentence(list.error.message)}
              action={
                <Button variant="primary" onClick={() => void list.refetch()} disabled={list.isFetching}>
                  {list.isFetching ? 'Retrying…' : 'Retry'}
                </Button>
              }
            />
          ) : counts.total === 0 ? (
            <StateMessage
              title="No webhook subscriptions yet"
              body="Create one to start receiving message, reaction, chat and call events at your URL."
              action={
                <Button variant="primary" onClick={() => setCreating(true)}>
                  Create a subscription
                </Button>
              }
            />
          ) : shown.length === 0 ? (
            <StateMessage
              title="No subscriptions match this view"
              body={
                view.q.trim()
                  ? `Nothing matches “${view.q.trim()}”${view.status !== 'all' ? ` among ${view.status} subscriptions` : ''}.`
                  : `There are no ${view.status} subscriptions.`
              }
              action={
                <Button
                  onClick={() => {
                    setView({ q: '', status: 'all' });
                    // The button goes away with the empty view; focus goes to where the next search starts.
                    focusSearch();
                  }}
                >
                  Clear search and filter
                </Button>
              }
            />
          ) : (
            <SubscriptionsTable
              subscriptions={shown}
              catalog={catalog.data?.events}
              sort={view.sort}
              dir={view.dir}
              onEdit={openEdit}
              onPrefetch={prefetchDrawer}
              onFocusLost={focusSearch}
            />
          )}
        </section>
      </main>

      {drawer && (
        <Suspense fallback={null}>
          <SubscriptionDrawer state={drawer} onClose={closeDrawer} />
        </Suspense>
      )}
    </div>
  );
}

function LoadingRows() {
  return (
    <div role="status" aria-label="Loading subscriptions" className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="flex items-center gap-6 px-4 py-5">
          <Skeleton className="h-4 w-1/3" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 w-1/5" />
          <Skeleton className="h-4 w-24" />
        </div>
      ))}
    </div>
  );
}

function StateMessage({ title, body, action }: { title: string; body: string; action: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-50">{title}</h2>
      <p className="max-w-prose text-sm text-zinc-700 dark:text-zinc-300">{body}</p>
      {action}
    </div>
  );
}
