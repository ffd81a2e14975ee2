import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CreatedSubscription, Subscription } from '@contract/schemas';
import { formatPhoneNumber } from '@/lib/phone';
import { useServices } from '@/lib/services';
import { useFocusFieldAfterRender } from '@/lib/use-focus-field-after-render';
import { toFormValues, type SubscriptionFormValues } from './form';
import type { SaveFailure } from './form-alerts';
import type { FormState } from './use-form-state';
import { useSaveSubscription, type SaveOutcome } from './use-save-subscription';

const GONE_MESSAGE =
  'This subscription no longer exists: it was deleted elsewhere, and it is gone from the list. Copy what you need from here, then close the drawer.';

/**
 * Save and what each of its outcomes shows: created or saved (and closed), a field's error from
 * the server (a 409's subscription to open), a change made elsewhere meanwhile (reload or
 * overwrite), gone, or a failure to retry.
 */
export function useFormSave({
  state,
  formRef,
  onSaved,
  onCreated,
}: {
  state: FormState;
  formRef: RefObject<HTMLFormElement | null>;
  onSaved: () => void;
  onCreated: (created: CreatedSubscription) => void;
}) {
  const { form, baseline, setBaseline, labelBefore, values } = state;
  const { notifier } = useServices();
  const saveSubscription = useSaveSubscription();
  const [failure, setFailure] = useState<SaveFailure>();
  const [conflict, setConflict] = useState<Subscription>();
  // A 409: the subscription that already has this URL, to open.
  const [takenBy, setTakenBy] = useState<string>();
  // A failure or a conflict is reported at the top of the form: bring it into view from wherever Save was pressed.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure || conflict) alertRef.current?.scrollIntoView({ block: 'nearest' });
  }, [failure, conflict]);

  const show = (outcome: SaveOutcome, formValues: SubscriptionFormValues) => {
    setConflict(outcome.kind === 'conflict' ? outcome.server : undefined);
    const url = formValues.target_url.trim();
    const labelNotSaved = (done: string, error: string) =>
      notifier.notify({ kind: 'error', message: `${done} ${url}, but not its name and note`, description: error });
    switch (outcome.kind) {
      case 'created':
        if (outcome.labelError) labelNotSaved('Created', outcome.labelError);
        if (outcome.inactiveError) {
          notifier.notify({
            kind: 'error',
            message: `Created ${url}, but it is active: it could not be turned off`,
            description: outcome.inactiveError,
          });
        }
        return onCreated(outcome.created);
      case 'saved':
        if (outcome.labelError) labelNotSaved('Saved', outcome.labelError);
        else notifier.notify({ kind: 'success', message: `Saved ${url}` });
        return onSaved();
      case 'gone':
        return setFailure({ message: GONE_MESSAGE, canRetry: false });
      case 'field-error':
        setTakenBy(outcome.existingId);
        return form.setError(outcome.field, { type: 'server', message: outcome.message }, { shouldFocus: true });
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
    form.reset({ ...toFormValues(server, formatPhoneNumber), label: values.label });
    focusUrlAfterRender();
  };

  return { failure, conflict, takenBy, alertRef, saving, save, reloadFromServer };
}
