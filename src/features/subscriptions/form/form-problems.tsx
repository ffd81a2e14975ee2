import type { UseFormSetValue } from 'react-hook-form';
import type { PhoneNumber } from '@contract/schemas';
import { Alert, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EDITED_EVENT, withPayloadVersion } from '../model/event-types';
import type { SubscriptionFormValues } from './form';
import { findProblems, type Problem } from '../model/problems';

/**
 * The problems the table flags, checked again on what the form holds now, each with its fix:
 * one click changes the form, and Save writes it. It sits above the footer, so it is in view
 * wherever the form is scrolled; a fixed problem leaves it at once.
 */
export function FormProblems({
  values,
  catalog,
  lines,
  setValue,
  canFix,
  onDelete,
}: {
  values: SubscriptionFormValues;
  catalog: readonly string[];
  lines: readonly PhoneNumber[] | undefined;
  setValue: UseFormSetValue<SubscriptionFormValues>;
  /** A viewer is told what is wrong, but offered no fix of a form they cannot save. */
  canFix: boolean;
  /** Deletes the subscription being edited (undefined while creating). */
  onDelete?: (() => void) | undefined;
}) {
  const phones = (values.phone_numbers ?? []).flatMap((entry) => (entry.kind === 'valid' ? [entry.e164] : []));
  const problems = findProblems(
    {
      id: '',
      target_url: values.target_url ?? '',
      subscribed_events: values.subscribed_events ?? [],
      phone_numbers: phones,
      is_active: values.is_active,
      created_at: '',
      updated_at: '',
    },
    { catalog, lines },
  );
  if (problems.length === 0) return null;
  const change = { shouldDirty: true, shouldValidate: true } as const;
  const events = values.subscribed_events ?? [];
  const setEvents = (next: string[]) => setValue('subscribed_events', next, change);
  const choices = (problem: Problem): FixChoice[] => {
    switch (problem.kind) {
      case 'edited-without-version':
        return [
          {
            label: 'Add ?version=2026-02-03 to the URL',
            run: () => setValue('target_url', withPayloadVersion((values.target_url ?? '').trim()), change),
          },
          {
            label: 'Remove message.edited instead',
            run: () => setEvents(events.filter((type) => type !== EDITED_EVENT)),
          },
        ];
      case 'not-in-catalog': {
        const kept = events.filter((type) => !problem.items.includes(type));
        // Removing every type would leave a subscription Linq refuses: offer what can be saved.
        if (kept.length === 0) {
          return [
            { label: 'Pick event types from the catalog', run: (button) => jumpToEvents(button) },
            ...(onDelete ? [{ label: 'Delete…', run: onDelete }] : []),
          ];
        }
        return [{ label: 'Remove the types not in the catalog', run: () => setEvents(kept) }];
      }
      case 'not-a-line':
        return [
          {
            label: 'Remove the numbers that are not your lines',
            run: () =>
              setValue(
                'phone_numbers',
                (values.phone_numbers ?? []).filter(
                  (entry) => entry.kind !== 'valid' || !problem.items.includes(entry.e164),
                ),
                change,
              ),
          },
        ];
    }
  };

  return (
    <Alert
      role="status"
      variant="warning"
      aria-label="Needs attention"
      className="rounded-none border-x-0 border-b-0 px-6 py-3"
    >
      <AlertTitle className="sr-only">Needs attention</AlertTitle>
      <ul className="max-h-40 space-y-2 overflow-y-auto">
        {problems.map((problem) => (
          <li key={problem.kind} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <p className="min-w-0 flex-1 basis-64">
              {problem.detail} {consequence(problem, events)}
            </p>
            {canFix &&
              choices(problem).map((choice) => (
                <Button key={choice.label} size="sm" onClick={(event) => choice.run(event.currentTarget)}>
                  {choice.label}
                </Button>
              ))}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

interface FixChoice {
  label: string;
  /** `button`: the fix's own button, inside the form. */
  run: (button: HTMLElement) => void;
}

/** What a fix would also change, said before it is pressed. */
function consequence(problem: Problem, events: readonly string[]): string {
  if (problem.kind === 'edited-without-version') {
    const others = events.filter((type) => type !== EDITED_EVENT);
    if (others.length === 0) return '';
    const shown = others.slice(0, 4).join(', ') + (others.length > 4 ? ` and ${others.length - 4} more` : '');
    return `Adding the version changes the payload format of every other type this URL receives too (${shown}); removing message.edited changes nothing else.`;
  }
  if (problem.kind === 'not-in-catalog' && events.every((type) => problem.items.includes(type))) {
    return 'Removing them would leave no event type, and Linq needs at least one: pick the types it should receive, or delete it.';
  }
  return '';
}

/** The event grid, scrolled into view and focused at its first box. */
function jumpToEvents(from: HTMLElement | null): void {
  const section = from?.closest('form')?.querySelector<HTMLElement>('[data-section="events"]');
  if (!section) return;
  section.scrollIntoView({ block: 'start' });
  section.querySelector<HTMLElement>('[role="checkbox"]:not([disabled])')?.focus({ preventScroll: true });
}
