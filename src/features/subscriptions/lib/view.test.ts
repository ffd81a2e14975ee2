import { describe, expect, it } from 'vitest';
import type { Subscription } from '@contract/schemas';
import {
  applyView,
  countSubscriptions,
  DEFAULT_VIEW,
  matchesSearch,
  readView,
  splitTargetUrl,
  writeView,
  type ViewState,
} from './view';
import { makeSubscription } from '@/test/factories';

const subscription = makeSubscription;

const alpha = subscription({
  id: 'a1',
  target_url: 'https://alpha.example.com/hooks',
  subscribed_events: ['message.sent', 'message.received'],
  phone_numbers: ['+14155550100'],
  created_at: '2026-01-03T00:00:00.000Z',
  updated_at: '2026-02-01T00:00:00.000Z',
});
const bravo = subscription({
  id: 'b2',
  target_url: 'https://bravo.example.com/linq',
  subscribed_events: ['reaction.added'],
  phone_numbers: ['+442079460958'],
  is_active: false,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-03-01T00:00:00.000Z',
});
const charlie = subscription({
  id: 'c3',
  target_url: 'https://Charlie.example.org/in',
  subscribed_events: ['chat.created', 'call.initiated'],
  phone_numbers: undefined,
  created_at: '2026-01-02T00:00:00.000Z',
  updated_at: '2026-01-15T00:00:00.000Z',
});
const all = [bravo, charlie, alpha];

const view = (overrides: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...overrides });
const ids = (list: readonly Subscription[]) => list.map((entry) => entry.id);

describe('readView / writeView', () => {
  it('reads defaults from an empty search', () => {
    expect(readView('')).toEqual(DEFAULT_VIEW);
  });

  it('round-trips a non-default view through the URL', () => {
    const state: ViewState = { q: 'alpha hooks', status: 'inactive', sort: 'updated', dir: 'desc' };
    const search = writeView('', state);
    expect(search.startsWith('?')).toBe(true);
    expect(readView(search)).toEqual(state);
  });

  it('leaves default values out of the URL', () => {
    expect(writeView('', DEFAULT_VIEW)).toBe('');
    const search = writeView('', view({ status: 'active' }));
    expect(new URLSearchParams(search).get('status')).toBe('active');
    expect([...new URLSearchParams(search).keys()]).toEqual(['status']);
  });

  it('removes a parameter when it returns to its default', () => {
    expect(writeView('?q=alpha&sort=created&dir=desc', view({ q: '', sort: 'created' }))).toBe('?sort=created');
  });

  it('keeps the edit parameter and other unrelated parameters', () => {
    const search = writeView('?edit=abc-123&q=old', view({ q: 'new', sort: 'created' }));
    const params = new URLSearchParams(search);
    expect(params.get('edit')).toBe('abc-123');
    expect(params.get('q')).toBe('new');
    expect(params.get('sort')).toBe('created');
    expect(writeView('?edit=abc-123&status=active', DEFAULT_VIEW)).toBe('?edit=abc-123');
  });

  it('ignores unknown values, falling back to the defaults', () => {
    expect(readView('?status=deleted&sort=size&dir=sideways&q=x')).toEqual({ ...DEFAULT_VIEW, q: 'x' });
  });

  it('encodes a search with special characters safely', () => {
    const state = view({ q: 'a&b=c ?d' });
    expect(readView(writeView('', state))).toEqual(state);
  });
});

describe('applyView: search', () => {
  it('shows everything for an empty or blank search', () => {
    expect(ids(applyView(all, view({ q: '   ' })))).toEqual(['a1', 'b2', 'c3']);
  });

  it('matches the target URL, case-insensitively', () => {
    expect(ids(applyView(all, view({ q: 'BRAVO.example' })))).toEqual(['b2']);
    expect(ids(applyView(all, view({ q: 'charlie' })))).toEqual(['c3']);
  });

  it('matches the id', () => {
    expect(ids(applyView(all, view({ q: 'c3' })))).toEqual(['c3']);
  });

  it('matches an event type', () => {
    expect(ids(applyView(all, view({ q: 'reaction.added' })))).toEqual(['b2']);
    expect(ids(applyView(all, view({ q: 'call.' })))).toEqual(['c3']);
  });

  it('matches phone digits typed with spaces, dashes or brackets', () => {
    expect(ids(applyView(all, view({ q: '415 555' })))).toEqual(['a1']);
    expect(ids(applyView(all, view({ q: '(415) 555-0100' })))).toEqual(['a1']);
    expect(ids(applyView(all, view({ q: '+44 20 7946' })))).toEqual(['b2']);
    expect(ids(applyView(all, view({ q: '+14155550100' })))).toEqual(['a1']);
  });

  it('requires every word to match', () => {
    expect(ids(applyView(all, view({ q: 'example message.received' })))).toEqual(['a1']);
    expect(ids(applyView(all, view({ q: 'bravo message.received' })))).toEqual([]);
  });

  it('matchesSearch does not match a subscription without the text', () => {
    expect(matchesSearch(charlie, '415 555')).toBe(false);
  });
});

describe('applyView: status filter', () => {
  it('shows only active or only inactive subscriptions', () => {
    expect(ids(applyView(all, view({ status: 'active' })))).toEqual(['a1', 'c3']);
    expect(ids(applyView(all, view({ status: 'inactive' })))).toEqual(['b2']);
  });

  it('combines the status filter with the search', () => {
    expect(ids(applyView(all, view({ status: 'active', q: 'example.com' })))).toEqual(['a1']);
  });
});

describe('applyView: sort', () => {
  it('sorts by URL (host then path, ignoring scheme and case) both ways', () => {
    const withHttp = [...all, subscription({ id: 'd4', target_url: 'http://aardvark.example.com/' })];
    expect(ids(applyView(withHttp, view({ sort: 'url', dir: 'asc' })))).toEqual(['d4', 'a1', 'b2', 'c3']);
    expect(ids(applyView(withHttp, view({ sort: 'url', dir: 'desc' })))).toEqual(['c3', 'b2', 'a1', 'd4']);
  });

  it('sorts by creation time both ways', () => {
    expect(ids(applyView(all, view({ sort: 'created', dir: 'asc' })))).toEqual(['b2', 'c3', 'a1']);
    expect(ids(applyView(all, view({ sort: 'created', dir: 'desc' })))).toEqual(['a1', 'c3', 'b2']);
  });

  it('sorts by last change both ways', () => {
    expect(ids(applyView(all, view({ sort: 'updated', dir: 'asc' })))).toEqual(['c3', 'a1', 'b2']);
    expect(ids(applyView(all, view({ sort: 'updated', dir: 'desc' })))).toEqual(['b2', 'a1', 'c3']);
  });

  it('breaks ties on id so the order is stable', () => {
    const same = { created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
    const list = [
      subscription({ id: 'z', target_url: 'https://x.example', ...same }),
      subscription({ id: 'm', target_url: 'https://x.example', ...same }),
    ];
    expect(ids(applyView(list, view({ sort: 'created' })))).toEqual(['m', 'z']);
    expect(ids(applyView([...list].reverse(), view({ sort: 'created' })))).toEqual(['m', 'z']);
  });

  it('does not reorder the array it was given', () => {
    const input = [...all];
    applyView(input, view({ sort: 'created' }));
    expect(ids(input)).toEqual(['b2', 'c3', 'a1']);
  });
});

describe('countSubscriptions and splitTargetUrl', () => {
  it('counts active and inactive', () => {
    expect(countSubscriptions(all)).toEqual({ total: 3, active: 2, inactive: 1 });
  });

  it('splits a URL into host and the rest', () => {
    expect(splitTargetUrl('https://hooks.example.com/linq?version=2026-02-03')).toEqual({
      host: 'hooks.example.com',
      rest: '/linq?version=2026-02-03',
    });
    expect(splitTargetUrl('https://hooks.example.com/')).toEqual({ host: 'hooks.example.com', rest: '' });
    expect(splitTargetUrl('not a url')).toEqual({ host: 'not a url', rest: '' });
  });
});
