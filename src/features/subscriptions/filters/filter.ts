import type { Subscription } from '@contract/schemas';
import { PROBLEM_KINDS, type Problem, type ProblemKind } from '../model/problems';
import { hostOf } from '../model/url-display';
import { NO_PHONE_FILTER, type SortKey, type ViewState } from '../model/view';

/** Search, filters and sort of the table, and the counts the filters offer. Pure, for 10,000 rows. */

/** Lower-case text a search matches against: URL, id, event types, phone numbers (with and without +). */
export function searchText(subscription: Subscription): string {
  const phones = subscription.phone_numbers ?? [];
  return [
    subscription.target_url,
    subscription.id,
    ...subscription.subscribed_events,
    ...phones,
    ...phones.map((phone) => phone.replace(/\D/g, '')),
  ]
    .join('\n')
    .toLowerCase();
}

/** Per subscription object: computed once, whatever the number of keystrokes or sorts. */
function memo<T>(compute: (subscription: Subscription) => T): (subscription: Subscription) => T {
  const cache = new WeakMap<Subscription, T>();
  return (subscription) => {
    let value = cache.get(subscription);
    if (value === undefined) {
      value = compute(subscription);
      cache.set(subscription, value);
    }
    return value;
  };
}

const cachedSearchText = memo(searchText);
const cachedHost = memo((subscription) => hostOf(subscription.target_url));
/** Host then path, without the scheme, case-folded, numbers padded so "9" sorts before "10". */
const urlSortKey = memo((subscription) =>
  subscription.target_url
    .replace(/^https?:\/\//i, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.padStart(16, '0')),
);

/**
 * Reads every subscription's search text now (it is kept per subscription object), so that the
 * first search, typed or pasted, does not read 10,000 of them while the person waits.
 */
export function prepareSearch(subscriptions: readonly Subscription[]): void {
  for (const subscription of subscriptions) cachedSearchText(subscription);
}

/** A search query, read once: its words, and its digits when it looks like a phone number. */
interface Search {
  words: string[];
  digits: string | undefined;
}

function compileSearch(query: string): Search | undefined {
  const trimmed = query.trim().toLowerCase();
  if (trimmed === '') return undefined;
  const phoneLike = /^[\d\s()+.-]+$/.test(trimmed) && /\d/.test(trimmed);
  return { words: trimmed.split(/\s+/), digits: phoneLike ? trimmed.replace(/\D/g, '') : undefined };
}

function matchesCompiledSearch(text: string, search: Search): boolean {
  if (search.digits !== undefined && text.includes(search.digits)) return true;
  return search.words.every((word) => text.includes(word));
}

/**
 * Every word must match; a word of digits and spaces/dashes also matches phone digits ("415 555").
 * `extra`: more lower-case text to match (the console's label for it).
 */
export function matchesSearch(subscription: Subscription, query: string, extra = ''): boolean {
  const search = compileSearch(query);
  if (!search) return true;
  return matchesCompiledSearch(
    extra === '' ? cachedSearchText(subscription) : `${cachedSearchText(subscription)}\n${extra}`,
    search,
  );
}

function matchesPhone(subscription: Subscription, phone: string): boolean {
  const phones = subscription.phone_numbers ?? [];
  return phone === NO_PHONE_FILTER ? phones.length === 0 : phones.includes(phone);
}

function sortKey(subscription: Subscription, sort: SortKey): string {
  switch (sort) {
    case 'url':
      return urlSortKey(subscription);
    case 'created':
      return subscription.created_at;
    case 'updated':
      return subscription.updated_at;
  }
}

export interface ViewContext {
  problemsOf: (subscription: Subscription) => Problem[];
  /** The console's label of a subscription, lower case, for the search ('' when it has none). */
  labelText?: (subscription: Subscription) => string;
}

export type ViewFilters = Omit<ViewState, 'sort' | 'dir'>;

/** The filters of a view as one test per subscription, with the query read once, not once per row. */
export function viewPredicate(view: ViewFilters, context: ViewContext): (subscription: Subscription) => boolean {
  const search = compileSearch(view.q);
  const { status, events, host, phone, attention, reason } = view;
  return (subscription) => {
    if (status !== 'all' && subscription.is_active !== (status === 'active')) return false;
    if (events.length > 0 && !events.some((type) => subscription.subscribed_events.includes(type))) return false;
    if (host !== '' && cachedHost(subscription) !== host) return false;
    if (phone !== '' && !matchesPhone(subscription, phone)) return false;
    if (attention && !hasProblem(context.problemsOf(subscription), reason)) return false;
    if (!search) return true;
    const extra = context.labelText?.(subscription) ?? '';
    return matchesCompiledSearch(
      extra === '' ? cachedSearchText(subscription) : `${cachedSearchText(subscription)}\n${extra}`,
      search,
    );
  };
}

/**
 * The whole list in a view's order. Sorted once per list and sort, so a filter change only
 * filters (the order is kept by Array.filter).
 */
export function sortSubscriptions(
  subscriptions: readonly Subscription[],
  sort: SortKey,
  dir: ViewState['dir'],
): Subscription[] {
  // Keys are computed once per subscription and compared as plain strings: no collator per comparison.
  const keyed = subscriptions.map((subscription) => ({ subscription, key: sortKey(subscription, sort) }));
  const sign = dir === 'asc' ? 1 : -1;
  // Ties break on id so the order is stable across refetches.
  keyed.sort(
    (a, b) =>
      sign * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (a.subscription.id < b.subscription.id ? -1 : a.subscription.id > b.subscription.id ? 1 : 0),
  );
  return keyed.map((entry) => entry.subscription);
}

/** The rows a view shows, in its order. */
export function applyView(
  subscriptions: readonly Subscription[],
  view: ViewState,
  context: ViewContext,
): Subscription[] {
  return sortSubscriptions(subscriptions, view.sort, view.dir).filter(viewPredicate(view, context));
}

const hasProblem = (problems: readonly Problem[], reason: ProblemKind | '') =>
  reason === '' ? problems.length > 0 : problems.some((problem) => problem.kind === reason);

export interface Counts {
  total: number;
  active: number;
  inactive: number;
  attention: number;
  /** How many have each problem (one subscription may count under several). */
  reasons: Record<ProblemKind, number>;
}

export function countSubscriptions(subscriptions: readonly Subscription[], context: ViewContext): Counts {
  let active = 0;
  let attention = 0;
  const reasons = Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, 0])) as Record<ProblemKind, number>;
  for (const subscription of subscriptions) {
    if (subscription.is_active) active += 1;
    const problems = context.problemsOf(subscription);
    if (problems.length > 0) attention += 1;
    for (const problem of problems) reasons[problem.kind] += 1;
  }
  return { total: subscriptions.length, active, inactive: subscriptions.length - active, attention, reasons };
}

export interface Facets {
  /** Each host with the number of subscriptions to it, most first. */
  hosts: [host: string, count: number][];
  /** Each event type carried by a subscription, with how many carry it. */
  events: Map<string, number>;
  /** Each number named in a phone filter, with how many name it, most first. */
  phones: [phone: string, count: number][];
  /** Subscriptions with no phone filter (every number). */
  withoutPhoneFilter: number;
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

const sameList = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((item, index) => item === b[index]));

/**
 * Whether two versions of the list offer the same facets: the same subscriptions in the same
 * places, with the same URL, event types and phone filter. A toggle changes none of them.
 */
function sameFacetInputs(a: readonly Subscription[], b: readonly Subscription[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, index) => {
    const y = b[index]!;
    return (
      x === y ||
      (x.target_url === y.target_url &&
        sameList(x.subscribed_events, y.subscribed_events) &&
        sameList(x.phone_numbers ?? [], y.phone_numbers ?? []))
    );
  });
}

/** The last list counted: a toggle replaces the list, and its facets are the same as before. */
let lastCounted: { subscriptions: readonly Subscription[]; facets: Facets } | undefined;

/** What the filters offer, with counts over the whole account. */
export function facets(subscriptions: readonly Subscription[]): Facets {
  if (lastCounted && sameFacetInputs(lastCounted.subscriptions, subscriptions)) {
    lastCounted = { subscriptions, facets: lastCounted.facets };
    return lastCounted.facets;
  }
  lastCounted = { subscriptions, facets: countFacets(subscriptions) };
  return lastCounted.facets;
}

function countFacets(subscriptions: readonly Subscription[]): Facets {
  const hosts = new Map<string, number>();
  const events = new Map<string, number>();
  const phones = new Map<string, number>();
  let withoutPhoneFilter = 0;
  for (const subscription of subscriptions) {
    const host = cachedHost(subscription);
    hosts.set(host, (hosts.get(host) ?? 0) + 1);
    for (const type of subscription.subscribed_events) events.set(type, (events.get(type) ?? 0) + 1);
    const numbers = subscription.phone_numbers ?? [];
    if (numbers.length === 0) withoutPhoneFilter += 1;
    for (const phone of numbers) phones.set(phone, (phones.get(phone) ?? 0) + 1);
  }
  return { hosts: [...hosts].sort(byCount), events, phones: [...phones].sort(byCount), withoutPhoneFilter };
}

/** The event types to show in a row: those the event filter asks for first, then the rest in order. */
export function eventsForRow(events: readonly string[], filtered: readonly string[]): string[] {
  if (filtered.length === 0) return [...events];
  const wanted = new Set(filtered);
  return [...events.filter((type) => wanted.has(type)), ...events.filter((type) => !wanted.has(type))];
}
