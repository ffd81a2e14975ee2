import { isValidPhoneNumber } from 'libphonenumber-js';
import { LINQ_ERRORS } from '../../../contract/errors.ts';
import { TARGET_URL_MAX_LENGTH, targetUrlProblem, type TargetUrlProblem } from '../../../contract/rules.ts';
import type { ErrorEnvelope } from '../../../contract/schemas.ts';
import { SDK_EVENT_TYPES } from './event-types.ts';

/**
 * Request-body checks with the messages an operator can act on. Each check returns the cleaned
 * value or an envelope; fields outside the contract are ignored, as the real API does.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(error: ErrorEnvelope): Checked<T> => ({ ok: false, error });

const KNOWN_EVENT_TYPES = new Set(SDK_EVENT_TYPES);
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Size limits (README, "Security"). Every check is linear, and the costly one (libphonenumber,
 * tens of microseconds a number) runs only after the count is known to be sane, so one 1 MiB body
 * costs milliseconds, not seconds, in a process the console may share. Event types need no limit
 * of their own: only the SDK's 27 are accepted, so at most 27 remain after duplicates are dropped.
 */
export const MAX_PHONE_NUMBERS = 1000;

export function isE164(value: string): boolean {
  return E164.test(value) && isValidPhoneNumber(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sandbox's words for each target URL problem (contract/rules.ts decides which there is). */
const TARGET_URL_MESSAGES: Record<TargetUrlProblem, string> = {
  empty: 'target_url is required',
  'too-long': `target_url must be at most ${TARGET_URL_MAX_LENGTH} characters`,
  'control-characters': 'target_url must not contain control characters',
  spaces: 'target_url must not contain spaces',
  'not-a-url': 'target_url must be a valid URL',
  'not-https': 'target_url must be an HTTPS URL',
  'no-host': 'target_url must be an HTTPS URL with a host and no credentials',
  credentials: 'target_url must be an HTTPS URL with a host and no credentials',
};

export function checkTargetUrl(value: unknown): Checked<string> {
  if (typeof value !== 'string') return fail(LINQ_ERRORS.badRequest('target_url must be a string'));
  const trimmed = value.trim();
  const problem = targetUrlProblem(trimmed);
  return problem === undefined ? ok(trimmed) : fail(LINQ_ERRORS.badRequest(TARGET_URL_MESSAGES[problem]));
}

export function checkEventTypes(value: unknown): Checked<string[]> {
  if (!Array.isArray(value)) return fail(LINQ_ERRORS.badRequest('subscribed_events must be an array of event types'));
  if (value.length === 0) return fail(LINQ_ERRORS.badRequest('subscribed_events must contain at least one event type'));
  const unique = new Set<string>();
  for (const entry of value) {
    if (typeof entry !== 'string') return fail(LINQ_ERRORS.badRequest('subscribed_events must contain only strings'));
    if (!KNOWN_EVENT_TYPES.has(entry))
      return fail(LINQ_ERRORS.badRequest(`Invalid event type: ${JSON.stringify(entry).slice(0, 80)}`));
    unique.add(entry);
  }
  return ok([...unique]);
}

/** `null` and `[]` both mean "every phone number"; stored as `null`. */
export function checkPhoneNumbers(value: unknown): Checked<string[] | null> {
  if (value === null) return ok(null);
  if (!Array.isArray(value))
    return fail(LINQ_ERRORS.badRequest('phone_numbers must be an array of E.164 phone numbers or null'));
  // A Set keeps the first order and drops duplicates in one pass.
  const unique = new Set<string>();
  for (const entry of value) {
    if (typeof entry !== 'string') return fail(LINQ_ERRORS.badRequest('phone_numbers must contain only strings'));
    unique.add(entry);
    if (unique.size > MAX_PHONE_NUMBERS) {
      return fail(LINQ_ERRORS.badRequest(`phone_numbers may hold at most ${MAX_PHONE_NUMBERS} distinct phone numbers`));
    }
  }
  for (const entry of unique) if (!isE164(entry)) return fail(LINQ_ERRORS.phoneNumber());
  return ok(unique.size === 0 ? null : [...unique]);
}

export interface CreateInput {
  target_url: string;
  subscribed_events: string[];
  phone_numbers: string[] | null;
}

export function checkCreateBody(body: unknown): Checked<CreateInput> {
  if (!isPlainObject(body)) return fail(LINQ_ERRORS.badRequest('The request body must be a JSON object'));
  if (body.target_url === undefined) return fail(LINQ_ERRORS.badRequest('target_url is required'));
  if (body.subscribed_events === undefined) return fail(LINQ_ERRORS.badRequest('subscribed_events is required'));
  const targetUrl = checkTargetUrl(body.target_url);
  if (!targetUrl.ok) return fail(targetUrl.error);
  const events = checkEventTypes(body.subscribed_events);
  if (!events.ok) return fail(events.error);
  const phones = body.phone_numbers === undefined ? ok(null) : checkPhoneNumbers(body.phone_numbers);
  if (!phones.ok) return fail(phones.error);
  return ok({ target_url: targetUrl.value, subscribed_events: events.value, phone_numbers: phones.value });
}

export interface UpdateInput {
  target_url?: string;
  subscribed_events?: string[];
  phone_numbers?: string[] | null;
  is_active?: boolean;
}

export function checkUpdateBody(body: unknown): Checked<UpdateInput> {
  if (!isPlainObject(body)) return fail(LINQ_ERRORS.badRequest('The request body must be a JSON object'));
  const input: UpdateInput = {};
  if (body.target_url !== undefined) {
    const checked = checkTargetUrl(body.target_url);
    if (!checked.ok) return fail(checked.error);
    input.target_url = checked.value;
  }
  if (body.subscribed_events !== undefined) {
    const checked = checkEventTypes(body.subscribed_events);
    if (!checked.ok) return fail(checked.error);
    input.subscribed_events = checked.value;
  }
  if (body.phone_numbers !== undefined) {
    const checked = checkPhoneNumbers(body.phone_numbers);
    if (!checked.ok) return fail(checked.error);
    input.phone_numbers = checked.value;
  }
  if (body.is_active !== undefined) {
    if (typeof body.is_active !== 'boolean') return fail(LINQ_ERRORS.badRequest('is_active must be true or false'));
    input.is_active = body.is_active;
  }
  return ok(input);
}
