import { Button } from '@/components/ui/button';
import { isFiltered } from '../model/view';
import { ListFreshness } from './list-freshness';
import { ListSummary } from './list-summary';
import type { ReviewPage } from './use-review-page';

/** The title, what the list holds (and "Select all N matching"), its freshness, and New subscription. */
export function PageHeader({ page }: { page: ReviewPage }) {
  const { list, counts, shown } = page.review;
  return (
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
            filtered={isFiltered(page.view)}
            onSelectAll={page.selectAllMatching}
          />
        </div>
      </div>
      <div className="flex items-center gap-3">
        <ListFreshness updatedAt={list.dataUpdatedAt} refreshing={list.isFetching} onRefresh={page.refreshAll} />
        {page.access.canWrite && (
          <Button variant="primary" data-new-subscription onClick={() => page.openCreate()}>
            New subscription
          </Button>
        )}
      </div>
    </header>
  );
}
