import { useEffect, useState, type ComponentProps } from 'react';
import { Button } from './button';
import { useServices } from '@/lib/services';

/** Copies `value`; says "Copied" in place (and to screen readers) for a moment. */
export function CopyButton({
  value,
  label,
  className,
  children,
  ...props
}: Omit<ComponentProps<typeof Button>, 'onClick' | 'value'> & { value: string; label: string }) {
  const { notifier } = useServices();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button
      variant="ghost"
      size="xs"
      aria-label={label}
      className={className}
      onClick={(event) => {
        event.stopPropagation();
        // No clipboard API on plain-http origins other than localhost: say so rather than fail silently.
        const copy = navigator.clipboard
          ? navigator.clipboard.writeText(value)
          : Promise.reject(new Error('no clipboard'));
        copy.then(
          () => setCopied(true),
          () =>
            notifier.notify({
              kind: 'error',
              message: 'Could not copy to the clipboard. Select the text and copy it instead.',
            }),
        );
      }}
      {...props}
    >
      {children ?? (
        <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-.5a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
        </svg>
      )}
      <span aria-live="polite" className={copied ? 'text-xs' : 'sr-only'}>
        {copied ? 'Copied' : ''}
      </span>
    </Button>
  );
}
