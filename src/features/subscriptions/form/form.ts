// zod/mini, like the wire schemas: one small copy of zod in the bundle.
import { z } from 'zod/mini';
import { LABEL_NAME_MAX, LABEL_NOTE_MAX, storableTextProblem, type LabelBody } from '@contract/console';
import { TARGET_URL_MAX_LENGTH, errorField, targetUrlProblem as contractTargetUrlProblem } from '@contract/rules';
import type { CreateSubscriptionBody, Subscription, UpdateSubscriptionBody } from '@contract/schemas';

/**
 * The drawer's form: values, validation and the request body built from what changed.
 * Pure functions, so the rules are tested without rendering.
 */

const phoneEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('valid'), e164: z.string(), display: z.string() }),
  z.object({ kind: z.literal('invalid'), input: z.string(), reason: z.string() }),
]);

const TARGET_URL_EXAMPLE = 'for example https://hooks.example.com/linq';

export const subscriptionFormSchema = z.object({
  target_url: z.string().check(
    z.trim(),
    z.minLength(1, `Enter the target URL, ${TARGET_URL_EXAMPLE}.`),
    z.superRefine((value, context) => {
      const problem = targetUrlProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
    }),
  ),
  is_active: z.boolean(),
  subscribed_events: z.array(z.string()).check(z.minLength(1, 'Choose at least one event type.')),
  phone_numbers: z
    .array(phoneEntrySchema)
    .check(
      z.refine(
        (entries) => !entries.some((entry) => entry.kind === 'invalid'),
        'Fix or remove the phone numbers marked in red before saving.',
      ),
    ),
  /** The console's name and note (not Linq's): saved beside the subscription, in the console's database. */
  label: z.object({
    name: z.string().check(
      z.maxLength(LABEL_NAME_MAX, `Keep the name to ${LABEL_NAME_MAX} characters.`),
      z.refine((value) => storableTextProblem(value, 'line') === undefined, 'The name must be one line of text.'),
    ),
    note: z.string().check(
      z.maxLength(LABEL_NOTE_MAX, `Keep the note to ${LABEL_NOTE_MAX.toLocaleString('en')} characters.`),
      z.refine(
        (value) => storableTextProblem(value, 'note') === undefined,
        'The note can hold text, tabs and line breaks, but no other control characters.',
      ),
    ),
  }),
});

export type SubscriptionFormValues = z.infer<typeof subscriptionFormSchema>;

/** What the operator is told for each target URL problem (contract/rules.ts decides which there is); '' is the required message's. */
export function targetUrlProblem(value: string): string | undefined {
  if (value === '') return undefined;
  switch (contractTargetUrlProblem(value)) {
    case undefined:
    case 'empty':
      return undefined;
    case 'too-long':
      return `Keep the URL to ${TARGET_URL_MAX_LENGTH.toLocaleString('en')} characters.`;
    case 'control-characters':
      return 'The URL contains a tab, line break or other control character: remove it.';
    case 'not-a-url':
      return `Enter a full URL starting with https://, ${TARGET_URL_EXAMPLE}.`;
    case 'spaces':
      return 'The URL contains a space: remove it, or write it as %20.';
    case 'not-https': {
      const { protocol } = new URL(value);
      // "http://…" has a https:// twin; "javascript:alert(1)" or "mailto:…" has none.
      return value.slice(protocol.length).startsWith('//')
        ? `Linq delivers only to HTTPS URLs: use https:// instead of ${protocol}//.`
        : `Linq delivers only to HTTPS URLs, starting with https://; a ${protocol} URL cannot receive webhooks.`;
    }
    case 'no-host':
      return `The URL needs a host name, ${TARGET_URL_EXAMPLE}.`;
    case 'credentials':
      return 'Remove the user name and password from the URL.';
  }
}

export function toFormValues(
  subscription: Subscription | undefined,
  formatPhone: (e164: string) => string,
  label?: LabelBody,
): SubscriptionFormValues {
  return {
    label: { name: label?.name ?? '', note: label?.note ?? '' },
    target_url: subscription?.target_url ?? '',
    is_active: subscription?.is_active ?? true,
    subscribed_events: [...(subscription?.subscribed_events ?? [])],
    phone_numbers: (subscription?.phone_numbers ?? []).map((e164) => ({
      kind: 'valid' as const,
      e164,
      display: formatPhone(e164),
    })),
  };
}

/** The label as the form holds it, trimmed, when it differs from `before`; undefined when unchanged. */
export function changedLabel(before: LabelBody | undefined, values: SubscriptionFormValues): LabelBody | undefined {
  const after = { name: values.label.name.trim(), note: values.label.note.trim() };
  return after.name === (before?.name ?? '') && after.note === (before?.note ?? '') ? undefined : after;
}

function validPhones(values: SubscriptionFormValues): string[] {
  return values.phone_numbers.flatMap((entry) => (entry.kind === 'valid' ? [entry.e164] : []));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((entry) => set.has(entry));
}

/** Only the fields that differ from the subscription as it was loaded; clearing the phone filter sends `[]`. */
export function changedFields(original: Subscription, values: SubscriptionFormValues): UpdateSubscriptionBody {
  const body: UpdateSubscriptionBody = {};
  const targetUrl = values.target_url.trim();
  if (targetUrl !== original.target_url) body.target_url = targetUrl;
  if (values.is_active !== original.is_active) body.is_active = values.is_active;
  if (!sameSet(values.subscribed_events, original.subscribed_events)) body.subscribed_events = values.subscribed_events;
  const phones = validPhones(values);
  if (!sameSet(phones, original.phone_numbers ?? [])) body.phone_numbers = phones;
  return body;
}

export function createBody(values: SubscriptionFormValues): CreateSubscriptionBody {
  const body: CreateSubscriptionBody = {
    target_url: values.target_url.trim(),
    subscribed_events: values.subscribed_events,
  };
  const phones = validPhones(values);
  if (phones.length > 0) body.phone_numbers = phones;
  return body;
}

export type FormField = keyof SubscriptionFormValues;

/** Which field a server's refusal concerns, by its code or status (contract/rules.ts), never by its words. */
export function fieldForServerError(status: number, code: number | undefined): FormField | undefined {
  return errorField(status, code);
}
