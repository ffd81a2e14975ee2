import type LinqAPIV3 from '@linqapp/sdk';
import { APIError } from '@linqapp/sdk';
import { expect } from 'vitest';
import type { ErrorEnvelope } from '../../../contract/schemas.ts';
import type { Faults } from './linq-model.ts';

/**
 * What the SDK conformance suite (test-conformance.ts) runs against: a stand-in of Linq reached
 * through the official SDK, holding at least one subscription, with its faults at hand.
 */
export interface ConformanceTarget {
  /** An SDK client with `maxRetries: 0`, so a test sees the first answer. */
  client: LinqAPIV3;
  /** The stand-in's faults, live: a change applies to the next request. */
  faults: Faults;
}

export type OpenTarget = () => Promise<ConformanceTarget>;

export type WebhookSubscription = LinqAPIV3.WebhookSubscription;

// Spelled out, not taken from contract/errors.ts: the suite checks what a stand-in answers.
export function envelope(status: number, code: number, message: string): ErrorEnvelope {
  return { error: { status, code, message }, success: false };
}

export const NOT_FOUND = envelope(404, 2001, 'Resource not found');
export const INTERNAL = envelope(500, 3006, 'Internal server error');
export const BAD_PHONE = envelope(400, 1002, 'Phone number must be in E.164 format');
export const CONFLICT = envelope(409, 2006, 'A webhook subscription with this target_url already exists');
export const badRequest = (message: string) => envelope(400, 1001, message);

/** The SDK error a request fails with; fails the test when it succeeds or fails some other way. */
export async function apiError(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof APIError) return error;
    throw error;
  }
  throw new Error('Expected the request to fail');
}

export async function expectApiError(
  promise: Promise<unknown>,
  ErrorClass: abstract new (...args: never[]) => APIError,
  expected: ErrorEnvelope,
): Promise<void> {
  const error = await apiError(promise);
  expect(error).toBeInstanceOf(ErrorClass);
  expect(error.status).toBe(expected.error.status);
  expect(error.error).toEqual(expected);
}

/** Linq's 429, exactly: a whole-second Retry-After of at least 1, the same in the body. */
export function expectLinq429(error: APIError): number {
  expect(error.status).toBe(429);
  const retryAfter = Number(error.headers?.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(error.error).toEqual({
    error: { status: 429, code: 1007, message: expect.any(String) },
    retry_after: retryAfter,
    success: false,
  });
  expect(Object.keys(error.error as object)).toEqual(['error', 'retry_after', 'success']);
  return retryAfter;
}

export const ms = (timestamp: string): number => {
  const parsed = Date.parse(timestamp);
  expect(Number.isNaN(parsed)).toBe(false);
  return parsed;
};

/** The first subscription the stand-in holds (every target holds one). */
export async function anyExisting(client: LinqAPIV3): Promise<WebhookSubscription> {
  const existing = (await client.webhookSubscriptions.list()).subscriptions[0];
  if (!existing) throw new Error('the stand-in holds no subscription');
  return existing;
}
