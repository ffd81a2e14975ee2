import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Input } from './input';

/** A fixed height (h-9) makes Chromium clip the input's text to the font box, hiding underscores. */
const FIXED_HEIGHT = /(^|\s)h-\S+/;

describe('Input', () => {
  it('has a minimum height, not a fixed one, so underscores in monospace text are not clipped', () => {
    render(<Input aria-label="Target URL" className="font-mono" defaultValue="https://hooks.example.com/my_hook" />);
    const input = screen.getByRole('textbox', { name: 'Target URL' });
    expect(input).toHaveClass('min-h-9');
    expect(input.className).not.toMatch(FIXED_HEIGHT);
  });
});
