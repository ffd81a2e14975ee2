import type { Subscription } from '@contract/schemas';

/**
 * What the table shows: search, status filter and sort, kept in the page URL so a view can be
 * shared and survives a reload. `edit` opens the drawer on a subscription (`?edit=<id>`).
 */

export type StatusFilter = 'all' | 'active' | 'inactive';
export type SortKey = 'url' | 'created' | 'updated';
export type SortDirection = 'asc' | 'desc';

export interface ViewState {
  q: string;
  status: StatusFilter;
  sort: SortKey;
  dir: SortDirection;
}

export const DEFAULT_VIEW: ViewState = { q: '', status: 'all', sort: 'url', dir: 'asc' };

const STATUSES: readonly StatusFilter[] = ['all', 'active', 'inactive'];
const SORT_KEYS: readonly SortKey[] = ['url', 'created', 'updated'];

export function readView(search: string): ViewState {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const sort = params.get('sort');
  const dir = params.get('dir');
  return {
    q: params.get('q') ?? '',
    status: STATUSES.find((value) => value === status) ?? DEFAULT_VIEW.status,
    sort: SORT_KEYS.find((value) => value === sort) ?? DEFAULT_VIEW.sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_VIEW.dir,
  };
}

/** Writes the view into `search`, leaving other parameters (such as `edit`) alone; defaults are left out. */
export function writeView(search: string, view: ViewState): string {
  const params = new URLSearchParams(search);
  for (const key of ['q', 'status', 'sort', 'dir'] as const) {
    const value = view[key];
    if (value === DEFAULT_VIEW[key] || value === '') params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

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

const searchCache = new WeakMap<Subscription, string>();

function cachedSearchText(subscription: Subscription): string {
  let text = searchCache.get(subscription);
  if (text === undefined) {
    text = searchText(subscription);
    searchCache.set(subscription, text);
  }
  return text;
}

/** Every word must match; a word of digits and spaces/dashes also matches phone digits ("415 555"). */
export function matchesSearch(subscription: Subscription, query: string): boolean {
  const trimmed = query.trim().toLowerCase();
  if (trimmed === '') return true;
  const text = cachedSearchText(subscription);
  if (/^[\d\s()+.-]+$/.test(trimmed) && /\d/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (text.includes(digits)) return true;
  }
  return trimmed.split(/\s+/).every((word) => text.includes(word));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const urlKeyCache = new WeakMap<Subscription, string>();

/** Sorts by host then path, without the scheme; computed once per subscription object. */
function urlSortKey(subscription: Subscription): string {
  let key = urlKeyCache.get(subscription);
  if (key === undefined) {
    key = subscription.target_url.replace(/^https?:\/\//i, '');
    urlKeyCache.set(subscription, key);
  }
  return key;
}

function compare(a: Subscription, b: Subscription, sort: SortKey): number {
  switch (sort) {
    case 'url':
      return collator.compare(urlSortKey(a), urlSortKey(b));
    case 'created':
      return a.created_at.localeCompare(b.created_at);
    case 'updated':
      return a.updated_at.localeCompare(b.updated_at);
  }
}

export function applyView(subscriptions: readonly Subscription[], view: ViewState): Subscription[] {
  const shown = subscriptions.filter(
    (subscription) =>
      (view.status === 'all' || subscription.is_active === (view.status === 'active')) &&
      matchesSearch(subscription, view.q),
  );
  const sign = view.dir === 'asc' ? 1 : -1;
  // Ties break on id so the order is stable across refetches.
  return shown.sort((a, b) => sign * compare(a, b, view.sort) || a.id.localeCompare(b.id));
}

export interface Counts {
  total: number;
  active: number;
  inactive: number;
}

export function countSubscriptions(subscriptions: readonly Subscription[]): Counts {
  let active = 0;
  for (const subscription of subscriptions) if (subscription.is_active) active += 1;
  return { total: subscriptions.length, active, inactive: subscriptions.length - active };
}

/** "hooks.example.com" and "/linq?version=…" of a target URL, for the two-tone cell. */
export function splitTargetUrl(targetUrl: string): { host: string; rest: string } {
  try {
    const url = new URL(targetUrl);
    const rest = `${url.pathname === '/' ? '' : url.pathname}${url.search}`;
    return { host: url.host, rest };
  } catch {
    return { host: targetUrl, rest: '' };
  }
}
