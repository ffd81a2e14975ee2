import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useWriteAccess } from '@/lib/session';
import { useSubscriptionsReview } from '../api/use-subscriptions-review';
import type { BulkRequest } from '../bulk/bulk-bar';
import { useBulkJobWatch } from '../bulk/use-bulk-job';
import { itemsOfReason, type ProblemKind } from '../model/problems';
import { useSelection, type Selection } from '../bulk/use-selection';
import { usePhoneFormatter } from '../model/use-phone-formatter';
import { useSubscriptionsView } from '../model/use-subscriptions-view';
import { clearFilters } from '../model/view';
import type { TableHandle } from '../table/subscriptions-table';
import type { RowModel, TableModel } from '../table/table-model';
import { usePageShortcuts } from './use-page-shortcuts';

/**
 * The review page's state in one place: the view (from the URL), what it shows, the selection,
 * the page's keys, and the table's view model (memoised, so rows render again only when what
 * they show changes).
 */
export function useReviewPage() {
  const view = useSubscriptionsView();
  const review = useSubscriptionsReview(view.view);
  const formatPhone = usePhoneFormatter();
  const selection = useSelection(review.listedIds);
  const access = useWriteAccess();
  // Bulk jobs run on the console server: the page shows the one running (or interrupted) and follows it.
  useBulkJobWatch();

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
  const { shownIds } = review;
  const onSelect = useRowSelect(toggleSelected, shownIds);
  const selectAllMatching = useCallback(() => setMany(shownIds, true), [setMany, shownIds]);
  const allShownSelected = useMemo(
    () => shownIds.length > 0 && shownIds.every((id) => selection.selected.has(id)),
    [shownIds, selection.selected],
  );

  const { labels, catalogEvents, highlighted, problemsOf } = review;
  const { openEdit, openDuplicate } = view;
  const row = useMemo<RowModel | undefined>(
    () =>
      formatPhone && {
        labels,
        catalog: catalogEvents,
        highlighted,
        problemsOf,
        formatPhone,
        canWrite: access.canWrite,
        onSelect,
        onEdit: openEdit,
        onDuplicate: openDuplicate,
      },
    [labels, catalogEvents, highlighted, problemsOf, formatPhone, access.canWrite, onSelect, openEdit, openDuplicate],
  );
  const { subscriptions, shown } = review;
  const { sort, dir } = view.view;
  const { selected } = selection;
  const tableModel = useMemo((): TableModel | undefined => {
    if (!row || !subscriptions) return undefined;
    return {
      subscriptions: shown,
      all: subscriptions,
      sort,
      dir,
      selected,
      onSelectMany: setMany,
      onFocusLost: focusSearch,
      row,
    };
  }, [row, subscriptions, shown, sort, dir, selected, setMany, focusSearch]);

  const clear = () => {
    view.setView(clearFilters(view.view));
    // The button goes away with the empty view; focus goes to where the next search starts.
    focusSearch();
  };
  // A reason's bulk fix: the rows shown selected, and the bar asked to confirm removing its types.
  const [bulkRequest, setBulkRequest] = useState<BulkRequest>();
  const bulkFix = (reason: ProblemKind) => {
    selection.replace(shownIds);
    const types = itemsOfReason(reason, review.shown, review.problemsOf);
    setBulkRequest({ types, key: (bulkRequest?.key ?? 0) + 1 });
  };
  const refreshAll = () => {
    void review.list.refetch();
    if (review.catalog.isError) void review.catalog.refetch();
    void review.lines.refetch();
  };

  return {
    ...view,
    review,
    formatPhone,
    selection,
    access,
    searchBox,
    table,
    tableModel,
    shortcuts: { open: showShortcuts, close: () => setShowShortcuts(false) },
    selectAllMatching: allShownSelected ? undefined : selectAllMatching,
    clear,
    refreshAll,
    bulkRequest,
    bulkFix: access.canWrite ? bulkFix : undefined,
  };
}

export type ReviewPage = ReturnType<typeof useReviewPage>;

/**
 * The rows' select handler. It stays the same function while the view changes (a toggle gives a
 * new list), so memoised rows do not all render again; a shift-click reads the order shown at
 * that moment.
 */
function useRowSelect(toggle: Selection['toggle'], shownIds: readonly string[]) {
  const shownOrder = useRef(shownIds);
  useEffect(() => {
    shownOrder.current = shownIds;
  }, [shownIds]);
  return useCallback(
    (id: string, range: boolean) => toggle(id, range ? { order: shownOrder.current } : undefined),
    [toggle],
  );
}
