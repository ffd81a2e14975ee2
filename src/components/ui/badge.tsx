import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export const badgeVariants = cva(
  'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap',
  {
    variants: {
      variant: {
        neutral: 'bg-surface-hover text-fg-soft',
        success: 'bg-success-soft text-success-fg ring-1 ring-success/20',
        accent: 'bg-accent-soft text-accent-fg ring-1 ring-accent/30',
        muted: 'bg-surface-hover text-fg-soft ring-1 ring-fg-muted/20',
        warning: 'bg-warning-soft text-warning-fg ring-1 ring-warning-line',
        danger: 'bg-danger-soft text-danger-fg ring-1 ring-danger/20',
      },
    },
    defaultVariants: { variant: 'neutral' },
  },
);

export function Badge({ className, variant, ...props }: ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return <span data-slot="badge" className={cn(badgeVariants({ variant }), className)} {...props} />;
}
