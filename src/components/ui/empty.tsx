import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** An empty or failed state in place of content: a title, a sentence, and what to do next. */
export function Empty({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="empty"
      className={cn('flex flex-col items-center gap-3 px-6 py-16 text-center', className)}
      {...props}
    />
  );
}

export function EmptyTitle({ className, ...props }: ComponentProps<'h2'>) {
  return <h2 data-slot="empty-title" className={cn('text-base font-semibold text-fg', className)} {...props} />;
}

export function EmptyDescription({ className, ...props }: ComponentProps<'p'>) {
  return <p data-slot="empty-description" className={cn('max-w-prose text-sm text-fg-soft', className)} {...props} />;
}
