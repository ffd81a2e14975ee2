// zod/mini: the same schemas, tree-shakeable, so the first bundle stays small.
import { z } from 'zod/mini';

/**
 * Wire shapes of the Linq Partner API v3 webhook endpoints (contract/CONTRACT.md).
 * Shared by the browser (to parse responses), the proxy and the sandbox (to produce them).
 * Event types stay plain strings: a type this code has never seen must pass through.
 */

export const eventTypeSchema = z.string().check(z.minLength(1));
export type EventType = z.infer<typeof eventTypeSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  target_url: z.string(),
  subscribed_events: z.array(eventTypeSchema),
  phone_numbers: z.nullish(z.array(z.string())),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** The create response: the only time the signing secret is ever sent. */
export const createdSubscriptionSchema = z.extend(subscriptionSchema, {
  signing_secret: z.string(),
});
export type CreatedSubscription = z.infer<typeof createdSubscriptionSchema>;

export const subscriptionListSchema = z.object({
  subscriptions: z.array(subscriptionSchema),
});
export type SubscriptionList = z.infer<typeof subscriptionListSchema>;

export const createSubscriptionBodySchema = z.object({
  target_url: z.string(),
  subscribed_events: z.array(eventTypeSchema),
  phone_numbers: z.optional(z.array(z.string())),
});
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBodySchema>;

/**
 * The fields a create or update may carry, as far as this console knows them: what the journal
 * keeps of a request (server/journal/journal.ts). The routing headers are Linq's newer fields
 * (CONTRACT.md, "What Linq added"), kept so a journaled request says what was asked of them.
 */
export const SUBSCRIPTION_WRITE_FIELDS = [
  'target_url',
  'subscribed_events',
  'phone_numbers',
  'is_active',
  'routing_key_header',
  'routing_id_header',
] as const;

/** PUT is partial: absent fields are left as they are; `[]` or `null` clears the phone filter. */
export const updateSubscriptionBodySchema = z.object({
  target_url: z.optional(z.string()),
  subscribed_events: z.optional(z.array(eventTypeSchema)),
  phone_numbers: z.optional(z.nullable(z.array(z.string()))),
  is_active: z.optional(z.boolean()),
});
export type UpdateSubscriptionBody = z.infer<typeof updateSubscriptionBodySchema>;

export const catalogSchema = z.object({
  events: z.array(eventTypeSchema),
  doc_url: z.string(),
});
export type Catalog = z.infer<typeof catalogSchema>;

export const phoneNumberSchema = z.looseObject({
  id: z.string(),
  phone_number: z.string(),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const phoneNumberListSchema = z.object({
  phone_numbers: z.array(phoneNumberSchema),
});
export type PhoneNumberList = z.infer<typeof phoneNumberListSchema>;

/**
 * Every Linq error: `{ error: { status, code, message }, success: false }`. A 429 (code 1007)
 * also carries `retry_after`, in seconds, beside `error`.
 */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    status: z.int(),
    code: z.int(),
    message: z.string(),
  }),
  retry_after: z.optional(z.number()),
  success: z.literal(false),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
