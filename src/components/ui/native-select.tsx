import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** The browser's own <select> (best on every platform and to every screen reader), styled like the inputs. */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return (
    <select
      data-slot="native-select"
      className={cn(
        'min-h-9 rounded-md border border-line-strong bg-surface px-2 text-sm text-fg outline-none',
        'focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/40 disabled:opacity-50',
        className,
      )}
      {...props}
    />
  );
}
