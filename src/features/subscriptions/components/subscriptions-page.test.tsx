import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { envelope, installFakeApi, type FakeResponse, type RecordedRequest } from '@/test/fake-api';
import { createTestQueryClient, renderWithClient } from '@/test/render';
import type { Subscription } from '../api/schemas';
import { subscriptionQueries } from '../api/subscriptions';
import { SubscriptionsPage } from './subscriptions-page';

vi.mock('@/components/ui/toaster', () => {
  const ignore = () => undefined;
  return { toast: Object.assign(ignore, { success: ignore, error: ignore }) };
});

beforeEach(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  // The page prefetches the drawer when idle; not needed here.
  vi.stubGlobal('requestIdleCallback', () => 0);
  // The virtualiser scrolls the window; jsdom has no scrolling.
  vi.stubGlobal('scrollTo', () => undefined);
});

afterEach(() => {
  // Vitest runs without globals here, so Testing Library cannot register its own cleanup.
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

function subscription(id: string, url: string, overrides: Partial<Subscription> = {}): Subscription {
  return {
    id,
    target_url: url,
    subscribed_events: ['message.sent'],
    phone_numbers: null,
    is_active: true,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const A = subscription('sub-a', 'https://a.example.com/hook');
const B = subscription('sub-b', 'https://b.example.com/hook');
const C = subscription('sub-c', 'https://c.example.com/hook');

/** The sandbox in miniature: a list, PUTs applied to it, and the catalog and lines the page asks for. */
function fakeServer(initial: Subscription[], { failList = false } = {}) {
  let stored = initial.map((entry) => ({ ...entry }));
  const api = installFakeApi((request: RecordedRequest): FakeResponse => {
    if (request.method === 'GET' && request.path === '/v3/webhook-subscriptions') {
      return failList ? envelope(500, 3006, 'Internal server error') : { status: 200, body: { subscriptions: stored } };
    }
    if (request.method === 'GET' && request.path === '/v3/webhook-events') return { status: 200, body: { events: ['message.sent'] } };
    if (request.method === 'GET' && request.path === '/v3/phone_numbers') return { status: 200, body: { phone_numbers: [] } };
    const put = /^\/v3\/webhook-subscriptions\/(.+)$/.exec(request.path);
    if (request.method === 'PUT' && put) {
      stored = stored.map((entry) => (entry.id === put[1] ? { ...entry, ...(request.body as Partial<Subscription>) } : entry));
      return { status: 200, body: stored.find((entry) => entry.id === put[1]) };
    }
    return envelope(404, 2001, 'Resource not found');
  });
  return {
    api,
    /** Deletes a subscription as another tab would: the next list answer lacks it. */
    remove: (id: string) => {
      stored = stored.filter((entry) => entry.id !== id);
    },
  };
}

function renderPage(subscriptions: Subscription[], search = '') {
  window.history.replaceState(null, '', `/${search}`);
  const client = createTestQueryClient();
  client.setQueryData(subscriptionQueries.list().queryKey, subscriptions);
  const user = userEvent.setup({ delay: null });
  renderWithClient(<SubscriptionsPage />, { client });
  return { client, user };
}

const toggle = (subscription: Subscription) => screen.getByRole('switch', { name: `Active — ${subscription.target_url}` });

describe('SubscriptionsPage', () => {
  it('ends the server message with a full stop before the next sentence of the refresh banner', async () => {
    fakeServer([A], { failList: true });
    const { client } = renderPage([A]);
    await client.refetchQueries({ queryKey: subscriptionQueries.lists() });

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Could not refresh the list: Internal server error. Showing the subscriptions as last loaded.');
  });

  it('names the "+N more" events button after the subscription it opens', () => {
    fakeServer([]);
    const url = 'https://hooks.example.com/many';
    renderPage([subscription('sub-m', url, { subscribed_events: ['message.sent', 'message.received', 'message.read', 'message.edited'] })]);

    expect(screen.getByRole('button', { name: `+2 more events of ${url}: message.read, message.edited` })).toBeInTheDocument();
  });

  it('moves focus to the next row\'s switch when a switch turned off leaves the Active view', async () => {
    fakeServer([A, B, C]);
    const { user } = renderPage([A, B, C], '?status=active');

    toggle(A).focus();
    await user.keyboard(' ');

    await waitFor(() => expect(screen.queryByRole('switch', { name: `Active — ${A.target_url}` })).not.toBeInTheDocument());
    expect(toggle(B)).toHaveFocus();
  });

  it('moves focus to the previous row\'s switch when the last row leaves, and to the search box when no row is left', async () => {
    fakeServer([A, B]);
    const { user } = renderPage([A, B], '?status=active');

    toggle(B).focus();
    await user.keyboard(' ');
    await waitFor(() => expect(screen.queryByRole('switch', { name: `Active — ${B.target_url}` })).not.toBeInTheDocument());
    expect(toggle(A)).toHaveFocus();

    await user.keyboard(' ');
    await screen.findByText('No subscriptions match this view');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
  });

  it('keeps the focus in the same column: the row\'s Edit button goes to the next row\'s Edit button', async () => {
    const server = fakeServer([A, B]);
    const { client } = renderPage([A, B]);
    await waitFor(() => expect(client.isFetching()).toBe(0));

    screen.getByRole('button', { name: `Edit ${A.target_url}` }).focus();
    // Deleted elsewhere: the next list no longer has it.
    server.remove(A.id);
    await client.refetchQueries({ queryKey: subscriptionQueries.lists() });

    await waitFor(() => expect(screen.getByRole('button', { name: `Edit ${B.target_url}` })).toHaveFocus());
  });

  it('focuses the search box after "Clear search and filter"', async () => {
    fakeServer([A]);
    const { user } = renderPage([A], '?q=nothing-matches');

    await user.click(screen.getByRole('button', { name: 'Clear search and filter' }));

    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
    expect(toggle(A)).toBeInTheDocument();
  });
});
