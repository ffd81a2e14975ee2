import { Slot } from '@radix-ui/react-slot';
import { useId, useState, type ReactElement, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

/**
 * A hover-and-focus tooltip in CSS: shown while the trigger is hovered or has keyboard focus,
 * and tied to it with aria-describedby so screen readers announce it. No positioning engine:
 * it opens above (or below) its trigger, which is all a table cell needs, and keeps the first
 * bundle small. The trigger must be focusable so keyboard users get it too; Esc hides it until
 * the pointer or the focus leaves (WCAG 1.4.13).
 */
export function Tooltip({
  content,
  children,
  side = 'top',
  align = 'start',
  className,
}: {
  content: ReactNode;
  children: ReactElement;
  side?: 'top' | 'bottom';
  /** Which edge of the trigger the tooltip lines up with; `end` for triggers near the right edge. */
  align?: 'start' | 'end';
  className?: string;
}) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  return (
    <span
      className="group/tooltip relative inline-flex min-w-0"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setDismissed(true);
      }}
      onBlur={() => setDismissed(false)}
      onPointerLeave={() => setDismissed(false)}
    >
      <Slot aria-describedby={id}>{children}</Slot>
      <span
        role="tooltip"
        id={id}
        data-slot="tooltip"
        className={cn(
          'pointer-events-none invisible absolute z-30 w-max max-w-sm rounded-md bg-inverse px-2.5 py-1.5 text-xs font-normal text-on-inverse normal-case opacity-0 shadow-md transition-opacity delay-150',
          'group-hover/tooltip:visible group-hover/tooltip:opacity-100 group-has-[:focus-visible]/tooltip:visible group-has-[:focus-visible]/tooltip:opacity-100',
          side === 'top' ? 'bottom-full mb-1.5' : 'top-full mt-1.5',
          dismissed && 'hidden',
          align === 'start' ? 'left-0' : 'right-0',
          className,
        )}
      >
        {content}
      </span>
    </span>
  );
}
