import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeCreated } from '@/test/factories';
import { renderWithClient } from '@/test/render';
import { SecretPanel } from './secret-panel';

describe('SecretPanel', () => {
  it('shows the signing secret in a box with a minimum height, not a fixed one, so its underscore is not clipped', () => {
    renderWithClient(
      <SecretPanel
        created={makeCreated({ target_url: 'https://hooks.example.com/linq', signing_secret: 'whsec_ekT6abc' })}
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
