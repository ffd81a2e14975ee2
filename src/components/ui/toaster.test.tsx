import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toast, Toaster } from './toaster';

beforeEach(() => {
  // sonner follows the system theme; jsdom has no matchMedia.
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

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
