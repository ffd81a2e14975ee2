import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretPanel } from './secret-panel';

afterEach(() => {
  // Vitest runs without globals here, so Testing Library cannot register its own cleanup.
  cleanup();
});

describe('SecretPanel', () => {
  it('shows the signing secret in a box with a minimum height, not a fixed one, so its underscore is not clipped', () => {
    render(
      <SecretPanel
        created={{
          id: 'sub-1',
          target_url: 'https://hooks.example.com/linq',
          subscribed_events: ['message.sent'],
          phone_numbers: null,
          is_active: true,
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
          signing_secret: 'whsec_ekT6abc',
        }}
        onDone={vi.fn()}
      />,
    );
    const secret = screen.getByRole('textbox', { name: 'Signing secret' });
    expect(secret).toHaveValue('whsec_ekT6abc');
    expect(secret).toHaveClass('min-h-9');
    expect(secret.className).not.toMatch(/(^|\s)h-\S+/);
    // It replaces the form (and the Create button that had focus): focus moves to the secret.
    expect(secret).toHaveFocus();
  });
});
