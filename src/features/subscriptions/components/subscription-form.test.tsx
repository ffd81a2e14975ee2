import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Subscription } from '@contract/schemas';
import type { RecordedRequest } from '@/test/fake-api';
import { makeCatalog, makeSubscription } from '@/test/factories';
import { envelope, installFakeLinq, type FakeLinqRequest } from '@/test/fake-linq';
import { renderWithClient } from '@/test/render';
import { SubscriptionForm } from './subscription-form';

const PATH = '/v3/webhook-subscriptions/sub-1';
const catalog = ['message.sent', 'message.received', 'message.edited', 'reaction.added'];

const subscription = makeSubscription({
  id: 'sub-1',
  target_url: 'https://hooks.example.com/linq',
  phone_numbers: ['+14155550100'],
  updated_at: '2026-01-02T00:00:00.000Z',
});

interface ServerOptions {
  /** What the server holds (the fresh copy Save compares against). */
  current?: Subscription;
  /** What PUT answers; by default the fake applies the body. */
  put?: (request: FakeLinqRequest) => ReturnType<typeof envelope>;
}

/** The fake Linq holding one subscription. */
function fakeServer({ current = subscription, put }: ServerOptions = {}) {
  const linq = installFakeLinq({ subscriptions: [current], catalog: makeCatalog(catalog) });
  if (put) linq.intercept((request) => (request.endpoint === 'updateSubscription' ? put(request) : undefined));
  return linq;
}

function renderForm(props: { subscription?: Subscription; lines?: string[] } = {}) {
  const user = userEvent.setup({ delay: null });
  const handlers = {
    onDirtyChange: vi.fn(),
    onSaved: vi.fn(),
    onCreated: vi.fn(),
    onCancel: vi.fn(),
    onDelete: vi.fn(),
  };
  const result = renderWithClient(
    <SubscriptionForm
      subscription={'subscription' in props ? props.subscription : subscription}
      catalog={catalog}
      lines={(props.lines ?? []).map((phone_number, index) => ({ id: `line-${index}`, phone_number }))}
      {...handlers}
    />,
  );
  return {
    user,
    ...handlers,
    ...result,
    urlInput: () => screen.getByRole('textbox', { name: 'Target URL' }),
    /** Clears the URL and pastes the new one: one change instead of a keystroke per character. */
    replaceUrl: async (text: string) => {
      const input = screen.getByRole('textbox', { name: 'Target URL' });
      await user.clear(input);
      await user.paste(text);
    },
    phoneInput: () => screen.getByRole('textbox', { name: 'Phone numbers' }),
    saveButton: () => screen.getByRole('button', { name: /^(Save changes|Create subscription|Saving…)$/ }),
  };
}

const writes = (requests: RecordedRequest[]) => requests.filter((request) => request.method !== 'GET');
/** What went to Linq (the console's own endpoints, session and history, are read beside them). */
const linqRequests = (requests: RecordedRequest[]) => requests.filter((request) => request.path.startsWith('/v3/'));

describe('SubscriptionForm: editing', () => {
  it('starts from the subscription, with Save disabled while nothing changed', () => {
    fakeServer();
    const form = renderForm();
    expect(form.urlInput()).toHaveValue('https://hooks.example.com/linq');
    expect(screen.getByRole('checkbox', { name: /message\.sent/ })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Remove +1 415 555 0100' })).toBeInTheDocument();
    expect(form.saveButton()).toBeDisabled();
    expect(form.onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it('sends PUT with exactly { target_url } when only the URL changed, after checking the server copy', async () => {
    const api = fakeServer();
    const form = renderForm();
    await form.replaceUrl('  https://new.example.com/in  ');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    expect(form.onDirtyChange).toHaveBeenLastCalledWith(true);

    await form.user.click(form.saveButton());
    await waitFor(() => expect(form.onSaved).toHaveBeenCalledTimes(1));

    expect(linqRequests(api.requests)).toEqual([
      { method: 'GET', path: PATH, body: undefined },
      { method: 'PUT', path: PATH, body: { target_url: 'https://new.example.com/in' } },
    ]);
  });

  it('is disabled again when a change is undone', async () => {
    fakeServer();
    const form = renderForm();
    await form.user.type(form.urlInput(), '/x');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.type(form.urlInput(), '{Backspace}{Backspace}');
    await waitFor(() => expect(form.saveButton()).toBeDisabled());
    expect(form.onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it('rejects an http:// URL beside the field and keeps Save disabled', async () => {
    const api = fakeServer();
    const form = renderForm();
    await form.replaceUrl('http://hooks.example.com/linq');

    await waitFor(() => expect(form.urlInput()).toHaveAttribute('aria-invalid', 'true'));
    expect(form.urlInput()).toHaveAccessibleDescription(/https:\/\//);
    expect(form.saveButton()).toBeDisabled();
    expect(screen.getByText(/^To save: Linq delivers only to HTTPS URLs/)).toBeInTheDocument();

    // Enter in the URL field must not get past validation either.
    await form.user.type(form.urlInput(), '{Enter}');
    expect(writes(api.requests)).toEqual([]);
  });

  it('requires at least one event type', async () => {
    fakeServer();
    const form = renderForm();
    await form.user.click(screen.getByRole('checkbox', { name: /message\.sent/ }));
    expect(await screen.findByText('Choose at least one event type.')).toBeInTheDocument();
    expect(form.saveButton()).toBeDisabled();
  });

  it('does not submit the form when Enter adds a phone number', async () => {
    const api = fakeServer();
    const form = renderForm();
    await form.user.type(form.phoneInput(), '(212) 555-0188{Enter}');
    expect(screen.getByRole('button', { name: 'Remove +1 212 555 0188' })).toBeInTheDocument();
    expect(linqRequests(api.requests)).toEqual([]);
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
  });

  it('blocks Save while a phone number is marked invalid', async () => {
    fakeServer();
    const form = renderForm();
    await form.user.type(form.phoneInput(), '555-01{Enter}');
    await waitFor(() =>
      expect(form.phoneInput()).toHaveAccessibleDescription(/Fix or remove the phone numbers marked in red/),
    );
    expect(form.saveButton()).toBeDisabled();
  });

  it("shows the server's 400 code 1002 beside Phone numbers and keeps what was typed", async () => {
    const api = fakeServer({ put: () => envelope(400, 1002, 'Phone number must be in E.164 format') });
    const form = renderForm();
    await form.replaceUrl('https://new.example.com/in');
    await form.user.type(form.phoneInput(), '(212) 555-0188{Enter}');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());

    await form.user.click(form.saveButton());

    await waitFor(() => expect(form.phoneInput()).toHaveAccessibleDescription('Phone number must be in E.164 format'));
    expect(form.phoneInput()).toHaveAttribute('aria-invalid', 'true');
    // Focus goes to the field with the problem (not left on the now disabled Save button).
    expect(form.phoneInput()).toHaveFocus();
    expect(writes(api.requests)).toEqual([
      {
        method: 'PUT',
        path: PATH,
        body: { target_url: 'https://new.example.com/in', phone_numbers: ['+14155550100', '+12125550188'] },
      },
    ]);
    // Everything typed is still there; nothing was reported as saved.
    expect(form.urlInput()).toHaveValue('https://new.example.com/in');
    expect(screen.getByRole('button', { name: 'Remove +1 415 555 0100' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove +1 212 555 0188' })).toBeInTheDocument();
    expect(form.onSaved).not.toHaveBeenCalled();
    // The URL is not blamed for a phone problem.
    expect(form.urlInput()).not.toHaveAttribute('aria-invalid');
  });

  it('clears the server error about numbers once the numbers change', async () => {
    fakeServer({ put: () => envelope(400, 1002, 'Phone number must be in E.164 format') });
    const form = renderForm();
    await form.user.type(form.phoneInput(), '(212) 555-0188{Enter}');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    await waitFor(() => expect(form.phoneInput()).toHaveAccessibleDescription('Phone number must be in E.164 format'));

    await form.user.click(screen.getByRole('button', { name: 'Remove +1 212 555 0188' }));
    await waitFor(() =>
      expect(form.phoneInput()).not.toHaveAccessibleDescription('Phone number must be in E.164 format'),
    );
  });

  it('shows a 409 beside the target URL', async () => {
    fakeServer({ put: () => envelope(409, 2006, 'A webhook subscription with this target_url already exists') });
    const form = renderForm();
    await form.replaceUrl('https://taken.example.com/');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    await waitFor(() =>
      expect(form.urlInput()).toHaveAccessibleDescription('A webhook subscription with this target_url already exists'),
    );
    expect(form.urlInput()).toHaveFocus();
    expect(form.urlInput()).toHaveValue('https://taken.example.com/');
  });

  it('says what happened, in an alert, when the server fails', async () => {
    fakeServer({ put: () => envelope(500, 3006, 'Internal server error') });
    const form = renderForm();
    await form.user.type(form.urlInput(), '/v2');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved');
    expect(alert).toHaveTextContent('Internal server error');
    expect(form.urlInput()).toHaveValue('https://hooks.example.com/linq/v2');
  });

  it('says the subscription is gone when the fresh copy is a 404, and writes nothing', async () => {
    // The server no longer has it: every request for it is a 404.
    const api = installFakeLinq({ catalog: makeCatalog(catalog) });
    const form = renderForm();
    await form.user.type(form.urlInput(), '/v2');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/deleted elsewhere/);
    // Saving again cannot help: the alert does not suggest it.
    expect(alert).not.toHaveTextContent(/Try Save again/);
    expect(writes(api.requests)).toEqual([]);
  });

  it('counts a number typed but not yet a chip as unsaved, and one click on Save adds it and saves', async () => {
    const api = fakeServer();
    const form = renderForm();
    await form.user.type(form.phoneInput(), '(212) 555-0188');
    await waitFor(() => expect(form.onDirtyChange).toHaveBeenLastCalledWith(true));
    await waitFor(() => expect(form.saveButton()).toBeEnabled());

    await form.user.click(form.saveButton());
    await waitFor(() => expect(form.onSaved).toHaveBeenCalledTimes(1));
    expect(writes(api.requests)).toEqual([
      { method: 'PUT', path: PATH, body: { phone_numbers: ['+14155550100', '+12125550188'] } },
    ]);
  });

  it('counts an invalid chip as unsaved work and says what stops Save', async () => {
    fakeServer();
    const form = renderForm();
    await form.user.type(form.phoneInput(), '415 555 01{Enter}');
    await waitFor(() => expect(form.onDirtyChange).toHaveBeenLastCalledWith(true));
    expect(
      screen.getByText('To save: Fix or remove the phone numbers marked in red before saving.'),
    ).toBeInTheDocument();
    expect(form.saveButton()).toBeDisabled();
  });

  it('keeps focus on Save while saving, and a second press sends nothing more', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = fakeServer();
    api.intercept(async (request, next) => {
      if (request.endpoint !== 'updateSubscription') return undefined;
      await gate;
      return next();
    });
    const form = renderForm();
    await form.user.type(form.urlInput(), '/v2');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.click(form.saveButton());
    await waitFor(() => expect(form.saveButton()).toHaveTextContent('Saving…'));
    expect(form.saveButton()).toHaveAttribute('aria-disabled', 'true');
    expect(form.saveButton()).toHaveFocus();

    await form.user.click(form.saveButton());
    release();
    await waitFor(() => expect(form.onSaved).toHaveBeenCalledTimes(1));
    expect(writes(api.requests)).toHaveLength(1);
  });

  it('sends one PUT when Save is pressed twice during the change-on-server check', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = fakeServer();
    api.intercept(async (request, next) => {
      if (request.endpoint !== 'getSubscription') return undefined;
      await gate;
      return next();
    });
    const form = renderForm();
    await form.user.type(form.urlInput(), '/v2');
    await waitFor(() => expect(form.saveButton()).toBeEnabled());
    await form.user.dblClick(form.saveButton());
    release();
    await waitFor(() => expect(form.onSaved).toHaveBeenCalledTimes(1));
    expect(linqRequests(api.requests).filter((request) => request.method === 'GET')).toHaveLength(1);
    expect(writes(api.requests)).toHaveLength(1);
  });

  it('moves focus to the phone input when the focused chip is removed', async () => {
    fakeServer();
    const form = renderForm();
    await form.user.click(screen.getByRole('button', { name: 'Remove +1 415 555 0100' }));
    expect(screen.queryByRole('button', { name: 'Remove +1 415 555 0100' })).not.toBeInTheDocument();
    expect(form.phoneInput()).toHaveFocus();
  });
});

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
