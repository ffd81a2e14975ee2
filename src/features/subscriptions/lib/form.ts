// zod/mini, like the wire schemas: one small copy of zod in the bundle.
import { z } from 'zod/mini';
import { LABEL_NAME_MAX, LABEL_NOTE_MAX, storableTextProblem, type LabelBody } from '@contract/console';
import type { CreateSubscriptionBody, Subscription, UpdateSubscriptionBody } from '@contract/schemas';

/**
 * The drawer's form: values, validation and the request body built from what changed.
 * Pure functions, so the rules are tested without rendering.
 */

const phoneEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('valid'), e164: z.string(), display: z.string() }),
  z.object({ kind: z.literal('invalid'), input: z.string(), reason: z.string() }),
]);

export { LABEL_NAME_MAX, LABEL_NOTE_MAX };

export const subscriptionFormSchema = z.object({
  target_url: z.string().check(
    z.trim(),
    z.minLength(1, 'Enter the target URL, for example https://hooks.example.com/linq.'),
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

export function targetUrlProblem(value: string): string | undefined {
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL starting with https://, for example https://hooks.example.com/linq.';
  }
  if (url.protocol !== 'https:') return `Linq delivers only to HTTPS URLs: use https:// instead of ${url.protocol}//.`;
  if (!url.hostname) return 'The URL needs a host name, for example https://hooks.example.com/linq.';
  if (url.username || url.password) return 'Remove the user name and password from the URL.';
  return undefined;
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

/** Which field a server's 400/409 message concerns (the code is documented only for phone numbers). */
export function fieldForServerError(status: number, code: number | undefined, message: string): FormField | undefined {
  if (code === 1002 || /phone/i.test(message)) return 'phone_numbers';
  if (status === 409 || /target_url|url/i.test(message)) return 'target_url';
  if (/event/i.test(message)) return 'subscribed_events';
  return undefined;
}
