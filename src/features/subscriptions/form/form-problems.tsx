import type { UseFormSetValue } from 'react-hook-form';
import type { PhoneNumber } from '@contract/schemas';
import { Alert, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { withPayloadVersion } from '../model/event-types';
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
}: {
  values: SubscriptionFormValues;
  catalog: readonly string[];
  lines: readonly PhoneNumber[] | undefined;
  setValue: UseFormSetValue<SubscriptionFormValues>;
  /** A viewer is told what is wrong, but offered no fix of a form they cannot save. */
  canFix: boolean;
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

  const fix = (problem: Problem) => {
    switch (problem.kind) {
      case 'edited-without-version':
        return setValue('target_url', withPayloadVersion((values.target_url ?? '').trim()), change);
      case 'not-in-catalog':
        return setValue(
          'subscribed_events',
          (values.subscribed_events ?? []).filter((type) => !problem.items.includes(type)),
          change,
        );
      case 'not-a-line':
        return setValue(
          'phone_numbers',
          (values.phone_numbers ?? []).filter((entry) => entry.kind !== 'valid' || !problem.items.includes(entry.e164)),
          change,
        );
    }
  };
  const fixLabel: Record<Problem['kind'], string> = {
    'edited-without-version': 'Add ?version=2026-02-03 to the URL',
    'not-in-catalog': 'Remove the types not in the catalog',
    'not-a-line': 'Remove the numbers that are not your lines',
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
            <p className="min-w-0 flex-1 basis-64">{problem.detail}</p>
            {canFix && (
              <Button size="sm" onClick={() => fix(problem)}>
                {fixLabel[problem.kind]}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
