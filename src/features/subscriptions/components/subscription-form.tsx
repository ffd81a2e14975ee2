import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api-client';
import { formatPhoneNumber } from '@/lib/phone';
import { sentence } from '@/lib/text';
import { formatAbsoluteTime } from '@/lib/time';
import type { CreatedSubscription, PhoneNumber, Subscription } from '@contract/schemas';
import { removeFromList, subscriptionQueries } from '../api/subscriptions';
import { useCreateSubscription, useUpdateSubscription } from '../api/use-subscription-mutations';
import { EDITED_EVENT, EDITED_PAYLOAD_VERSION, payloadVersion, withPayloadVersion } from '../lib/event-types';
import {
  changedFields,
  createBody,
  fieldForServerError,
  subscriptionFormSchema,
  toFormValues,
  type SubscriptionFormValues,
} from '../lib/form';
import { EventGrid } from './event-grid';
import { PhoneChips } from './phone-chips';

export interface SubscriptionFormProps {
  /** The subscription as loaded when the drawer opened; undefined to create one. */
  subscription: Subscription | undefined;
  catalog: readonly string[];
  /** The account's own lines (`GET /v3/phone_numbers`), offered as suggestions; undefined while loading. */
  lines: readonly PhoneNumber[] | undefined;
  onDirtyChange: (dirty: boolean) => void;
  onSaved: () => void;
  onCreated: (created: CreatedSubscription) => void;
  onDelete?: () => void;
  onCancel: () => void;
}

interface Conflict {
  server: Subscription;
}

interface FormError {
  message: string;
  /** False when saving again cannot help (the subscription is gone). */
  canRetry: boolean;
}

export function SubscriptionForm({
  subscription,
  catalog,
  lines,
  onDirtyChange,
  onSaved,
  onCreated,
  onDelete,
  onCancel,
}: SubscriptionFormProps) {
  const queryClient = useQueryClient();
  const update = useUpdateSubscription();
  const create = useCreateSubscription();
  const [baseline, setBaseline] = useState(subscription);
  const [formError, setFormError] = useState<FormError>();
  // Text typed in the phone field but not yet a chip: unsaved too, and Save turns it into a chip.
  const [phoneDraft, setPhoneDraft] = useState(false);
  const [conflict, setConflict] = useState<Conflict>();
  const ids = {
    url: useId(),
    urlError: useId(),
    events: useId(),
    eventsError: useId(),
    phones: useId(),
    phonesError: useId(),
    active: useId(),
  };

  // Read once by react-hook-form: computed once, not on every keystroke.
  const [defaultValues] = useState(() => toFormValues(subscription, formatPhoneNumber));
  const form = useForm<SubscriptionFormValues>({
    resolver: zodResolver(subscriptionFormSchema),
    defaultValues,
    mode: 'onChange',
  });
  const { control, handleSubmit, formState, setError, reset, setValue, setFocus } = form;
  const values = useWatch({ control }) as SubscriptionFormValues;
  const changes = baseline ? changedFields(baseline, values) : undefined;
  // Typed phone text and invalid chips are not in the request body, but they are the operator's work too.
  const hasInvalidPhones = (values.phone_numbers ?? []).some((entry) => entry.kind === 'invalid');
  const hasChanges =
    (baseline ? Object.keys(changes ?? {}).length > 0 : formState.isDirty) || phoneDraft || hasInvalidPhones;
  // From the press of Save to the answer, the change-on-server check included. The ref stops a
  // second press in the same tick, before the state has rendered.
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);

  useEffect(() => onDirtyChange(hasChanges), [hasChanges, onDirtyChange]);

  // A failure or a conflict is reported at the top of the form: bring it into view from wherever Save was pressed.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formError || conflict)
      // jsdom (unit tests) has no scrollIntoView.
      alertRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [formError, conflict]);

  const showServerError = (error: unknown) => {
    if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
      const field = fieldForServerError(error.status, error.code, error.message);
      if (field) {
        setError(field, { type: 'server', message: error.message }, { shouldFocus: true });
        return;
      }
    }
    setFormError({
      message: error instanceof Error ? error.message : 'The change could not be saved.',
      canRetry: true,
    });
  };

  /** `overwrite`: the server's newer version, which the form's values replace (what the form shows is what is saved). */
  const save = async (formValues: SubscriptionFormValues, overwrite?: Subscription) => {
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    try {
      await saveOnce(formValues, overwrite);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  const saveOnce = async (formValues: SubscriptionFormValues, overwrite: Subscription | undefined) => {
    setFormError(undefined);
    if (!baseline) {
      try {
        onCreated(await create.mutateAsync(createBody(formValues)));
      } catch (error) {
        showServerError(error);
      }
      return;
    }
    try {
      if (!overwrite) {
        // Changed on the server since the drawer opened? Then ask before writing over it.
        const server = await queryClient.fetchQuery({ ...subscriptionQueries.detail(baseline.id), staleTime: 0 });
        if (server.updated_at !== baseline.updated_at) {
          setConflict({ server });
          return;
        }
      }
      setConflict(undefined);
      const body = changedFields(overwrite ?? baseline, formValues);
      // Overwriting a version that already matches the form: nothing is left to send.
      if (Object.keys(body).length > 0) await update.mutateAsync({ id: baseline.id, body });
      toast.success(`Saved ${formValues.target_url.trim()}`);
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        removeFromList(queryClient, baseline.id);
        setFormError({
          message:
            'This subscription no longer exists: it was deleted elsewhere, and it is gone from the list. Copy what you need from here, then close the drawer.',
          canRetry: false,
        });
        return;
      }
      showServerError(error);
    }
  };

  const reloadFromServer = (server: Subscription) => {
    setConflict(undefined);
    setBaseline(server);
    reset(toFormValues(server, formatPhoneNumber));
    // The alert with the button that was pressed is gone: continue at the first field, once the reset form has rendered.
    setFocusUrl(true);
  };
  const [focusUrl, setFocusUrl] = useState(false);
  useEffect(() => {
    if (!focusUrl) return;
    setFocus('target_url');
    setFocusUrl(false);
  }, [focusUrl, setFocus]);

  const targetUrl = values.target_url ?? '';
  const version = payloadVersion(targetUrl);
  const editedWarning = (values.subscribed_events ?? []).includes(EDITED_EVENT) && version !== EDITED_PAYLOAD_VERSION;
  const lineSuggestions = useMemo(
    () => (lines ?? []).map((line) => ({ e164: line.phone_number, display: formatPhoneNumber(line.phone_number) })),
    [lines],
  );
  // Validity from the schema on the current values (react-hook-form's isValid waits for a field
  // change, and typed phone text is not one), plus any error the server attached to a field.
  const problem = firstProblem(values);
  const hasFieldErrors = Object.keys(formState.errors).length > 0;
  // While saving the button stays enabled (aria-disabled): a disabled button would drop the focus to the page.
  const canSave = hasChanges && problem === undefined && !hasFieldErrors;

  return (
    <form
      className="flex min-h-0 flex-1 flex-col"
      noValidate
      onSubmit={(event) => void handleSubmit((formValues) => save(formValues))(event)}
      aria-label={baseline ? `Edit ${baseline.target_url}` : 'New subscription'}
    >
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto px-6 py-5">
        <div ref={alertRef} className="scroll-mt-4" />
        {conflict && (
          <div
            role="alert"
            className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            <p className="font-semibold">This subscription was changed elsewhere since you opened it.</p>
            <p className="mt-1">
              It was last changed {formatAbsoluteTime(conflict.server.updated_at)}. Reload to see that version (your
              edits here are discarded), or overwrite it: the subscription is saved exactly as this form shows it, and
              the other changes are lost.
            </p>
            <div className="mt-3 flex gap-2">
              <Button size="sm" onClick={() => reloadFromServer(conflict.server)}>
                Reload their version
              </Button>
              <Button
                size="sm"
                variant="destructive"
                onClick={() => void handleSubmit((formValues) => save(formValues, conflict.server))()}
              >
                Overwrite with mine
              </Button>
            </div>
          </div>
        )}
        {formError && (
          <div
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            <p className="font-semibold">Not saved</p>
            <p className="mt-1">{sentence(formError.message)}</p>
            {formError.canRetry && <p className="mt-1">Everything you typed is still here. Try Save again.</p>}
          </div>
        )}

        <div className="space-y-1.5">
          <Label htmlFor={ids.url}>Target URL</Label>
          <Controller
            control={control}
            name="target_url"
            render={({ field, fieldState }) => (
              <>
                <Input
                  {...field}
                  id={ids.url}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="https://hooks.example.com/linq?version=2026-02-03"
                  aria-invalid={fieldState.invalid || undefined}
                  aria-describedby={fieldState.error ? ids.urlError : undefined}
                  className="font-mono"
                />
                <FieldError id={ids.urlError} message={fieldState.error?.message} />
              </>
            )}
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Events are POSTed here. Add <code className="font-mono">?version=YYYY-MM-DD</code> to choose the payload
            format.
          </p>
        </div>

        {baseline && (
          <div className="flex items-center gap-3">
            <Controller
              control={control}
              name="is_active"
              render={({ field }) => (
                <Switch id={ids.active} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
              )}
            />
            <Label htmlFor={ids.active}>Active</Label>
            <span className="text-sm text-zinc-600 dark:text-zinc-400">
              {values.is_active ? 'Receives events.' : 'Receives nothing until turned on.'}
            </span>
          </div>
        )}

        <section className="space-y-2" aria-labelledby={ids.events}>
          <h3 id={ids.events} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
            Event types
          </h3>
          <Controller
            control={control}
            name="subscribed_events"
            render={({ field, fieldState }) => (
              <>
                <FieldError id={ids.eventsError} message={fieldState.error?.message} />
                <EventGrid
                  catalog={catalog}
                  carried={baseline?.subscribed_events ?? []}
                  value={field.value}
                  onChange={field.onChange}
                  labelledBy={ids.events}
                  describedBy={fieldState.error ? ids.eventsError : undefined}
                />
              </>
            )}
          />
          {editedWarning && (
            <div
              role="status"
              className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
            >
              <p>
                <strong>message.edited will never be delivered to this URL.</strong> Linq sends it only to subscriptions
                on the {EDITED_PAYLOAD_VERSION} payload format, chosen by{' '}
                <code className="font-mono">?version={EDITED_PAYLOAD_VERSION}</code> on the target URL
                {version ? `; this URL asks for version ${version}.` : ', and this URL has no version.'}
              </p>
              <Button
                size="sm"
                className="mt-2"
                disabled={targetUrl.trim() === ''}
                onClick={() =>
                  setValue('target_url', withPayloadVersion(targetUrl.trim()), {
                    shouldDirty: true,
                    shouldValidate: true,
                  })
                }
              >
                Add ?version={EDITED_PAYLOAD_VERSION} to the URL
              </Button>
            </div>
          )}
        </section>

        <div className="space-y-1.5">
          <Label htmlFor={ids.phones}>Phone numbers</Label>
          <Controller
            control={control}
            name="phone_numbers"
            render={({ field, fieldState }) => (
              <>
                <PhoneChips
                  id={ids.phones}
                  value={field.value}
                  onChange={(next) => {
                    field.onChange(next);
                    // A server error about the numbers no longer applies once they change.
                    if (fieldState.error?.type === 'server') form.clearErrors('phone_numbers');
                  }}
                  onBlur={field.onBlur}
                  onDraftChange={setPhoneDraft}
                  inputRef={field.ref}
                  suggestions={lineSuggestions}
                  invalid={fieldState.invalid}
                  describedBy={fieldState.error ? ids.phonesError : undefined}
                />
                <FieldError id={ids.phonesError} message={fieldState.error?.message} />
              </>
            )}
          />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {values.phone_numbers?.length
              ? 'Only events on these lines are sent.'
              : 'No filter: events from all phone numbers are sent.'}{' '}
            Separate numbers with commas, semicolons or new lines; press Enter to add.
          </p>
        </div>
      </div>

      <footer className="flex items-center gap-2 border-t border-zinc-200 px-6 py-4 dark:border-zinc-800">
        {onDelete && (
          <Button variant="ghost-danger" onClick={onDelete} aria-label={`Delete ${baseline?.target_url ?? ''}`}>
            Delete
          </Button>
        )}
        <span className="ml-auto text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {hasChanges && problem !== undefined
            ? `To save: ${problem}`
            : hasChanges && hasFieldErrors
              ? 'Fix the fields marked in red to save.'
              : ''}
        </span>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          disabled={!canSave}
          aria-disabled={saving || undefined}
          aria-busy={saving || undefined}
        >
          {saving ? 'Saving…' : baseline ? 'Save changes' : 'Create subscription'}
        </Button>
      </footer>
    </form>
  );
}

/** What still stops Save, in words (a field the operator has not touched shows no error of its own). */
function firstProblem(values: SubscriptionFormValues): string | undefined {
  const result = subscriptionFormSchema.safeParse(values);
  return result.success ? undefined : result.error.issues[0]?.message;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}
