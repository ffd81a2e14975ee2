import { useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { deferred, type Deferred } from '@/test/deferred';
import { makeSubscription } from '@/test/factories';
import { installFakeLinq } from '@/test/fake-linq';
import { createTestQueryClient, renderWithClient } from '@/test/render';
import { subscriptionQueries } from '../api/queries';
import { useToggleActive } from '../api/use-toggle-active';
import { StatusSwitch } from './status-switch';

const URL_A = 'https://hooks.example.com/a';
const PATH = '/v3/webhook-subscriptions/sub-a';

const seeded = makeSubscription({ id: 'sub-a', target_url: URL_A });

/** A table row as the page has it: the subscription read from the list cache. */
function Row({ id }: { id: string }) {
  const list = useQuery({ ...subscriptionQueries.list(), staleTime: Infinity });
  const toggle = useToggleActive(id);
  const subscription = list.data?.find((entry) => entry.id === id);
  return subscription ? <StatusSwitch subscription={subscription} toggle={toggle} /> : null;
}

/**
 * The fake Linq holding the subscription, applying each PUT in arrival order; `hold` makes the
 * next answers wait until released, so a test can look in between.
 */
function fakeServer() {
  const linq = installFakeLinq({ subscriptions: [seeded] });
  const held: Deferred[] = [];
  let holdPuts = false;
  let holdLists = false;
  let failPuts = false;
  const putAnswers: boolean[] = [];
  const waitTurn = async () => {
    const gate = deferred();
    held.push(gate);
    await gate.promise;
  };

  linq.intercept(async (request, next) => {
    if (request.endpoint === 'listSubscriptions') {
      // Read when the request arrives, answered when released: a held list can be older than a save.
      const answer = next();
      if (holdLists) await waitTurn();
      return answer;
    }
    if (request.endpoint === 'updateSubscription') {
      if (holdPuts) await waitTurn();
      if (failPuts) return linq.model.failure();
      const answer = next();
      putAnswers.push(linq.subscription('sub-a')!.is_active);
      return answer;
    }
    return undefined;
  });

  return {
    api: linq,
    puts: () => linq.requests.filter((request) => request.method === 'PUT'),
    putAnswers,
    stored: () => linq.subscription('sub-a')!,
    holdPuts: (on = true) => {
      holdPuts = on;
    },
    holdLists: (on = true) => {
      holdLists = on;
    },
    failPuts: (on = true) => {
      failPuts = on;
    },
    /** Lets the longest-waiting request answer. */
    releaseFirst: () => held.shift()?.resolve(),
    /** Lets every waiting request answer, one at a time in arrival order. */
    releaseAll: () => {
      for (const gate of held.splice(0)) gate.resolve();
    },
    waiting: () => held.length,
  };
}

function renderRow() {
  const client = createTestQueryClient();
  client.setQueryData(subscriptionQueries.list().queryKey, [seeded]);
  const user = userEvent.setup({ delay: null });
  const { notifier } = renderWithClient(<Row id="sub-a" />, { client });
  const toggle = () => screen.getByRole('switch', { name: `Active — ${URL_A}` });
  return { client, user, toggle, notices: notifier.notices };
}

const cachedActive = (client: ReturnType<typeof createTestQueryClient>) =>
  client.getQueryData(subscriptionQueries.list().queryKey)?.find((entry) => entry.id === 'sub-a')?.is_active;

describe('StatusSwitch / useToggleActive', () => {
  it('is named after the subscription and shows its state', () => {
    fakeServer();
    const { toggle } = renderRow();
    expect(toggle()).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByText('Active')).toBeInTheDocument();
  });

  it('shows the switch off at once, before the server answers, and sends PUT { is_active: false } only', async () => {
    const server = fakeServer();
    server.holdPuts();
    const { client, user, toggle } = renderRow();

    await user.click(toggle());

    await waitFor(() => expect(toggle()).toHaveAttribute('aria-checked', 'false'));
    // The server has not answered yet: the switch shows the new state, and says it is being written.
    expect(screen.getByText('Turning off…')).toBeInTheDocument();
    expect(toggle()).toHaveAttribute('aria-busy', 'true');
    await waitFor(() => expect(server.waiting()).toBe(1));
    expect(server.putAnswers).toEqual([]);
    expect(server.puts()).toEqual([{ method: 'PUT', path: PATH, body: { is_active: false } }]);

    server.releaseAll();
    await waitFor(() => expect(server.putAnswers).toEqual([false]));
    await waitFor(() => expect(client.isMutating()).toBe(0));
    expect(toggle()).toHaveAttribute('aria-checked', 'false');
    expect(toggle()).not.toHaveAttribute('aria-busy');
    expect(screen.getByText('Inactive')).toBeInTheDocument();
    expect(cachedActive(client)).toBe(false);
    // The server's answer is written into the cache (its new updated_at), with no refetch of the list.
    expect(client.getQueryData(subscriptionQueries.list().queryKey)?.[0]?.updated_at).toBe(server.stored().updated_at);
    expect(server.api.requests.filter((request) => request.method === 'GET')).toEqual([]);
  });

  it('turns an inactive subscription on with PUT { is_active: true }', async () => {
    const server = fakeServer();
    const client = createTestQueryClient();
    client.setQueryData(subscriptionQueries.list().queryKey, [{ ...seeded, is_active: false }]);
    const user = userEvent.setup({ delay: null });
    renderWithClient(<Row id="sub-a" />, { client });
    const toggle = screen.getByRole('switch', { name: `Active — ${URL_A}` });
    expect(toggle).toHaveAttribute('aria-checked', 'false');

    await user.click(toggle);
    await waitFor(() => expect(server.puts()).toEqual([{ method: 'PUT', path: PATH, body: { is_active: true } }]));
    await waitFor(() => expect(client.isMutating()).toBe(0));
    expect(screen.getByRole('switch', { name: `Active — ${URL_A}` })).toHaveAttribute('aria-checked', 'true');
  });

  it('rolls the switch back to on when the server answers 500', async () => {
    const server = fakeServer();
    server.holdPuts();
    server.failPuts();
    // Hold the list refetch that follows a failure, to see the rollback itself.
    server.holdLists();
    const { client, user, toggle } = renderRow();

    await user.click(toggle());
    await waitFor(() => expect(toggle()).toHaveAttribute('aria-checked', 'false'));
    await waitFor(() => expect(server.waiting()).toBe(1));

    server.releaseAll();
    await waitFor(() => expect(toggle()).toHaveAttribute('aria-checked', 'true'));
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(cachedActive(client)).toBe(true);

    // Then the list is fetched again, to show what the server has.
    await waitFor(() => expect(server.api.requests.filter((request) => request.method === 'GET')).toHaveLength(1));
    server.holdLists(false);
    server.releaseAll();
    await waitFor(() => expect(client.isFetching()).toBe(0));
    expect(toggle()).toHaveAttribute('aria-checked', 'true');
    expect(server.putAnswers).toEqual([]);
  });

  it("ends on the server's last answer after a rapid double click, sending the clicks in order", async () => {
    const server = fakeServer();
    server.holdPuts();
    const { client, user, toggle } = renderRow();

    await user.click(toggle());
    await user.click(toggle());
    // Both clicks show at once, before any answer.
    expect(toggle()).toHaveAttribute('aria-checked', 'true');
    await waitFor(() => expect(server.waiting()).toBe(1));

    server.holdPuts(false);
    server.releaseAll();
    await waitFor(() => expect(client.isMutating()).toBe(0));

    expect(server.puts().map((request) => request.body)).toEqual([{ is_active: false }, { is_active: true }]);
    expect(server.putAnswers).toEqual([false, true]);
    expect(toggle()).toHaveAttribute('aria-checked', String(server.putAnswers.at(-1)));
    expect(cachedActive(client)).toBe(server.stored().is_active);
  });

  it('does not let the first answer of a double click flip the switch back while the second is in flight', async () => {
    const server = fakeServer();
    server.holdPuts();
    const { client, user, toggle } = renderRow();

    await user.click(toggle());
    await user.click(toggle());
    await waitFor(() => expect(server.waiting()).toBe(1));

    // The first PUT (off) answers; the second (on) is still to come.
    server.releaseAll();
    await waitFor(() => expect(server.putAnswers).toEqual([false]));
    await waitFor(() => expect(server.waiting()).toBe(1));
    expect(toggle()).toHaveAttribute('aria-checked', 'true');

    server.releaseAll();
    await waitFor(() => expect(client.isMutating()).toBe(0));
    expect(toggle()).toHaveAttribute('aria-checked', 'true');
  });

  it('keeps the saved state when a list refetch that read the server before the save answers after it', async () => {
    const server = fakeServer();
    server.holdPuts();
    server.holdLists();
    const { client, user, toggle } = renderRow();

    await user.click(toggle());
    await waitFor(() => expect(server.waiting()).toBe(1));
    // A refetch (window focus, another tab's change) starts after the toggle's cancel: it reads
    // the server while the PUT is still waiting, so it carries the old state.
    void client.refetchQueries({ queryKey: subscriptionQueries.lists() });
    await waitFor(() => expect(server.waiting()).toBe(2));

    server.releaseFirst(); // the PUT
    await waitFor(() => expect(client.isMutating()).toBe(0));
    expect(cachedActive(client)).toBe(false);

    server.releaseFirst(); // the older list
    await waitFor(() => expect(client.isFetching()).toBe(0));
    expect(server.api.requests.filter((request) => request.method === 'GET')).toHaveLength(1);
    expect(toggle()).toHaveAttribute('aria-checked', 'false');
    expect(cachedActive(client)).toBe(false);
    expect(client.getQueryData(subscriptionQueries.list().queryKey)?.[0]?.updated_at).toBe(server.stored().updated_at);
  });

  it('replaces its toast wholly: "Turned on" after "Turned off" carries no Undo or description, and Undo keeps its toast until replaced', async () => {
    const server = fakeServer();
    const { client, user, toggle, notices } = renderRow();

    await user.click(toggle());
    await waitFor(() => expect(client.isMutating()).toBe(0));
    const off = notices.at(-1)!;
    expect(off.message).toBe(`Turned off ${URL_A}`);
    const undo = off.action!;
    expect(undo.label).toBe('Undo');

    const event = { preventDefault: vi.fn() };
    undo.onClick(event as unknown as Parameters<typeof undo.onClick>[0]);
    // sonner closes a toast after its action unless the click is prevented: the next toast replaces it instead.
    expect(event.preventDefault).toHaveBeenCalled();
    await waitFor(() => expect(server.putAnswers).toEqual([false, true]));
    await waitFor(() => expect(notices.at(-1)?.message).toBe(`Turned on ${URL_A}`));
    const on = notices.at(-1)!;
    expect(on.id).toBe(off.id);
    // Same id: it takes the old notice's place, so it carries no Undo and no description of its own.
    expect(on.action).toBeUndefined();
    expect(on.description).toBeUndefined();
  });
});
