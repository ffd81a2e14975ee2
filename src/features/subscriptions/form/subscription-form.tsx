import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { Label } from '@contract/console';
import type { CreatedSubscription, PhoneNumber, Subscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { formatPhoneNumber } from '@/lib/phone';
import { useWriteAccess } from '@/lib/session';
import { useSaveSubscription, type SaveOutcome } from './use-save-subscription';
import { changedFields, changedLabel, subscriptionFormSchema, toFormValues, type SubscriptionFormValues } from './form';
import { ConflictAlert, SaveFailedAlert, type SaveFailure } from './form-alerts';
import { ActiveField, EventTypesField, LabelFields, PhoneNumbersField, TargetUrlField } from './form-fields';
import { FormFooter } from './form-footer';
import { FormProblems } from './form-problems';
import { FormSections } from './form-sections';
import { SubscriptionHistory } from '../history/subscription-history';
import { useFocusFieldAfterRender } from './use-focus-field-after-render';

export interface SubscriptionFormProps {
  /** The subscription as loaded when the drawer opened; undefined to create one. */
  subscription: Subscription | undefined;
  catalog: readonly string[];
  /** The account's own lines (`GET /v3/phone_numbers`), offered as suggestions; undefined while loading. */
  lines: readonly PhoneNumber[] | undefined;
  onDirtyChange: (dirty: boolean) => void;
  onSaved: () => void;
  onCreated: (created: CreatedSubscription) => void;
  onDelete?: (() => void) | undefined;
  onCancel: () => void;
  /** Creating from another subscription (Duplicate): its events and phone filter, its URL to change. */
  template?: Subscription | undefined;
  /** Opens another subscription (the one that already has the URL, after a 409). */
  onOpenExisting?: ((id: string) => void) | undefined;
  /** A new subscription from this one (edit mode). */
  onDuplicate?: (() => void) | undefined;
  /** The console's name and note for it, as loaded. */
  label?: Label | undefined;
}

const GONE_MESSAGE =
  'This subscription no longer exists: it was deleted elsewhere, and it is gone from the list. Copy what you need from here, then close the drawer.';

/** The drawer's form: its values, what stops Save, and what each outcome of Save shows. */
export function SubscriptionForm({
  subscription,
  catalog,
  lines,
  onDirtyChange,
  onSaved,
  onCreated,
  onDelete,
  onCancel,
  template,
  onOpenExisting,
  onDuplicate,
  label,
}: SubscriptionFormProps) {
  const access = useWriteAccess();
  // The label as it was when the form opened (a restore or reload keeps it).
  const [labelBefore] = useState(() => (label ? { name: label.name, note: label.note } : undefined));
  const saveSubscription = useSaveSubscription();
  const formRef = useRef<HTMLFormElement>(null);
  const [baseline, setBaseline] = useState(subscription);
  const [failure, setFailure] = useState<SaveFailure>();
  const [conflict, setConflict] = useState<Subscription>();
  // Text typed in the phone field but not yet a chip: unsaved too, and Save turns it into a chip.
  const [phoneDraft, setPhoneDraft] = useState(false);

  // Read once by react-hook-form: computed once, not on every keystroke.
  const [defaultValues] = useState(() => ({
    ...toFormValues(subscription ?? template, formatPhoneNumber, subscription ? labelBefore : undefined),
    ...(subscription ? {} : { is_active: true }),
  }));
  // A 409: the subscription that already has this URL, to open.
  const [takenBy, setTakenBy] = useState<string>();
  const form = useForm<SubscriptionFormValues>({
    resolver: zodResolver(subscriptionFormSchema),
    defaultValues,
    mode: 'onChange',
  });
  const { control, handleSubmit, formState, setError, clearErrors, reset, setValue } = form;
  const values = useWatch({ control }) as SubscriptionFormValues;
  // Typed phone text and invalid chips are not in the request body, but they are the operator's work too.
  const hasInvalidPhones = (values.phone_numbers ?? []).some((entry) => entry.kind === 'invalid');
  const hasChanges =
    (baseline ? Object.keys(changedFields(baseline, values)).length > 0 : formState.isDirty) ||
    changedLabel(labelBefore, values) !== undefined ||
    phoneDraft ||
    hasInvalidPhones;
  useEffect(() => onDirtyChange(hasChanges), [hasChanges, onDirtyChange]);

  // A failure or a conflict is reported at the top of the form: bring it into view from wherever Save was pressed.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure || conflict) alertRef.current?.scrollIntoView({ block: 'nearest' });
  }, [failure, conflict]);

  const show = (outcome: SaveOutcome, formValues: SubscriptionFormValues) => {
    setConflict(outcome.kind === 'conflict' ? outcome.server : undefined);
    const url = formValues.target_url.trim();
    const labelNotSaved = (done: string, error: string) =>
      toast.error(`${done} ${url}, but not its name and note`, { description: error });
    switch (outcome.kind) {
      case 'created':
        if (outcome.labelError) labelNotSaved('Created', outcome.labelError);
        return onCreated(outcome.created);
      case 'saved':
        if (outcome.labelError) labelNotSaved('Saved', outcome.labelError);
        else toast.success(`Saved ${url}`);
        return onSaved();
      case 'gone':
        return setFailure({ message: GONE_MESSAGE, canRetry: false });
      case 'field-error':
        setTakenBy(outcome.existingId);
        return setError(outcome.field, { type: 'server', message: outcome.message }, { shouldFocus: true });
      case 'error':
        return setFailure({ message: outcome.message, canRetry: true });
    }
  };

  // From the press of Save to the answer, the change-on-server check included. The ref stops a
  // second press in the same tick, before the state has rendered.
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  /** `overwrite`: the server's newer version, which the form's values replace (what the form shows is what is saved). */
  const save = async (formValues: SubscriptionFormValues, overwrite?: Subscription) => {
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    setFailure(undefined);
    try {
      show(await saveSubscription({ baseline, values: formValues, overwrite, labelBefore }), formValues);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  // The alert with the button that was pressed is gone after a reload: continue at the first field.
  const focusUrlAfterRender = useFocusFieldAfterRender(formRef, 'target_url');
  const reloadFromServer = (server: Subscription) => {
    setConflict(undefined);
    setBaseline(server);
    reset({ ...toFormValues(server, formatPhoneNumber), label: values.label });
    focusUrlAfterRender();
  };

  // Validity from the schema on the current values (react-hook-form's isValid waits for a field
  // change, and typed phone text is not one), plus any error the server attached to a field.
  const problem = firstProblem(values);
  const hasFieldErrors = Object.keys(formState.errors).length > 0;
  const canSave = access.canWrite && hasChanges && problem === undefined && !hasFieldErrors;
  const hint = !access.canWrite
    ? (access.reason ?? '')
    : (hasChanges || !baseline) && problem !== undefined
      ? `${baseline ? 'To save' : 'To create'}: ${problem}`
      : hasChanges && hasFieldErrors
        ? 'Fix the fields marked in red to save.'
        : '';

  return (
    <form
      ref={formRef}
      className="flex min-h-0 flex-1 flex-col"
      noValidate
      onSubmit={(event) => void handleSubmit((formValues) => save(formValues))(event)}
      onKeyDown={(event) => {
        // Ctrl+Enter (⌘ Enter on a Mac) saves from any field, as Save would.
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          if (canSave) event.currentTarget.requestSubmit();
        }
      }}
      aria-label={baseline ? `Edit ${baseline.target_url}` : 'New subscription'}
    >
      <FormSections form={formRef} editing={baseline !== undefined} />
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto px-6 py-5 [&_[data-section]]:scroll-mt-4">
        <div ref={alertRef} className="scroll-mt-4" />
        {conflict && (
          <ConflictAlert
            server={conflict}
            onReload={() => reloadFromServer(conflict)}
            onOverwrite={() => void handleSubmit((formValues) => save(formValues, conflict))()}
          />
        )}
        {failure && <SaveFailedAlert failure={failure} />}
        <fieldset disabled={!access.canWrite} className="m-0 min-w-0 space-y-6 border-0 p-0">
          <LabelFields control={control} />
          <TargetUrlField
            control={control}
            note={
              takenBy && onOpenExisting ? (
                <Button variant="link" size="xs" className="px-0" onClick={() => onOpenExisting(takenBy)}>
                  Open the subscription that has this URL
                </Button>
              ) : template && values.target_url.trim() === template.target_url ? (
                <p className="text-sm text-warning-fg">
                  Duplicated from {template.target_url}: change the target URL, each subscription needs its own.
                </p>
              ) : undefined
            }
          />
          {baseline && <ActiveField control={control} isActive={values.is_active} />}
          <EventTypesField control={control} catalog={catalog} carried={baseline?.subscribed_events ?? []} />
          <PhoneNumbersField
            control={control}
            lines={lines}
            hasFilter={(values.phone_numbers?.length ?? 0) > 0}
            onDraftChange={setPhoneDraft}
            onServerErrorStale={() => clearErrors('phone_numbers')}
          />
        </fieldset>
        {baseline && (
          <SubscriptionHistory
            subscription={baseline}
            canRestore={access.canWrite}
            unsaved={hasChanges}
            onRestored={reloadFromServer}
          />
        )}
      </div>

      <FormProblems values={values} catalog={catalog} lines={lines} setValue={setValue} canFix={access.canWrite} />
      <FormFooter
        targetUrl={baseline?.target_url}
        editing={baseline !== undefined}
        canWrite={access.canWrite}
        hint={hint}
        canSave={canSave}
        saving={saving}
        onDelete={onDelete}
        onDuplicate={onDuplicate}
        onCancel={onCancel}
      />
    </form>
  );
}

/** What still stops Save, in words (a field the operator has not touched shows no error of its own). */
function firstProblem(values: SubscriptionFormValues): string | undefined {
  const result = subscriptionFormSchema.safeParse(values);
  return result.success ? undefined : result.error.issues[0]?.message;
}
