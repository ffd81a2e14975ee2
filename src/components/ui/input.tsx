import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/**
 * A minimum height, not a fixed one: Chromium clips the text of an input whose height is fixed
 * to the font's box, which cuts off underscores in monospace text ("whsec_…" read "whsec …").
 */
export const INPUT_HEIGHT = 'min-h-9';

export function Input({ className, type = 'text', ...props }: ComponentProps<'input'>) {
  return (
    <input
      data-slot="input"
      type={type}
      className={cn(
        INPUT_HEIGHT,
        'w-full min-w-0 rounded-md border border-line-strong bg-field px-3 text-sm text-fg outline-none placeholder:text-fg-muted',
        'focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/40',
        'disabled:opacity-50 aria-invalid:border-danger-fg aria-invalid:ring-danger-fg/30',
        className,
      )}
      {...props}
    />
  );
}
