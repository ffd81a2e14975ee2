import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';
import { Label } from './label';

/**
 * A form field (shadcn/ui's field, in small): the label, the control, a description and the
 * field's error. The caller ties them with ids (`aria-describedby`, `aria-invalid`).
 */
export function Field({ className, ...props }: ComponentProps<'div'>) {
  return <div data-slot="field" className={cn('space-y-1.5', className)} {...props} />;
}

export const FieldLabel = Label;

export function FieldDescription({ className, ...props }: ComponentProps<'p'>) {
  return <p data-slot="field-description" className={cn('text-xs text-fg-muted', className)} {...props} />;
}

/** Nothing when there is no message, so the caller can always render it. */
export function FieldError({ className, children, ...props }: ComponentProps<'p'>) {
  if (!children) return null;
  return (
    <p data-slot="field-error" className={cn('text-sm text-danger-fg', className)} {...props}>
      {children}
    </p>
  );
}
