import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo } from 'react';
import {
  countSubscriptions,
  facets as computeFacets,
  prepareSearch,
  sortSubscriptions,
  viewPredicate,
} from '../filters/filter';
import { problemFinder } from '../model/problems';
import type { ViewState } from '../model/view';
import type { Subscription } from '@contract/schemas';
import { catalogQueries, phoneNumberQueries, subscriptionQueries } from './queries';
import { useLabels } from './use-labels';

/**
 * What the review page shows for a view: the list, the catalog and the account's lines
 * (requested at once, not one after another), each subscription's problems, the rows the view
 * shows, the counts and the filters' options.
 */
export function useSubscriptionsReview(view: ViewState) {
  const list = useQuery(subscriptionQueries.list());
  const catalog = useQuery(catalogQueries.list());
  const lines = useQuery(phoneNumberQueries.list());

  const subscriptions = list.data;
  const catalogEvents = catalog.data?.events;
  const problemsOf = useMemo(
    () => problemFinder({ catalog: catalogEvents, lines: lines.data }),
    [catalogEvents, lines.data],
  );
  const labels = useLabels();
  const context = useMemo(
    () => ({
      problemsOf,
      labelText: (subscription: Subscription) => {
        const label = labels.get(subscription.id);
        return label ? `${label.name}\n${label.note}`.toLowerCase() : '';
      },
    }),
    [problemsOf, labels],
  );
  // Typing stays responsive on large accounts: the filter runs on the deferred value.
  const deferredQuery = useDeferredValue(view.q);
  const eventsKey = view.events.join('\n');
  // One array per filter value, so memoised rows are not re-rendered by every render of the page.
  const highlighted = useMemo(() => (eventsKey === '' ? [] : eventsKey.split('\n')), [eventsKey]);
  const { status, host, phone, attention, reason, sort, dir } = view;
  // Sorted once per list and sort; a filter change then only filters.
  const sorted = useMemo(
    () => (subscriptions ? sortSubscriptions(subscriptions, sort, dir) : []),
    [subscriptions, sort, dir],
  );
  const shown = useMemo(
    () =>
      sorted.filter(
        viewPredicate({ q: deferredQuery, events: highlighted, status, host, phone, attention, reason }, context),
      ),
    [sorted, context, deferredQuery, highlighted, status, host, phone, attention, reason],
  );
  const shownIds = useMemo(() => shown.map((subscription) => subscription.id), [shown]);
  const listedIds = useMemo(() => (subscriptions ?? []).map((subscription) => subscription.id), [subscriptions]);
  // The counts and the filters' options go over every subscription (the attention count asks each
  // one's problems): they follow the rows in a render of their own, so the first rows do not wait
  // for them (undefined until then, as while loading).
  const counted = useDeferredValue(subscriptions);
  const counts = useMemo(() => (counted ? countSubscriptions(counted, context) : undefined), [counted, context]);
  const facets = useMemo(() => (counted ? computeFacets(counted) : undefined), [counted]);
  // After that render: each subscription's search text, once per list, before anyone searches.
  useEffect(() => {
    if (counted) prepareSearch(counted);
  }, [counted]);

  return {
    labels,
    list,
    catalog,
    lines,
    subscriptions,
    catalogEvents,
    problemsOf,
    highlighted,
    shown,
    shownIds,
    listedIds,
    counts,
    facets,
  };
}
