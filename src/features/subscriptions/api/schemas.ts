import { z } from 'zod';

/**
 * Wire shapes of the Linq Partner API v3 webhook endpoints (../shared/api/CONTRACT.md).
 * Shared by the browser (to parse responses) and the sandbox (to produce them).
 * Event types stay plain strings: a type this code has never seen must pass through.
 */

export const eventTypeSchema = z.string().min(1);
export type EventType = z.infer<typeof eventTypeSchema>;

export const subscriptionSchema = z.object({
  id: z.string(),
  target_url: z.string(),
  subscribed_events: z.array(eventTypeSchema),
  phone_numbers: z.array(z.string()).nullish(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** The create response: the only time the signing secret is ever sent. */
export const createdSubscriptionSchema = subscriptionSchema.extend({
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
  phone_numbers: z.array(z.string()).optional(),
});
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBodySchema>;

/** PUT is partial: absent fields are left as they are; `[]` or `null` clears the phone filter. */
export const updateSubscriptionBodySchema = z.object({
  target_url: z.string().optional(),
  subscribed_events: z.array(eventTypeSchema).optional(),
  phone_numbers: z.array(z.string()).nullable().optional(),
  is_active: z.boolean().optional(),
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

/** Every Linq error: `{ error: { status, code, message }, success: false }`. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.number().int(),
    message: z.string(),
  }),
  success: z.literal(false),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
