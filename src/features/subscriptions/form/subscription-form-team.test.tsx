import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Label } from '@contract/console';
import { makeActivityEntry, makeCatalog, makeSubscription } from '@/test/factories';
import { installFakeLinq, type FakeLinqRequest } from '@/test/fake-linq';
import { renderWithClient } from '@/test/render';
import { SubscriptionForm } from './subscription-form';

/** The form with what the team console adds: its label, its History with Restore, and roles. */

const subscription = makeSubscription({
  id: 'sub-1',
  target_url: 'https://hooks.example.com/now',
  subscribed_events: ['message.sent'],
  updated_at: '2026-12-01T11:00:00.000Z',
});
const earlier = {
  ...subscription,
  target_url: 'https://hooks.example.com/before',
  updated_at: '2026-12-01T09:00:00.000Z',
};
const label: Label = {
  subscription_id: 'sub-1',
  name: 'Billing',
  note: 'Owned by payments',
  updated_at: '2026-12-01T08:00:00.000Z',
  updated_by: 'alice@example.com',
};

function setup(options: { viewer?: boolean } = {}) {
  const linq = installFakeLinq({
    subscriptions: [subscription],
    catalog: makeCatalog(['message.sent', 'message.read']),
    labels: [label],
    activity: [
      makeActivityEntry({ id: 'entry-2', before: earlier, after: subscription, target_url: subscription.target_url }),
      makeActivityEntry({
        id: 'entry-1',
        action: 'create',
        before: null,
        after: earlier,
        target_url: earlier.target_url,
      }),
    ],
    ...(options.viewer && {
      session: {
        auth: 'proxy',
        user: { email: 'vera@example.com', name: null },
        role: 'viewer',
        sign_out_url: null,
      },
    }),
  });
  const puts: FakeLinqRequest[] = [];
  linq.intercept((request) => {
    if (request.method === 'PUT') puts.push(request);
    return undefined;
  });
  const handlers = {
    onDirtyChange: vi.fn(),
    onSaved: vi.fn(),
    onCreated: vi.fn(),
    onCancel: vi.fn(),
    onDelete: vi.fn(),
  };
  renderWithClient(
    <SubscriptionForm
      subscription={subscription}
      catalog={['message.sent', 'message.read']}
      lines={[]}
      label={label}
      {...handlers}
    />,
  );
  return { linq, puts, user: userEvent.setup({ delay: null }), ...handlers };
}

const saveButton = () => screen.getByRole('button', { name: /^(Save changes|Saving…)$/ });

describe('SubscriptionForm: the label', () => {
  it('starts from the label, and saves a changed name in the console, not at Linq', async () => {
    const { puts, user, onSaved } = setup();
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Billing');
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('Owned by payments');
    await user.clear(name);
    await user.type(name, 'Billing – EU');
    await waitFor(() => expect(saveButton()).toBeEnabled());
    await user.click(saveButton());
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(puts.map((request) => [request.path, request.body])).toEqual([
      ['/__console/labels/sub-1', { name: 'Billing – EU', note: 'Owned by payments' }],
    ]);
  });
});

describe('SubscriptionForm: History', () => {
  it('lists the changes, and restores a version after asking, as a journaled restore', async () => {
    const { puts, user } = setup();
    const history = await screen.findByRole('region', { name: 'History' });
    await within(history).findByText(/created/);
    // Named for what it acts on: which subscription, and which version.
    await user.click(
      within(history).getByRole('button', { name: /^Restore https:\/\/hooks\.example\.com\/now to the version of / }),
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Restore this version?' });
    expect(dialog).toHaveTextContent('https://hooks.example.com/now');
    expect(dialog).toHaveTextContent('https://hooks.example.com/before');
    await user.click(within(dialog).getByRole('button', { name: 'Restore this version' }));

    await waitFor(() => expect(puts).toHaveLength(1));
    const [restore] = puts;
    expect(restore?.path).toBe('/v3/webhook-subscriptions/sub-1');
    expect(restore?.body).toEqual({
      target_url: 'https://hooks.example.com/before',
      subscribed_events: ['message.sent'],
      phone_numbers: [],
      is_active: true,
    });
    expect(restore?.headers.get('x-console-intent')).toBe('restore');
    expect(restore?.headers.get('x-console-restore-of')).toBe('entry-1');
    // The form shows the restored version.
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Target URL' })).toHaveValue('https://hooks.example.com/before'),
    );
  });
});

describe('SubscriptionForm: a viewer', () => {
  it('shows the subscription to read: no Save, Delete or Restore, and the role not said again (the app bar says it)', async () => {
    setup({ viewer: true });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Target URL' })).toBeDisabled());
    expect(screen.getByRole('form', { name: `View ${subscription.target_url}` })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /message\.read/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: /^(Save changes|Saving…)$/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument();
    expect(screen.queryByText(/a viewer/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
    const history = await screen.findByRole('region', { name: 'History' });
    await within(history).findByText(/created/);
    expect(within(history).queryByRole('button', { name: /^Restore/ })).not.toBeInTheDocument();
  });

  it('names a problem of the subscription without offering a fix it could not save', async () => {
    const edited = makeSubscription({ id: 'sub-2', subscribed_events: ['message.edited'] });
    installFakeLinq({
      subscriptions: [edited],
      catalog: makeCatalog(['message.edited']),
      session: { auth: 'proxy', user: { email: 'vera@example.com', name: null }, role: 'viewer', sign_out_url: null },
    });
    const handlers = { onDirtyChange: vi.fn(), onSaved: vi.fn(), onCreated: vi.fn(), onCancel: vi.fn() };
    renderWithClient(<SubscriptionForm subscription={edited} catalog={['message.edited']} lines={[]} {...handlers} />);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Target URL' })).toBeDisabled());
    expect(screen.getByText(/\?version=/, { selector: 'p' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Add \?version/ })).not.toBeInTheDocument();
  });

  it('restores the state before the console’s first change, for a subscription made elsewhere', async () => {
    const original = { ...subscription, target_url: 'https://hooks.example.com/original', is_active: false };
    const linq = installFakeLinq({
      subscriptions: [subscription],
      catalog: makeCatalog(['message.sent']),
      activity: [makeActivityEntry({ id: 'first-edit', before: original, after: subscription })],
    });
    const puts: FakeLinqRequest[] = [];
    linq.intercept((request) => {
      if (request.method === 'PUT') puts.push(request);
      return undefined;
    });
    const handlers = { onDirtyChange: vi.fn(), onSaved: vi.fn(), onCreated: vi.fn(), onCancel: vi.fn() };
    renderWithClient(
      <SubscriptionForm subscription={subscription} catalog={['message.sent']} lines={[]} {...handlers} />,
    );
    const user = userEvent.setup({ delay: null });
    const history = await screen.findByRole('region', { name: 'History' });
    expect(await within(history).findByText(/^Before the console’s first change/)).toBeVisible();
    await user.click(
      within(history).getByRole('button', {
        name: 'Restore https://hooks.example.com/now to how it was before the console’s first change',
      }),
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Restore this version?' });
    expect(dialog).toHaveTextContent('goes back to how it was before the change of');
    await user.click(within(dialog).getByRole('button', { name: 'Restore this version' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]?.body).toEqual({
      target_url: 'https://hooks.example.com/original',
      subscribed_events: ['message.sent'],
      phone_numbers: [],
      is_active: false,
    });
    expect(puts[0]?.headers.get('x-console-restore-of')).toBe('first-edit');
  });
});
