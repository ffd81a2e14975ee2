import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeLinq } from '@/test/fake-linq';
import { renderWithClient } from '@/test/render';
import { AppBar } from './app-bar';

describe('AppBar', () => {
  it('names who is signed in, their role and why a viewer cannot change anything, with Sign out', async () => {
    installFakeLinq({
      session: {
        auth: 'oidc',
        user: { email: 'vera@example.com', name: 'Vera' },
        role: 'viewer',
        sign_out_url: '/auth/logout',
      },
    });
    renderWithClient(<AppBar route="subscriptions" />);
    expect(await screen.findByText('Vera')).toBeInTheDocument();
    expect(screen.getByText('viewer')).toBeInTheDocument();
    expect(
      screen.getByText(
        'You are signed in as vera@example.com, a viewer: you can review subscriptions, not change them.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' }).closest('form')).toHaveAttribute('action', '/auth/logout');
    expect(screen.getByRole('link', { name: 'Subscriptions' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Activity' })).not.toHaveAttribute('aria-current');
  });

  it('shows no one and no reason when sign-in is off', async () => {
    installFakeLinq();
    renderWithClient(<AppBar route="activity" />);
    expect(await screen.findByText(/sandbox/i)).toBeInTheDocument();
    expect(screen.queryByText(/Signed in as/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Activity' })).toHaveAttribute('aria-current', 'page');
  });
});
