import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Label } from '@contract/console';
import type { Subscription } from '@contract/schemas';
import { makeCatalog, makeSubscription } from '@/test/factories';
import { deferred } from '@/test/deferred';
import { installFakeLinq } from '@/test/fake-linq';
import { createTestQueryClient, renderWithClient } from '@/test/render';
import { subscriptionQueries } from '../api/queries';
import { ROW_HEIGHT } from '../table/subscription-row';
import { SubscriptionsPage } from './subscriptions-page';

beforeAll(async () => {
  // The page loads the table and the drawer lazily. Loaded here, while the test environment is
  // up, so no import of them is still resolving when the file's environment is torn down.
  await Promise.all([import('./review-chunk'), import('../drawer/subscription-drawer'), import('../bulk/bulk-bar')]);
});

function subscription(id: string, url: string, overrides: Partial<Subscription> = {}): Subscription {
  return makeSubscription({ id, target_url: url, ...overrides });
}

const A = subscription('sub-a', 'https://a.example.com/hook');
const B = subscription('sub-b', 'https://b.example.com/hook');
const C = subscription('sub-c', 'https://c.example.com/hook');

/** The fake Linq with these subscriptions; `failList` answers every list request with a 500. */
function fakeServer(initial: Subscription[], { failList = false, labels = [] as Label[], viewer = false } = {}) {
  const linq = installFakeLinq({
    subscriptions: initial,
    catalog: makeCatalog(['message.sent']),
    labels,
    ...(viewer && {
      session: { auth: 'proxy', user: { email: 'vera@example.com', name: null }, role: 'viewer', sign_out_url: null },
    }),
  });
  if (failList) {
    linq.intercept((request) => (request.endpoint === 'listSubscriptions' ? linq.model.failure() : undefined));
  }
  return linq;
}

function renderPage(subscriptions: Subscription[], search = '') {
  window.history.replaceState(null, '', `/${search}`);
  const client = createTestQueryClient();
  client.setQueryData(subscriptionQueries.list().queryKey, subscriptions);
  const user = userEvent.setup({ delay: null });
  renderWithClient(<SubscriptionsPage />, { client });
  return { client, user };
}

const toggle = (subscription: Subscription) =>
  screen.getByRole('switch', { name: `Active — ${subscription.target_url}` });

describe('SubscriptionsPage', () => {
  it('counts "Needs attention" only once the catalog is known, rather than a count that drops when it arrives', async () => {
    const linq = fakeServer([
      A,
      subscription('sub-old', 'https://old.example.com/hook', { subscribed_events: ['call.ended'] }),
    ]);
    const catalog = deferred();
    linq.intercept(async (request, next) => {
      if (request.endpoint !== 'listEventTypes') return undefined;
      await catalog.promise;
      return next();
    });
    renderPage(linq.subscriptions());
    const attention = await screen.findByRole('button', { name: /^Needs attention/ });
    await screen.findByRole('switch', { name: `Active — ${A.target_url}` });
    expect(attention).toHaveTextContent(/^Needs attention$/);
    catalog.resolve();
    // call.ended is not in this catalog: flagged once the catalog says so.
    await waitFor(() => expect(attention).toHaveTextContent('Needs attention (1)'));
  });

  it('ends the server message with a full stop before the next sentence of the refresh banner', async () => {
    fakeServer([A], { failList: true });
    const { client } = renderPage([A]);
    await client.refetchQueries({ queryKey: subscriptionQueries.lists() });

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(
      'Could not refresh the list: Internal server error. Showing the subscriptions as last loaded.',
    );
  });

  it('names the "+N more" events button after the subscription it opens', () => {
    fakeServer([]);
    const url = 'https://hooks.example.com/many';
    renderPage([
      subscription('sub-m', url, {
        subscribed_events: ['message.sent', 'message.received', 'message.read', 'message.edited'],
      }),
    ]);

    expect(
      screen.getByRole('button', { name: `+2 more events of ${url}: message.read, message.edited` }),
    ).toBeInTheDocument();
  });

  it("moves focus to the next row's switch when a switch turned off leaves the Active view", async () => {
    fakeServer([A, B, C]);
    const { user } = renderPage([A, B, C], '?status=active');

    toggle(A).focus();
    await user.keyboard(' ');

    await waitFor(() =>
      expect(screen.queryByRole('switch', { name: `Active — ${A.target_url}` })).not.toBeInTheDocument(),
    );
    expect(toggle(B)).toHaveFocus();
  });

  it("moves focus to the previous row's switch when the last row leaves, and to the search box when no row is left", async () => {
    fakeServer([A, B]);
    const { user } = renderPage([A, B], '?status=active');

    toggle(B).focus();
    await user.keyboard(' ');
    await waitFor(() =>
      expect(screen.queryByRole('switch', { name: `Active — ${B.target_url}` })).not.toBeInTheDocument(),
    );
    expect(toggle(A)).toHaveFocus();

    await user.keyboard(' ');
    await screen.findByText('No subscriptions match this view');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
  });

  it("keeps the focus in the same column: the row's Edit button goes to the next row's Edit button", async () => {
    const server = fakeServer([A, B]);
    const { client } = renderPage([A, B]);
    await waitFor(() => expect(client.isFetching()).toBe(0));

    screen.getByRole('button', { name: `Edit ${A.target_url}` }).focus();
    // Deleted elsewhere: the next list no longer has it.
    server.remove(A.id);
    await client.refetchQueries({ queryKey: subscriptionQueries.lists() });

    await waitFor(() => expect(screen.getByRole('button', { name: `Edit ${B.target_url}` })).toHaveFocus());
  });

  it('moves focus to the next row\'s switch when a toggled row jumps to the top under "Recently changed first", out of the rendered rows', async () => {
    // jsdom has no layout: every row measures the estimated height, and the page is scrolled by hand.
    const offsetHeight = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW_HEIGHT);
    onTestFinished(() => offsetHeight.mockRestore());
    const rows = Array.from({ length: 60 }, (_, index) => {
      const name = String(index).padStart(2, '0');
      return subscription(`sub-${name}`, `https://hooks.example.com/${name}`, {
        updated_at: new Date(Date.UTC(2026, 0, 1) - index * 60_000).toISOString(),
      });
    });
    fakeServer(rows);
    const { user } = renderPage(rows, '?sort=updated&dir=desc');
    vi.stubGlobal('scrollY', 40 * ROW_HEIGHT);
    window.dispatchEvent(new Event('scroll'));
    const [first, focused, next] = [rows[0], rows[45], rows[46]] as [Subscription, Subscription, Subscription];
    await waitFor(() =>
      expect(screen.queryByRole('switch', { name: `Active — ${first.target_url}` })).not.toBeInTheDocument(),
    );

    toggle(focused).focus();
    await user.keyboard(' ');

    await waitFor(() =>
      expect(screen.queryByRole('switch', { name: `Active — ${focused.target_url}` })).not.toBeInTheDocument(),
    );
    expect(toggle(next)).toHaveFocus();
  });

  it('leaves the focus alone when the list changes after the focused row was scrolled out of the rendered rows', async () => {
    // As above: rows measure the estimated height, and the page is scrolled by hand.
    const offsetHeight = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW_HEIGHT);
    onTestFinished(() => offsetHeight.mockRestore());
    const rows = Array.from({ length: 60 }, (_, index) =>
      subscription(`sub-${index}`, `https://hooks.example.com/${String(index).padStart(2, '0')}`),
    );
    const [first, shown] = [rows[0], rows[45]] as [Subscription, Subscription];
    const server = fakeServer(rows);
    const { client } = renderPage(rows);
    await waitFor(() => expect(client.isFetching()).toBe(0));

    toggle(first).focus();
    vi.stubGlobal('scrollY', 40 * ROW_HEIGHT);
    window.dispatchEvent(new Event('scroll'));
    await waitFor(() =>
      expect(screen.queryByRole('switch', { name: `Active — ${first.target_url}` })).not.toBeInTheDocument(),
    );
    // Deleted elsewhere: the list changes while the focused row is far above.
    server.remove(shown.id);
    await client.refetchQueries({ queryKey: subscriptionQueries.lists() });
    await waitFor(() =>
      expect(screen.queryByRole('switch', { name: `Active — ${shown.target_url}` })).not.toBeInTheDocument(),
    );

    expect(screen.getByRole('searchbox', { name: 'Search' })).not.toHaveFocus();
    expect(document.body).toHaveFocus();
  });

  it('names the URL button after the full target URL, with the full URL on hover and focus', () => {
    fakeServer([]);
    const url = 'https://api.northwind.io/hooks/messages/00042?version=2026-02-03';
    renderPage([subscription('sub-n', url)]);

    const handle = screen.getByRole('button', { name: url });
    expect(handle).toHaveAccessibleDescription(url);
    expect(handle).toHaveTextContent(/^api\.northwind\.io/);
    expect(screen.getByRole('button', { name: `Copy ${url}` })).toBeInTheDocument();
  });

  it('focuses the search box after "Clear search and filters"', async () => {
    fakeServer([A]);
    const { user } = renderPage([A], '?q=nothing-matches');

    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));

    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
    expect(toggle(A)).toBeInTheDocument();
  });

  it("shows a subscription's name above its URL, and finds it by its name or note", async () => {
    fakeServer([A, B], {
      labels: [
        { subscription_id: A.id, name: 'Billing EU', note: 'Owned by payments', updated_at: 'x', updated_by: null },
      ],
    });
    const { user } = renderPage([A, B]);
    const handle = await screen.findByRole('button', { name: `Billing EU — ${A.target_url}` });
    expect(handle).toHaveTextContent('Billing EU');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'payments');
    await waitFor(() => expect(screen.queryByRole('button', { name: B.target_url })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: `Billing EU — ${A.target_url}` })).toBeInTheDocument();
  });

  it("says in each filter count that it is the account's while a search narrows the view", async () => {
    fakeServer([A, B]);
    const { user } = renderPage([A, B]);
    const host = screen.getByRole('combobox', { name: 'Host' });
    expect(await within(host).findByRole('option', { name: 'a.example.com (1)' })).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'b.example');
    expect(await within(host).findByRole('option', { name: 'a.example.com (1 in all)' })).toBeInTheDocument();
  });

  it('filters "Needs attention" by reason, and a reason’s bulk fix selects the rows and confirms removing its types', async () => {
    const edited = (id: string) =>
      subscription(id, `https://e.example.com/${id}`, { subscribed_events: ['message.sent', 'message.edited'] });
    const linq = installFakeLinq({
      subscriptions: [A, edited('sub-e1'), edited('sub-e2')],
      catalog: makeCatalog(['message.sent', 'message.edited']),
    });
    const { user } = renderPage(linq.subscriptions());
    await user.click(await screen.findByRole('button', { name: 'Needs attention (2)' }));
    const reason = screen.getByRole('combobox', { name: 'Reason' });
    expect(within(reason).getByRole('option', { name: 'message.edited without ?version (2)' })).toBeInTheDocument();
    await user.selectOptions(reason, 'edited-without-version');
    await waitFor(() => expect(window.location.search).toBe('?attention=1&reason=edited-without-version'));

    await user.click(screen.getByRole('button', { name: 'Remove message.edited from these…' }));
    const confirm = await screen.findByRole('alertdialog', {
      name: 'Remove message.edited from 2 subscriptions to e.example.com?',
    });
    expect(screen.getByRole('region', { name: 'Selection and bulk actions' })).toHaveTextContent('2 selected');
    await user.click(within(confirm).getByRole('button', { name: 'Change 2 subscriptions' }));
    await waitFor(
      () =>
        expect(linq.subscriptions().map((entry) => entry.subscribed_events)).toEqual([
          A.subscribed_events,
          ['message.sent'],
          ['message.sent'],
        ]),
      { timeout: 5_000 },
    );
  });

  it('gives a viewer a table to read: the status in words, View, and no write control at all', async () => {
    fakeServer([A], { viewer: true });
    renderPage([A]);
    await screen.findByRole('button', { name: `View ${A.target_url}` });
    expect(screen.queryByRole('switch', { name: `Active — ${A.target_url}` })).not.toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: new RegExp(A.target_url) })).getByText('Active')).toBeVisible();
    expect(screen.queryByRole('button', { name: `Edit ${A.target_url}` })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: `Duplicate ${A.target_url}` })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New subscription' })).not.toBeInTheDocument();
  });
});
