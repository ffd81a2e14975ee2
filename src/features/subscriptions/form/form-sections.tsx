import type { RefObject } from 'react';

/**
 * Jump links to the form's sections, pinned above them: the event grid is long, and the phone
 * numbers must never be only below the fold with no way there. Each moves focus to the
 * section's first control, scrolled into view.
 */

const SECTIONS = [
  { section: 'url', label: 'Target URL' },
  { section: 'events', label: 'Event types' },
  { section: 'phones', label: 'Phone numbers' },
  { section: 'history', label: 'History' },
] as const;

export function FormSections({ form, editing }: { form: RefObject<HTMLFormElement | null>; editing: boolean }) {
  const jump = (section: string) => {
    const element = form.current?.querySelector<HTMLElement>(`[data-section="${section}"]`);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    const target = element.querySelector<HTMLElement>('input:not(:disabled), button:not(:disabled), [role="checkbox"]');
    if (target) target.focus({ preventScroll: true });
    else {
      element.tabIndex = -1;
      element.focus({ preventScroll: true });
    }
  };
  return (
    <nav aria-label="Form sections" className="flex gap-1 border-b border-line px-6 py-1.5 text-sm">
      <span className="py-1 pr-1 text-fg-muted">Jump to</span>
      {SECTIONS.filter(({ section }) => section !== 'history' || editing).map(({ section, label }) => (
        <button
          key={section}
          type="button"
          onClick={() => jump(section)}
          className="rounded px-2 py-1 text-accent-fg hover:bg-surface-hover focus-visible:outline-2 focus-visible:outline-ring"
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
