import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { Label } from '@contract/console';
import type { Subscription } from '@contract/schemas';
import { formatPhoneNumber } from '@/lib/phone';
import { changedFields, changedLabel, subscriptionFormSchema, toFormValues, type SubscriptionFormValues } from './form';

/**
 * The drawer form's values (react-hook-form over the contract's rules), the version they were
 * loaded from (`baseline`, moved on by a reload or a restore), and whether anything is unsaved.
 */
export function useFormState({
  subscription,
  template,
  label,
  onDirtyChange,
}: {
  subscription: Subscription | undefined;
  template: Subscription | undefined;
  label: Label | undefined;
  onDirtyChange: (dirty: boolean) => void;
}) {
  // The label as it was when the form opened (a restore or reload keeps it).
  const [labelBefore] = useState(() => (label ? { name: label.name, note: label.note } : undefined));
  const [baseline, setBaseline] = useState(subscription);
  // Text typed in the phone field but not yet a chip: unsaved too, and Save turns it into a chip.
  const [phoneDraft, setPhoneDraft] = useState(false);
  // Read once by react-hook-form: computed once, not on every keystroke.
  const [defaultValues] = useState(() => ({
    ...toFormValues(subscription ?? template, formatPhoneNumber, subscription ? labelBefore : undefined),
    ...(subscription ? {} : { is_active: true }),
  }));
  const form = useForm<SubscriptionFormValues>({
    resolver: zodResolver(subscriptionFormSchema),
    defaultValues,
    mode: 'onChange',
  });
  const values = useWatch({ control: form.control }) as SubscriptionFormValues;
  // Typed phone text and invalid chips are not in the request body, but they are the operator's work too.
  const hasInvalidPhones = (values.phone_numbers ?? []).some((entry) => entry.kind === 'invalid');
  const hasChanges =
    (baseline ? Object.keys(changedFields(baseline, values)).length > 0 : form.formState.isDirty) ||
    changedLabel(labelBefore, values) !== undefined ||
    phoneDraft ||
    hasInvalidPhones;
  useEffect(() => onDirtyChange(hasChanges), [hasChanges, onDirtyChange]);
  return { form, values, baseline, setBaseline, labelBefore, hasChanges, setPhoneDraft };
}

export type FormState = ReturnType<typeof useFormState>;

/** What still stops Save, in words (a field the operator has not touched shows no error of its own). */
export function firstProblem(values: SubscriptionFormValues): string | undefined {
  const result = subscriptionFormSchema.safeParse(values);
  return result.success ? undefined : result.error.issues[0]?.message;
}
