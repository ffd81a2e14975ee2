import { Slot } from '@radix-ui/react-slot';
import { useId, useRef, useState, type CSSProperties, type ReactElement, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** Room kept between a tooltip and the window's edge. */
const EDGE = 8;

/**
 * A hover-and-focus tooltip in CSS: shown while the trigger is hovered or has keyboard focus,
 * and tied to it with aria-describedby so screen readers announce it. No positioning engine (it
 * keeps the first bundle small): it opens above its trigger and, measured as it opens, moves
 * sideways or below so it never leaves the window. The trigger must be focusable so keyboard
 * users get it too; Esc hides it until the pointer or the focus leaves (WCAG 1.4.13).
 */
export function Tooltip({
  content,
  children,
  align = 'start',
  className,
  wrapperClassName,
}: {
  content: ReactNode;
  children: ReactElement;
  /** Which edge of the trigger the tooltip lines up with; `end` for triggers near the right edge. */
  align?: 'start' | 'end';
  className?: string;
  /** Classes for the wrapper around the trigger (its place in a flex row). */
  wrapperClassName?: string;
}) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  const [place, setPlace] = useState<{ shift: number; below: boolean }>({ shift: 0, below: false });
  const tip = useRef<HTMLSpanElement>(null);
  const fit = () => {
    const element = tip.current;
    if (!element) return;
    // Measured from where it would open by itself (it is laid out while hidden).
    element.style.translate = '0';
    const rect = element.getBoundingClientRect();
    let shift = 0;
    if (rect.right > window.innerWidth - EDGE) shift = window.innerWidth - EDGE - rect.right;
    if (rect.left + shift < EDGE) shift = EDGE - rect.left;
    element.style.translate = '';
    setPlace({ shift, below: rect.top < EDGE });
  };
  const style: CSSProperties = { translate: `${place.shift}px 0` };
  return (
    <span
      className={cn('group/tooltip relative inline-flex max-w-full min-w-0', wrapperClassName)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setDismissed(true);
      }}
      onPointerEnter={fit}
      onFocus={fit}
      onBlur={() => setDismissed(false)}
      onPointerLeave={() => setDismissed(false)}
    >
      <Slot aria-describedby={id}>{children}</Slot>
      <span
        ref={tip}
        role="tooltip"
        id={id}
        data-slot="tooltip"
        style={style}
        className={cn(
          'pointer-events-none invisible absolute z-30 w-max max-w-sm rounded-md bg-inverse px-2.5 py-1.5 text-xs font-normal text-on-inverse normal-case opacity-0 shadow-md transition-opacity delay-150',
          'group-hover/tooltip:visible group-hover/tooltip:opacity-100 group-has-[:focus-visible]/tooltip:visible group-has-[:focus-visible]/tooltip:opacity-100',
          place.below ? 'top-full mt-1.5' : 'bottom-full mb-1.5',
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
