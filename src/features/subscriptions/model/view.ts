/**
 * What the table shows, kept in the page URL so a view can be shared and survives a reload:
 * search, status, the structured filters (event types, host, phone filter, needs attention)
 * and the sort. `edit` (the open drawer) lives beside them and is left alone here.
 */

import { PROBLEM_KINDS, type ProblemKind } from './problems';

export type StatusFilter = 'all' | 'active' | 'inactive';
export type SortKey = 'url' | 'created' | 'updated';
export type SortDirection = 'asc' | 'desc';

/** `phone`: any phone filter (''), subscriptions without one ('none'), or one naming this E.164 number. */
export const NO_PHONE_FILTER = 'none';

export interface ViewState {
  q: string;
  status: StatusFilter;
  /** Receives any of these event types (exact types; none: no event filter). */
  events: string[];
  /** Target URL host, lower case ('' for any). */
  host: string;
  phone: string;
  /** Only subscriptions with a problem (see problems.ts). */
  attention: boolean;
  /** With `attention`: only those with this problem ('' for any). */
  reason: ProblemKind | '';
  sort: SortKey;
  dir: SortDirection;
}

export const DEFAULT_VIEW: ViewState = {
  q: '',
  status: 'all',
  events: [],
  host: '',
  phone: '',
  attention: false,
  reason: '',
  sort: 'url',
  dir: 'asc',
};

const STATUSES: readonly StatusFilter[] = ['all', 'active', 'inactive'];
const SORT_KEYS: readonly SortKey[] = ['url', 'created', 'updated'];
/** The URL parameters this module owns; `event` may repeat. */
const PARAMETERS = ['q', 'status', 'event', 'host', 'phone', 'attention', 'reason', 'sort', 'dir'] as const;

export function readView(search: string): ViewState {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const sort = params.get('sort');
  const dir = params.get('dir');
  return {
    q: params.get('q') ?? '',
    status: STATUSES.find((value) => value === status) ?? DEFAULT_VIEW.status,
    events: [...new Set(params.getAll('event').filter((type) => type !== ''))],
    host: (params.get('host') ?? '').toLowerCase(),
    phone: params.get('phone') ?? '',
    attention: params.get('attention') === '1',
    reason: PROBLEM_KINDS.find((kind) => kind === params.get('reason')) ?? '',
    sort: SORT_KEYS.find((value) => value === sort) ?? DEFAULT_VIEW.sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_VIEW.dir,
  };
}

/** Writes the view into `search`, leaving other parameters (such as `edit`) alone; defaults are left out. */
export function writeView(search: string, view: ViewState): string {
  const params = new URLSearchParams(search);
  for (const key of PARAMETERS) params.delete(key);
  const set = (key: string, value: string, fallback: string) => {
    if (value !== '' && value !== fallback) params.set(key, value);
  };
  set('q', view.q, DEFAULT_VIEW.q);
  set('status', view.status, DEFAULT_VIEW.status);
  for (const type of view.events) params.append('event', type);
  set('host', view.host, DEFAULT_VIEW.host);
  set('phone', view.phone, DEFAULT_VIEW.phone);
  if (view.attention) params.set('attention', '1');
  if (view.attention && view.reason !== '') params.set('reason', view.reason);
  set('sort', view.sort, DEFAULT_VIEW.sort);
  set('dir', view.dir, DEFAULT_VIEW.dir);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** True when anything but the sort narrows what is shown. */
export function isFiltered(view: ViewState): boolean {
  return (
    view.q.trim() !== '' ||
    view.status !== 'all' ||
    view.events.length > 0 ||
    view.host !== '' ||
    view.phone !== '' ||
    view.attention
  );
}

/** The view with every filter cleared, the sort kept. */
export function clearFilters(view: ViewState): ViewState {
  return { ...DEFAULT_VIEW, sort: view.sort, dir: view.dir };
}
