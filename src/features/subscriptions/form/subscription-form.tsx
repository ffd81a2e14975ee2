import { useRef } from 'react';
import type { Label } from '@contract/console';
import type { CreatedSubscription, PhoneNumber, Subscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { useWriteAccess, type WriteAccess } from '@/lib/session';
import { ConflictAlert, SaveFailedAlert } from './form-alerts';
import { ActiveField, EventTypesField, LabelFields, PhoneNumbersField, TargetUrlField } from './form-fields';
import { FormFooter } from './form-footer';
import { FormProblems } from './form-problems';
import { FormSections } from './form-sections';
import { SubscriptionHistory } from '../history/subscription-history';
import { firstProblem, useFormState, type FormState } from './use-form-state';
import { useFormSave } from './use-form-save';

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
  const formRef = useRef<HTMLFormElement>(null);
  const state = useFormState({ subscription, template, label, onDirtyChange });
  const { form, values, baseline, hasChanges } = state;
  const { control, handleSubmit, clearErrors, setValue } = form;
  const { failure, conflict, takenBy, alertRef, saving, save, reloadFromServer } = useFormSave({
    state,
    formRef,
    onSaved,
    onCreated,
  });

  const { canSave, hint } = saveState(access, state);

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
      aria-label={baseline ? `${access.canWrite ? 'Edit' : 'View'} ${baseline.target_url}` : 'New subscription'}
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
        <fieldset disabled={!access.canWrite} className={fieldsetClass(access.canWrite)}>
          <TargetUrlField
            control={control}
            note={
              <TargetUrlNote
                takenBy={takenBy}
                onOpenExisting={onOpenExisting}
                template={template}
                targetUrl={values.target_url}
              />
            }
          />
          <ActiveField control={control} isActive={values.is_active} creating={baseline === undefined} />
          <EventTypesField control={control} catalog={catalog} carried={baseline?.subscribed_events ?? []} />
          <PhoneNumbersField
            control={control}
            lines={lines}
            hasFilter={(values.phone_numbers?.length ?? 0) > 0}
            onDraftChange={state.setPhoneDraft}
            onServerErrorStale={() => clearErrors('phone_numbers')}
          />
          <LabelFields control={control} />
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

      <FormProblems {...{ values, catalog, lines, setValue, onDelete }} canFix={access.canWrite} />
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

/** A viewer reads the values: as legible as an editor's, and no placeholder that looks like one. */
const fieldsetClass = (canWrite: boolean) =>
  cn(
    'm-0 min-w-0 space-y-6 border-0 p-0',
    !canWrite &&
      '[&_input:disabled]:opacity-100 [&_input:disabled]:placeholder:text-transparent [&_textarea:disabled]:opacity-100 [&_textarea:disabled]:placeholder:text-transparent',
  );

/**
 * Whether Save can be pressed, and if not, why, in words. Validity comes from the schema on the
 * current values (react-hook-form's isValid waits for a field change, and typed phone text is
 * not one), plus any error the server attached to a field.
 */
function saveState(access: WriteAccess, { form, values, baseline, hasChanges }: FormState) {
  const problem = firstProblem(values);
  const hasFieldErrors = Object.keys(form.formState.errors).length > 0;
  const canSave = access.canWrite && hasChanges && problem === undefined && !hasFieldErrors;
  const hint = !access.canWrite
    ? ''
    : (hasChanges || !baseline) && problem !== undefined
      ? `${baseline ? 'To save' : 'To create'}: ${problem}`
      : hasChanges && hasFieldErrors
        ? 'Fix the fields marked in red to save.'
        : '';
  return { canSave, hint };
}

/** Under the URL field: open the subscription that has the URL (after a 409), or "change the URL" for a duplicate. */
function TargetUrlNote({
  takenBy,
  onOpenExisting,
  template,
  targetUrl,
}: {
  takenBy: string | undefined;
  onOpenExisting: ((id: string) => void) | undefined;
  template: Subscription | undefined;
  targetUrl: string;
}) {
  if (takenBy && onOpenExisting)
    return (
      <Button variant="link" size="xs" className="px-0" onClick={() => onOpenExisting(takenBy)}>
        Open the subscription that has this URL
      </Button>
    );
  if (template && targetUrl.trim() === template.target_url)
    return (
      <p className="text-sm text-warning-fg">
        Duplicated from {template.target_url}: change the target URL, each subscription needs its own.
      </p>
    );
  return null;
}
