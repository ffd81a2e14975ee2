import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toast, Toaster } from './toaster';

describe('Toaster', () => {
  it('clamps and wraps a long title and description, so the toast stays on screen', async () => {
    const url = `https://hooks.example.com/${'a'.repeat(2000)}`;
    render(<Toaster />);
    toast.error(`Deleted ${url}`, { description: `Nothing is sent to ${url} any more` });

    const title = await screen.findByText(`Deleted ${url}`);
    expect(title.closest('[data-title]')).toHaveClass('line-clamp-3', '[overflow-wrap:anywhere]');
    const description = screen.getByText(`Nothing is sent to ${url} any more`);
    expect(description.closest('[data-description]')).toHaveClass('line-clamp-4', '[overflow-wrap:anywhere]');
  });
});
