import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeCatalog, makeSubscription } from '@/test/factories';
import { installFakeLinq, type FakeLinq } from '@/test/fake-linq';
import { catalog, fakeServer, linqRequests, PATH, renderForm, subscription, writes } from './subscription-form.harness';

/**
 * Linq judges phone numbers itself: here it reads the PUT's numbers as one it cannot accept, so
 * the form meets the model's own 400/1002 for numbers its own check let through.
 */
function refusePhoneNumbers(api: FakeLinq) {
  api.intercept((request, next) =>
    request.endpoint === 'updateSubscription'
      ? next({ body: { ...(request.body as object), phone_numbers: ['555-0188'] } })
      : undefined,
  );
}

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
    const api = fakeServer();
    refusePhoneNumbers(api);
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
    refusePhoneNumbers(fakeServer());
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
    // Another subscription has the URL: the model's own 409.
    const api = fakeServer();
    api.setSubscriptions([subscription, makeSubscription({ id: 'sub-2', target_url: 'https://taken.example.com/' })]);
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
    const api = fakeServer();
    api.intercept((request) => (request.endpoint === 'updateSubscription' ? api.model.failure() : undefined));
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
