import { describe, expect, it } from 'vitest';
import type { Subscription } from '@contract/schemas';
import { makeSubscription } from '@/test/factories';
import { applyView as applyWithContext, countSubscriptions, eventsForRow, facets, matchesSearch } from './filter';
import type { Problem } from '../model/problems';
import { DEFAULT_VIEW, NO_PHONE_FILTER, type ViewState } from '../model/view';

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

const flagged = new Set(['c3']);
const problemsOf = (subscription: Subscription): Problem[] =>
  flagged.has(subscription.id)
    ? [{ kind: 'not-in-catalog', summary: 's', detail: 'd', items: ['call.initiated'] }]
    : [];
const applyView = (list: readonly Subscription[], state: ViewState) => applyWithContext(list, state, { problemsOf });

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

describe('applyView: structured filters', () => {
  it('keeps subscriptions that receive any of the event types, matched exactly', () => {
    expect(ids(applyView(all, view({ events: ['reaction.added'] })))).toEqual(['b2']);
    expect(ids(applyView(all, view({ events: ['reaction.added', 'chat.created'] })))).toEqual(['b2', 'c3']);
    // "message" is a word of message.sent, not a type: no match.
    expect(ids(applyView(all, view({ events: ['message'] })))).toEqual([]);
  });

  it('filters by host, case-insensitively', () => {
    expect(ids(applyView(all, view({ host: 'charlie.example.org' })))).toEqual(['c3']);
  });

  it('filters by a number in the phone filter, or by having no phone filter', () => {
    expect(ids(applyView(all, view({ phone: '+14155550100' })))).toEqual(['a1']);
    expect(ids(applyView(all, view({ phone: NO_PHONE_FILTER })))).toEqual(['c3']);
  });

  it('keeps only subscriptions that need attention', () => {
    expect(ids(applyView(all, view({ attention: true })))).toEqual(['c3']);
  });

  it('composes every filter with search and status', () => {
    expect(ids(applyView(all, view({ events: ['chat.created'], status: 'inactive' })))).toEqual([]);
    expect(ids(applyView(all, view({ events: ['message.sent', 'reaction.added'], q: 'bravo' })))).toEqual(['b2']);
  });
});

describe('counts and facets', () => {
  it('counts active, inactive and needing attention, with each reason', () => {
    expect(countSubscriptions(all, { problemsOf })).toEqual({
      total: 3,
      active: 2,
      inactive: 1,
      attention: 1,
      reasons: { 'edited-without-version': 0, 'not-in-catalog': 1, 'not-a-line': 0 },
    });
  });

  it('narrows "Needs attention" to one reason', () => {
    const flaggedOnly = (reason: ViewState['reason']) =>
      applyView(all, { ...DEFAULT_VIEW, attention: true, reason }).map((entry) => entry.id);
    expect(flaggedOnly('')).toEqual([...flagged]);
    expect(flaggedOnly('not-in-catalog')).toEqual([...flagged]);
    expect(flaggedOnly('not-a-line')).toEqual([]);
  });

  it('lists hosts, event types and phone numbers with how many subscriptions have each', () => {
    const more = [...all, subscription({ id: 'd4', target_url: 'https://alpha.example.com/two', phone_numbers: [] })];
    const found = facets(more);
    expect(found.hosts).toEqual([
      ['alpha.example.com', 2],
      ['bravo.example.com', 1],
      ['charlie.example.org', 1],
    ]);
    expect(found.events.get('message.sent')).toBe(2);
    expect(found.events.get('call.initiated')).toBe(1);
    expect(found.phones).toEqual([
      ['+14155550100', 1],
      ['+442079460958', 1],
    ]);
    expect(found.withoutPhoneFilter).toBe(2);
  });

  it('gives the same facets to a list that only turned a subscription off, and new ones when its events change', () => {
    const first = facets(all);
    const toggled = all.map((item) => (item.id === 'a1' ? { ...item, is_active: false } : item));
    expect(facets(toggled)).toBe(first);
    const changed = all.map((item) => (item.id === 'a1' ? { ...item, subscribed_events: ['chat.created'] } : item));
    const recounted = facets(changed);
    expect(recounted).not.toBe(first);
    expect(recounted.events.get('chat.created')).toBe((first.events.get('chat.created') ?? 0) + 1);
  });

  it('puts the filtered event types first in a row', () => {
    expect(eventsForRow(['a', 'b', 'c', 'd'], ['c'])).toEqual(['c', 'a', 'b', 'd']);
    expect(eventsForRow(['a', 'b'], [])).toEqual(['a', 'b']);
  });
});
