import type { z } from 'zod/mini';
import {
  activityListSchema,
  labelBodySchema,
  labelListSchema,
  labelSchema,
  sessionSchema,
  upstreamInfoSchema,
} from './console.ts';
import {
  catalogSchema,
  createdSubscriptionSchema,
  createSubscriptionBodySchema,
  errorEnvelopeSchema,
  phoneNumberListSchema,
  subscriptionListSchema,
  subscriptionSchema,
  updateSubscriptionBodySchema,
} from './schemas.ts';
import { jobControlSchema, jobDetailSchema, jobListSchema, jobSchema, jobSubmitSchema } from './jobs.ts';
import { quickReadSubscriptionList } from './quick-read.ts';

/**
 * Every wire shape by name. The endpoint table (endpoints.ts) names its bodies and answers by
 * these keys instead of holding the schemas, so it carries no zod: the browser's first bundle
 * takes the table, and the schemas load beside the first request.
 */
export const WIRE = {
  subscription: subscriptionSchema,
  createdSubscription: createdSubscriptionSchema,
  subscriptionList: subscriptionListSchema,
  createSubscriptionBody: createSubscriptionBodySchema,
  updateSubscriptionBody: updateSubscriptionBodySchema,
  catalog: catalogSchema,
  phoneNumberList: phoneNumberListSchema,
  errorEnvelope: errorEnvelopeSchema,
  upstreamInfo: upstreamInfoSchema,
  session: sessionSchema,
  activityList: activityListSchema,
  label: labelSchema,
  labelList: labelListSchema,
  labelBody: labelBodySchema,
  job: jobSchema,
  jobList: jobListSchema,
  jobDetail: jobDetailSchema,
  jobSubmit: jobSubmitSchema,
  jobControl: jobControlSchema,
} as const;

export type Wire = typeof WIRE;
export type WireName = keyof Wire;

/**
 * Shapes with a quicker reader than zod's for the same rules (quick-read.ts): tried first, and
 * zod reads the answer whenever it gives undefined.
 */
export const QUICK_READS: { readonly [N in WireName]?: (value: unknown) => z.infer<Wire[N]> | undefined } = {
  subscriptionList: quickReadSubscriptionList,
};
