import { describe, expect, it } from 'vitest';
import { clearFilters, DEFAULT_VIEW, isFiltered, NO_PHONE_FILTER, readView, writeView, type ViewState } from './view';

const view = (overrides: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...overrides });

describe('readView / writeView', () => {
  it('reads defaults from an empty search', () => {
    expect(readView('')).toEqual(DEFAULT_VIEW);
  });

  it('round-trips a non-default view through the URL', () => {
    const state: ViewState = {
      q: 'alpha hooks',
      status: 'inactive',
      events: ['message.failed', 'message.edited'],
      host: 'hooks.acme.com',
      phone: '+14155550100',
      attention: true,
      reason: 'not-in-catalog',
      sort: 'updated',
      dir: 'desc',
    };
    const search = writeView('', state);
    expect(search.startsWith('?')).toBe(true);
    expect(readView(search)).toEqual(state);
  });

  it('reads a reason only among the known ones, and writes it only with Needs attention on', () => {
    expect(readView('?attention=1&reason=not-a-line')).toMatchObject({ attention: true, reason: 'not-a-line' });
    expect(readView('?attention=1&reason=whatever').reason).toBe('');
    expect(writeView('', view({ reason: 'not-a-line' }))).toBe('');
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

describe('structured filters in the URL', () => {
  it('repeats event for each event type, and reads them back in order, without duplicates', () => {
    const search = writeView('', view({ events: ['message.failed', 'reaction.added'] }));
    expect(new URLSearchParams(search).getAll('event')).toEqual(['message.failed', 'reaction.added']);
    expect(readView(`${search}&event=message.failed`).events).toEqual(['message.failed', 'reaction.added']);
  });

  it('keeps host (lower case), phone and attention, and leaves them out when unset', () => {
    const search = writeView('', view({ host: 'hooks.acme.com', phone: NO_PHONE_FILTER, attention: true }));
    expect(readView(search)).toMatchObject({ host: 'hooks.acme.com', phone: 'none', attention: true });
    expect(readView('?host=Hooks.ACME.com').host).toBe('hooks.acme.com');
    expect(writeView('?host=x&attention=1&phone=none&event=a', DEFAULT_VIEW)).toBe('');
  });

  it('says when a view is filtered, and clears every filter but the sort', () => {
    expect(isFiltered(DEFAULT_VIEW)).toBe(false);
    expect(isFiltered(view({ sort: 'created' }))).toBe(false);
    for (const patch of [{ q: 'x' }, { events: ['a'] }, { host: 'h' }, { phone: 'none' }, { attention: true }]) {
      expect(isFiltered(view(patch))).toBe(true);
    }
    expect(clearFilters(view({ q: 'x', events: ['a'], sort: 'updated', dir: 'desc' }))).toEqual(
      view({ sort: 'updated', dir: 'desc' }),
    );
  });
});
