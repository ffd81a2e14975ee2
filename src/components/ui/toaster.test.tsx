import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toastNotifier, Toaster } from './toaster';

describe('Toaster', () => {
  it('clamps and wraps a long title and description, so the toast stays on screen', async () => {
    const url = `https://hooks.example.com/${'a'.repeat(2000)}`;
    render(<Toaster />);
    toastNotifier.notify({
      kind: 'error',
      message: `Deleted ${url}`,
      description: `Nothing is sent to ${url} any more`,
    });

    const title = await screen.findByText(`Deleted ${url}`);
    expect(title.closest('[data-title]')).toHaveClass('line-clamp-3', '[overflow-wrap:anywhere]');
    const description = screen.getByText(`Nothing is sent to ${url} any more`);
    expect(description.closest('[data-description]')).toHaveClass('line-clamp-4', '[overflow-wrap:anywhere]');
  });

  it('replaces a notice of the same id wholly: its Undo and description do not stay', async () => {
    render(<Toaster />);
    toastNotifier.notify({
      kind: 'info',
      id: 'toggle-a',
      message: 'Turned off a',
      description: 'It receives no events.',
      action: { label: 'Undo', onClick: () => undefined },
    });
    expect(await screen.findByRole('button', { name: 'Undo' })).toBeInTheDocument();
    toastNotifier.notify({ kind: 'success', id: 'toggle-a', message: 'Turned on a' });
    expect(await screen.findByText('Turned on a')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument());
    expect(screen.queryByText('It receives no events.')).not.toBeInTheDocument();
  });
});
