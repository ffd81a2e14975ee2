import * as AlertDialogPrimitive from '@radix-ui/react-alert-dialog';
import { useRef, type ComponentProps, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { buttonVariants } from './button';

/**
 * A confirmation that must be answered: focus starts on Cancel, Esc cancels, and on close focus
 * goes back to where it was when the dialog opened (the dialogs here are opened from code, with
 * no Radix trigger to return to).
 */
export const AlertDialog = AlertDialogPrimitive.Root;

export function AlertDialogContent({
  className,
  children,
  onOpenAutoFocus,
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof AlertDialogPrimitive.Content> & { children: ReactNode }) {
  const returnTo = useRef<Element | null>(null);
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay data-slot="alert-dialog-overlay" className="fixed inset-0 z-50 bg-zinc-950/50" />
      <AlertDialogPrimitive.Content
        data-slot="alert-dialog"
        onOpenAutoFocus={(event) => {
          returnTo.current = document.activeElement;
          onOpenAutoFocus?.(event);
        }}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          event.preventDefault();
          if (returnTo.current instanceof HTMLElement && returnTo.current.isConnected) returnTo.current.focus();
        }}
        className={cn(
          // Never taller than the viewport: the description scrolls, title and buttons stay in view.
          'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 flex-col gap-4 rounded-lg border border-line bg-surface p-6 shadow-xl',
          className,
        )}
        {...props}
      >
        {children}
      </AlertDialogPrimitive.Content>
    </AlertDialogPrimitive.Portal>
  );
}

export function AlertDialogTitle({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Title>) {
  return (
    <AlertDialogPrimitive.Title
      className={cn('shrink-0 text-base font-semibold [overflow-wrap:anywhere] text-fg', className)}
      {...props}
    />
  );
}

export function AlertDialogDescription({
  className,
  ...props
}: ComponentProps<typeof AlertDialogPrimitive.Description>) {
  // The part that scrolls when the text is long (a 2,048-character URL); unbroken text wraps.
  return (
    <AlertDialogPrimitive.Description
      className={cn('min-h-0 overflow-y-auto text-sm [overflow-wrap:anywhere] text-fg-soft', className)}
      {...props}
    />
  );
}

export function AlertDialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('flex shrink-0 justify-end gap-2', className)} {...props} />;
}

export function AlertDialogCancel({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Cancel>) {
  return <AlertDialogPrimitive.Cancel className={cn(buttonVariants({ variant: 'secondary' }), className)} {...props} />;
}

/** Not Radix's Action: that closes at once, and a destructive action waits for the server first. */
export function AlertDialogConfirm({ className, ...props }: ComponentProps<'button'>) {
  return <button type="button" className={cn(buttonVariants({ variant: 'destructive' }), className)} {...props} />;
}
