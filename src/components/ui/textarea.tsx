import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** A multi-line field, styled like the inputs. */
export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(
        'min-h-16 w-full min-w-0 rounded-md border border-line-strong bg-field px-3 py-2 text-sm text-fg outline-none placeholder:text-fg-muted',
        'focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/40',
        'disabled:opacity-50 aria-invalid:border-danger-fg',
        className,
      )}
      {...props}
    />
  );
}
