import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { envelope, installFakeLinq } from '@/test/fake-linq';
import { renderWithClient } from '@/test/render';
import { App } from './app';

const REFUSAL =
  'Access denied - you are signed in as stan@elsewhere.example, who is neither an editor nor a viewer of this console. Ask its operator to add you to LINQ_CONSOLE_EDITORS or LINQ_CONSOLE_VIEWERS.';

describe('App', () => {
  it('shows someone in neither role list one plain page: who they are and whom to ask, no controls', async () => {
    const linq = installFakeLinq();
    // The console's own refusal (its roles, not Linq's): every API path answers it.
    linq.intercept((request) =>
      request.path.startsWith('/v3/') || request.path.startsWith('/__console/')
        ? envelope(403, 2005, REFUSAL)
        : undefined,
    );
    renderWithClient(<App />);
    expect(await screen.findByRole('heading', { name: 'No access to this console', level: 1 })).toBeInTheDocument();
    expect(screen.getByText(REFUSAL)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New subscription' })).not.toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
  });

  it('shows the subscriptions page to anyone with a role', async () => {
    installFakeLinq();
    renderWithClient(<App />);
    expect(await screen.findByRole('heading', { name: 'Webhook subscriptions', level: 1 })).toBeInTheDocument();
    expect(screen.queryByText('No access to this console')).not.toBeInTheDocument();
  });
});
