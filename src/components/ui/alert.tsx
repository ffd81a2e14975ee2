import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/**
 * A message box inside the page: a failure (danger), something to act on (warning) or a note.
 * The caller picks the live-region role: `alert` for what just went wrong, `status` for advice.
 */
export const alertVariants = cva('rounded-md border p-4 text-sm', {
  variants: {
    variant: {
      danger: 'border-danger-line bg-danger-soft text-fg',
      warning: 'border-warning-line bg-warning-soft text-warning-fg',
      note: 'border-line bg-surface-muted text-fg-soft',
    },
  },
  defaultVariants: { variant: 'note' },
});

export function Alert({ className, variant, ...props }: ComponentProps<'div'> & VariantProps<typeof alertVariants>) {
  return <div data-slot="alert" className={cn(alertVariants({ variant }), className)} {...props} />;
}

export function AlertTitle({ className, ...props }: ComponentProps<'p'>) {
  return <p data-slot="alert-title" className={cn('font-semibold', className)} {...props} />;
}

export function AlertDescription({ className, ...props }: ComponentProps<'div'>) {
  return <div data-slot="alert-description" className={cn('mt-1 space-y-1', className)} {...props} />;
}

/** The row of buttons under an alert's text. */
export function AlertActions({ className, ...props }: ComponentProps<'div'>) {
  return <div data-slot="alert-actions" className={cn('mt-3 flex flex-wrap gap-2', className)} {...props} />;
}
