import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Subscription } from '@contract/schemas';
import { makeCatalog } from '@/test/factories';
import { installFakeLinq } from '@/test/fake-linq';
import { catalog, fakeServer, linqRequests, PATH, renderForm, subscription, writes } from './subscription-form.harness';

describe('SubscriptionForm: changed elsewhere', () => {
  const theirs: Subscription = {
    ...subscription,
    target_url: 'https://theirs.example.com/hook',
    subscribed_events: ['message.sent', 'reaction.added'],
    updated_at: '2026-01-05T12:00:00.000Z',
  };

  async function saveAgainstConflict() {
    const api = fakeServer({ current: theirs });
    const form = renderForm();
    await form.replaceUrl('https://mine.example.com/hook');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    const alert = await screen.findByRole('alert');
    return { api, form, alert };
  }

  it('asks before writing over a newer server copy, and writes nothing yet', async () => {
    const { api, alert, form } = await saveAgainstConflict();
    expect(alert).toHaveTextContent(/changed elsewhere/);
    expect(within(alert).getByRole('button', { name: /Reload/ })).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: /Overwrite/ })).toBeInTheDocument();
    expect(writes(api.requests)).toEqual([]);
    expect(form.onSaved).not.toHaveBeenCalled();
  });

  it('on Overwrite, saves what the form shows over their version, without asking the server again', async () => {
    const { api, alert, form } = await saveAgainstConflict();
    const getsBefore = linqRequests(api.requests).filter((request) => request.method === 'GET').length;

    await form.user.click(within(alert).getByRole('button', { name: /Overwrite/ }));
    await waitFor(() => expect(form.onSaved).toHaveBeenCalledTimes(1));

    // Their reaction.added is not in the form: Overwrite takes it out again.
    expect(writes(api.requests)).toEqual([
      {
        method: 'PUT',
        path: PATH,
        body: { target_url: 'https://mine.example.com/hook', subscribed_events: ['message.sent'] },
      },
    ]);
    expect(linqRequests(api.requests).filter((request) => request.method === 'GET')).toHaveLength(getsBefore);
    expect(screen.queryByText(/changed elsewhere/)).not.toBeInTheDocument();
  });

  it('shows their version on Reload, discarding my edits, with nothing to save', async () => {
    const { api, alert, form } = await saveAgainstConflict();
    await form.user.click(within(alert).getByRole('button', { name: /Reload/ }));

    expect(screen.queryByText(/changed elsewhere/)).not.toBeInTheDocument();
    expect(form.urlInput()).toHaveValue('https://theirs.example.com/hook');
    expect(screen.getByRole('checkbox', { name: /reaction\.added/ })).toBeChecked();
    await waitFor(() => expect(form.saveButton()).toBeDisabled());
    // The button pressed is gone with the alert: focus continues at the first field.
    expect(form.urlInput()).toHaveFocus();
    expect(writes(api.requests)).toEqual([]);
  });

  it('after Reload, saves against their version without a second conflict', async () => {
    const { api, alert, form } = await saveAgainstConflict();
    await form.user.click(within(alert).getByRole('button', { name: /Reload/ }));
    await form.user.click(screen.getByRole('checkbox', { name: /message\.received/ }));
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    await waitFor(() => expect(form.onSaved).toHaveBeenCalledTimes(1));
    expect(writes(api.requests)).toEqual([
      {
        method: 'PUT',
        path: PATH,
        body: { subscribed_events: ['message.sent', 'message.received', 'reaction.added'] },
      },
    ]);
  });
});

describe('SubscriptionForm: message.edited and the payload version', () => {
  const warning = () => screen.queryByText(/message\.edited is never delivered/);

  it('warns when message.edited is selected and the URL has no ?version=2026-02-03, and its button fixes the URL', async () => {
    fakeServer();
    const form = renderForm();
    expect(warning()).not.toBeInTheDocument();

    await form.user.click(screen.getByRole('checkbox', { name: /message\.edited/ }));
    expect(warning()).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Needs attention' })).toHaveTextContent('this URL has no version');

    await form.user.click(screen.getByRole('button', { name: 'Add ?version=2026-02-03 to the URL' }));
    expect(form.urlInput()).toHaveValue('https://hooks.example.com/linq?version=2026-02-03');
    expect(warning()).not.toBeInTheDocument();
  });

  it('says the version changes every other type’s format, and offers removing message.edited instead', async () => {
    fakeServer();
    const form = renderForm();
    await form.user.click(screen.getByRole('checkbox', { name: /message\.edited/ }));
    const attention = screen.getByRole('status', { name: 'Needs attention' });
    expect(attention).toHaveTextContent(
      'Adding the version changes the payload format of every other type this URL receives too (message.sent)',
    );
    await form.user.click(screen.getByRole('button', { name: 'Remove message.edited instead' }));
    expect(screen.getByRole('checkbox', { name: /message\.edited/ })).not.toBeChecked();
    expect(form.urlInput()).toHaveValue(subscription.target_url);
    expect(warning()).not.toBeInTheDocument();
  });

  it('offers no fix that would leave no event type: pick types, or delete', async () => {
    fakeServer();
    const form = renderForm({ subscription: { ...subscription, subscribed_events: ['call.ended', 'call.initiated'] } });
    const attention = screen.getByRole('status', { name: 'Needs attention' });
    expect(attention).toHaveTextContent('Removing them would leave no event type');
    expect(screen.queryByRole('button', { name: 'Remove the types not in the catalog' })).not.toBeInTheDocument();
    await form.user.click(screen.getByRole('button', { name: 'Pick event types from the catalog' }));
    expect(screen.getByRole('region', { name: 'Event types' })).toContainElement(document.activeElement as HTMLElement);
    expect(document.activeElement).toHaveAttribute('role', 'checkbox');
    await form.user.click(screen.getByRole('button', { name: 'Delete…' }));
    expect(form.onDelete).toHaveBeenCalled();
  });

  it('names the wrong version the URL asks for', () => {
    fakeServer();
    renderForm({
      subscription: {
        ...subscription,
        target_url: 'https://hooks.example.com/linq?version=2025-01-01',
        subscribed_events: ['message.edited'],
      },
    });
    expect(warning()).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Needs attention' })).toHaveTextContent('this URL asks for 2025-01-01');
  });

  it('says nothing when the URL already asks for 2026-02-03', () => {
    fakeServer();
    renderForm({
      subscription: {
        ...subscription,
        target_url: 'https://hooks.example.com/linq?version=2026-02-03',
        subscribed_events: ['message.edited'],
      },
    });
    expect(warning()).not.toBeInTheDocument();
  });

  it('saves the fixed URL with the new event type', async () => {
    const api = fakeServer();
    const form = renderForm();
    await form.user.click(screen.getByRole('checkbox', { name: /message\.edited/ }));
    await form.user.click(screen.getByRole('button', { name: 'Add ?version=2026-02-03 to the URL' }));
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    await waitFor(() => expect(form.onSaved).toHaveBeenCalled());
    expect(writes(api.requests)).toEqual([
      {
        method: 'PUT',
        path: PATH,
        body: {
          target_url: 'https://hooks.example.com/linq?version=2026-02-03',
          subscribed_events: ['message.sent', 'message.edited'],
        },
      },
    ]);
  });
});

describe('SubscriptionForm: creating', () => {
  it('posts the URL, events and phone filter, and hands over the created subscription with its secret', async () => {
    const created = {
      ...subscription,
      id: 'sub-new',
      phone_numbers: ['+14155550100'],
      signing_secret: 'whsec_c2VjcmV0',
    };
    const api = installFakeLinq({ catalog: makeCatalog(catalog) });
    api.intercept((request) =>
      request.endpoint === 'createSubscription' ? { status: 201, body: created } : undefined,
    );
    const form = renderForm({ subscription: undefined, lines: ['+14155550100'] });
    expect(form.saveButton()).toHaveTextContent('Create subscription');
    expect(form.saveButton()).toBeDisabled();

    await form.replaceUrl('https://hooks.example.com/linq');
    await form.user.click(screen.getByRole('checkbox', { name: /message\.sent/ }));
    await form.user.click(screen.getByRole('button', { name: 'Add +1 415 555 0100 to the filter' }));
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());

    await waitFor(() => expect(form.onCreated).toHaveBeenCalledWith(created));
    expect(linqRequests(api.requests)).toEqual([
      {
        method: 'POST',
        path: '/v3/webhook-subscriptions',
        body: {
          target_url: 'https://hooks.example.com/linq',
          subscribed_events: ['message.sent'],
          phone_numbers: ['+14155550100'],
        },
      },
    ]);
  });

  it('creates an inactive one: Linq creates it active, the console turns it off right after', async () => {
    const api = installFakeLinq({ catalog: makeCatalog(catalog) });
    const form = renderForm({ subscription: undefined });
    await form.replaceUrl('https://hooks.example.com/paused');
    await form.user.click(screen.getByRole('checkbox', { name: /message\.sent/ }));
    await form.user.click(screen.getByRole('switch', { name: 'Active' }));
    expect(screen.getByText(/turned off at once/)).toBeVisible();
    await form.user.click(form.saveButton());

    await waitFor(() => expect(form.onCreated).toHaveBeenCalled());
    const [created] = form.onCreated.mock.calls[0] as [{ id: string; is_active: boolean; signing_secret: string }];
    // What the secret panel is given: the subscription as it now is, with the secret of its create.
    expect(created).toMatchObject({ is_active: false, signing_secret: expect.stringMatching(/^whsec_/) });
    expect(api.subscription(created.id)?.is_active).toBe(false);
    expect(linqRequests(api.requests).map((request) => [request.method, request.body])).toEqual([
      ['POST', { target_url: 'https://hooks.example.com/paused', subscribed_events: ['message.sent'] }],
      ['PUT', { is_active: false }],
    ]);
  });

  it('says what still stops Create, from the empty form on, and when no event type is chosen', async () => {
    installFakeLinq({ catalog: makeCatalog(catalog) });
    const form = renderForm({ subscription: undefined });
    // Nothing typed yet: the disabled button still says why.
    expect(screen.getByText(/^To create: /)).toBeInTheDocument();
    expect(form.saveButton()).toBeDisabled();
    await form.replaceUrl('https://hooks.example.com/linq');
    expect(await screen.findByText('To create: Choose at least one event type.')).toBeInTheDocument();
    expect(form.saveButton()).toBeDisabled();
  });
});
