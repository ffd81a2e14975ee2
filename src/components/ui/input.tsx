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
        'w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 outline-none placeholder:text-zinc-500',
        'focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/40',
        'disabled:opacity-50 aria-invalid:border-red-600 aria-invalid:ring-red-600/30',
        'dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400 dark:aria-invalid:border-red-400',
        className,
      )}
      {...props}
    />
  );
}
