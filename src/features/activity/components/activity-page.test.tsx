import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CONSOLE_ENDPOINTS } from '@contract/endpoints';
import { createApiClient } from '@/lib/api-client';
import { makeActivityEntry, makeSubscription } from '@/test/factories';
import { installFakeLinq } from '@/test/fake-linq';
import { renderWithClient } from '@/test/render';
import { ActivityPage } from './activity-page';

const subscription = makeSubscription({ id: 'sub-1', target_url: 'https://hooks.example.com/sub-1' });
const batch = { id: 'b1', label: 'Turn off 2 subscriptions to hooks.example.com' };

function setup() {
  const linq = installFakeLinq({
    subscriptions: [subscription],
    activity: [
      makeActivityEntry({ id: 'e3', actor: 'bob@example.com', batch }),
      makeActivityEntry({
        id: 'e2',
        actor: 'bob@example.com',
        batch,
        outcome: 'failed',
        status: 500,
        error: { code: 3006, message: 'Internal server error' },
        after: null,
      }),
      makeActivityEntry({
        id: 'e1',
        actor: 'alice@example.com',
        request: { subscribed_events: ['message.sent', 'message.failed'] },
        after: { ...subscription, subscribed_events: ['message.sent', 'message.failed'] },
        before: subscription,
      }),
    ],
  });
  const onOpen = vi.fn();
  const user = userEvent.setup({ delay: null });
  renderWithClient(<ActivityPage onOpenSubscription={onOpen} />);
  return { linq, onOpen, user };
}

describe('ActivityPage', () => {
  it('shows who did what to which subscription, a bulk action as one entry that expands', async () => {
    const { user, onOpen } = setup();
    await screen.findByText('Turn off 2 subscriptions to hooks.example.com');
    const changes = screen.getByRole('region', { name: 'Changes' });
    expect(within(changes).getByText(/1 ok · 1 failed/)).toBeInTheDocument();
    // Alice's change, with its diff.
    const alice = within(changes).getByRole('article', { name: /^alice@example\.com changed/ });
    expect(alice).toHaveTextContent('Events added message.failed');
    await user.click(within(alice).getByRole('button', { name: 'https://hooks.example.com/sub-1' }));
    expect(onOpen).toHaveBeenCalledWith('sub-1');

    // One entry for the batch (the server sends its newest write), its writes read when opened.
    await user.click(within(changes).getByText('Show the writes'));
    expect(await within(changes).findByText('Linq answered 500: Internal server error.')).toBeVisible();
  });

  it('asks the server with the filters, and keeps them in the URL', async () => {
    const { linq, user } = setup();
    const asked: URLSearchParams[] = [];
    linq.intercept((request) => {
      if (request.endpoint === 'console.activity') asked.push(request.query);
      return undefined;
    });
    await screen.findByText('Turn off 2 subscriptions to hooks.example.com');
    await user.type(screen.getByRole('combobox', { name: 'Person' }), 'alice@example.com{Enter}');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time' }), '24h');
    await waitFor(() => expect(window.location.search).toBe('?actor=alice%40example.com&since=24h'));
    await waitFor(() => expect(asked.at(-1)?.get('actor')).toBe('alice@example.com'));
    const since = Date.parse(asked.at(-1)?.get('since') ?? '');
    expect(Date.now() - since).toBeGreaterThan(23.9 * 3_600_000);
    expect(asked.at(-1)?.get('limit')).toBe('100');
  });

  it('names a label change by the URL the page knows, and by its id when it knows none', async () => {
    installFakeLinq({
      subscriptions: [subscription],
      activity: [
        makeActivityEntry({
          id: 'e2',
          action: 'label',
          subscription_id: 'sub-unknown',
          target_url: null,
          request: { name: 'Other', note: '' },
          before: null,
          after: null,
        }),
        makeActivityEntry({
          id: 'e1',
          action: 'label',
          target_url: null,
          request: { name: 'Billing', note: '' },
          before: null,
          after: null,
        }),
      ],
    });
    const known: Record<string, string> = { 'sub-1': subscription.target_url };
    renderWithClient(<ActivityPage onOpenSubscription={vi.fn()} urlOf={(id) => known[id]} />);
    const changes = await screen.findByRole('region', { name: 'Changes' });
    expect(
      await within(changes).findByRole('article', {
        name: 'alice@example.com labelled https://hooks.example.com/sub-1',
      }),
    ).toBeInTheDocument();
    expect(
      within(changes).getByRole('article', { name: 'alice@example.com labelled sub-unknown' }),
    ).toBeInTheDocument();
  });

  it('offers a job’s controls on its entry after the bar is gone: Undo starts the job that puts it back', async () => {
    const subscriptions = ['a', 'b'].map((id) =>
      makeSubscription({ id, target_url: `https://hooks.example.com/${id}` }),
    );
    const linq = installFakeLinq({ subscriptions });
    const api = createApiClient();
    const job = await api.call(CONSOLE_ENDPOINTS.submitJob, {
      body: { label: 'Turn off 2', action: { kind: 'turn-off' }, ids: ['a', 'b'] },
    });
    await waitFor(async () =>
      expect((await api.call(CONSOLE_ENDPOINTS.getJob, { params: { id: job.id } })).job.status).toBe('finished'),
    );
    expect(linq.subscriptions().map((entry) => entry.is_active)).toEqual([false, false]);
    linq.setActivity(
      ['a', 'b'].map((id) =>
        makeActivityEntry({ id: `w-${id}`, subscription_id: id, batch: { id: job.id, label: job.label } }),
      ),
    );
    const user = userEvent.setup({ delay: null });
    const { notifier } = renderWithClient(<ActivityPage onOpenSubscription={vi.fn()} />);
    const controls = await screen.findByRole('group', { name: 'Controls of Turn off 2' });
    // A finished job with nothing failed or unsent: only Undo.
    expect(
      within(controls)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Undo']);
    await user.click(within(controls).getByRole('button', { name: 'Undo: Turn off 2' }));
    await waitFor(() => expect(linq.subscriptions().map((entry) => entry.is_active)).toEqual([true, true]));
    expect(notifier.notices.map((notice) => notice.message)).toContain(
      'Undo started: it puts back what the job changed.',
    );
  });
});
