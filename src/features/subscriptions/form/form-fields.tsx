import { useId, useMemo, type ReactNode } from 'react';
import { Controller, type Control } from 'react-hook-form';
import type { PhoneNumber } from '@contract/schemas';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Switch } from '@/components/ui/switch';
import { Textarea } from '@/components/ui/textarea';
import { formatPhoneNumber } from '@/lib/phone';
import type { SubscriptionFormValues } from './form';
import { EventGrid } from '../pickers/event-grid';
import { PhoneChips } from '../pickers/phone-chips';

/** The form's fields, each a react-hook-form Controller with its label, description and error. */

type FormControl = Control<SubscriptionFormValues>;

export function TargetUrlField({ control, note }: { control: FormControl; note?: ReactNode }) {
  const id = useId();
  const errorId = useId();
  return (
    <Field data-section="url">
      <FieldLabel htmlFor={id}>Target URL</FieldLabel>
      <Controller
        control={control}
        name="target_url"
        render={({ field, fieldState }) => (
          <>
            <Input
              {...field}
              id={id}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://hooks.example.com/linq?version=2026-02-03"
              aria-invalid={fieldState.invalid || undefined}
              aria-describedby={fieldState.error ? errorId : undefined}
              className="font-mono"
            />
            <FieldError id={errorId}>{fieldState.error?.message}</FieldError>
          </>
        )}
      />
      {note}
      <FieldDescription>
        Events are POSTed here. Add <code className="font-mono">?version=YYYY-MM-DD</code> to choose the payload format.
      </FieldDescription>
    </Field>
  );
}

export function ActiveField({
  control,
  isActive,
  creating,
}: {
  control: FormControl;
  isActive: boolean;
  /** A new subscription: Linq creates it active, and the console turns it off right after when asked. */
  creating: boolean;
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-3">
      <Controller
        control={control}
        name="is_active"
        render={({ field }) => (
          <Switch id={id} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
        )}
      />
      <FieldLabel htmlFor={id}>Active</FieldLabel>
      <span className="text-sm text-fg-muted">
        {isActive
          ? 'Receives events.'
          : creating
            ? 'Created, then turned off at once (Linq creates every subscription active); receives nothing until turned on.'
            : 'Receives nothing until turned on.'}
      </span>
    </div>
  );
}

export function EventTypesField({
  control,
  catalog,
  carried,
}: {
  control: FormControl;
  catalog: readonly string[];
  /** The types the subscription had when the form opened. */
  carried: readonly string[];
}) {
  const headingId = useId();
  const errorId = useId();
  return (
    <section className="space-y-2" aria-labelledby={headingId} data-section="events">
      <h3 id={headingId} className="text-sm font-medium text-fg">
        Event types
      </h3>
      <Controller
        control={control}
        name="subscribed_events"
        render={({ field, fieldState }) => (
          <>
            <FieldError id={errorId}>{fieldState.error?.message}</FieldError>
            <EventGrid
              catalog={catalog}
              carried={carried}
              value={field.value}
              onChange={field.onChange}
              labelledBy={headingId}
              describedBy={fieldState.error ? errorId : undefined}
            />
          </>
        )}
      />
    </section>
  );
}

export function PhoneNumbersField({
  control,
  lines,
  hasFilter,
  onDraftChange,
  onServerErrorStale,
}: {
  control: FormControl;
  /** The account's own lines, offered as suggestions; undefined while loading. */
  lines: readonly PhoneNumber[] | undefined;
  hasFilter: boolean;
  onDraftChange: (hasDraft: boolean) => void;
  /** The numbers changed after the server refused them: its error no longer applies. */
  onServerErrorStale: () => void;
}) {
  const id = useId();
  const errorId = useId();
  const suggestions = useMemo(
    () => (lines ?? []).map((line) => ({ e164: line.phone_number, display: formatPhoneNumber(line.phone_number) })),
    [lines],
  );
  return (
    <Field data-section="phones">
      <FieldLabel htmlFor={id}>Phone numbers</FieldLabel>
      <Controller
        control={control}
        name="phone_numbers"
        render={({ field, fieldState }) => (
          <>
            <PhoneChips
              id={id}
              value={field.value}
              onChange={(next) => {
                field.onChange(next);
                if (fieldState.error?.type === 'server') onServerErrorStale();
              }}
              onBlur={field.onBlur}
              onDraftChange={onDraftChange}
              inputRef={field.ref}
              suggestions={suggestions}
              invalid={fieldState.invalid}
              describedBy={fieldState.error ? errorId : undefined}
            />
            <FieldError id={errorId}>{fieldState.error?.message}</FieldError>
          </>
        )}
      />
      <FieldDescription>
        {hasFilter ? 'Only events on these lines are sent.' : 'No filter: events from all phone numbers are sent.'}{' '}
        Separate numbers with commas, semicolons or new lines; press Enter to add.
      </FieldDescription>
    </Field>
  );
}

/** The console's own name and note for the subscription (Linq has no such field). */
export function LabelFields({ control }: { control: FormControl }) {
  const nameId = useId();
  const noteId = useId();
  const errorId = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]" data-section="label">
      <Controller
        control={control}
        name="label.name"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={nameId}>Name</FieldLabel>
            <Input
              {...field}
              id={nameId}
              autoComplete="off"
              placeholder="Billing – EU"
              aria-invalid={fieldState.invalid || undefined}
              aria-describedby={fieldState.error ? errorId : undefined}
            />
            <FieldError id={errorId}>{fieldState.error?.message}</FieldError>
          </Field>
        )}
      />
      <Controller
        control={control}
        name="label.note"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={noteId}>Note</FieldLabel>
            <Textarea
              {...field}
              id={noteId}
              rows={2}
              placeholder="Who owns it, what it is for"
              aria-invalid={fieldState.invalid || undefined}
            />
            <FieldError>{fieldState.error?.message}</FieldError>
          </Field>
        )}
      />
      <FieldDescription className="sm:col-span-2">
        Kept by the console (Linq has no such field): shown above the URL in the table, and searchable.
      </FieldDescription>
    </div>
  );
}
