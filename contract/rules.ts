/**
 * The rules of the wire that are more than shapes, defined once and used by the form (src/), the
 * console server and the sandbox (server/): what a target URL must be, when two target URLs are
 * the same one, what a signing secret looks like, and which form field an error concerns. Plain
 * functions over strings and numbers: each side words its own messages from the problem named.
 */

/** Longest target URL accepted. */
export const TARGET_URL_MAX_LENGTH = 2048;

/** What is wrong with a target URL (already trimmed). */
export type TargetUrlProblem =
  'empty' | 'too-long' | 'control-characters' | 'spaces' | 'not-a-url' | 'not-https' | 'no-host' | 'credentials';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** A space (or any other white space) inside a URL: the parser would encode it, the stored string keep it. */
const SPACES = /\s/u;

/**
 * Linq delivers to an absolute https URL with a host and no user name or password. Control
 * characters and spaces are refused before parsing: the URL parser silently drops tabs and line
 * breaks and encodes spaces, while the stored string would keep them.
 */
export function targetUrlProblem(trimmed: string): TargetUrlProblem | undefined {
  if (trimmed === '') return 'empty';
  if (trimmed.length > TARGET_URL_MAX_LENGTH) return 'too-long';
  if (CONTROL_CHARACTERS.test(trimmed)) return 'control-characters';
  if (SPACES.test(trimmed)) return 'spaces';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'not-a-url';
  }
  if (url.protocol !== 'https:') return 'not-https';
  if (url.hostname === '') return 'no-host';
  if (url.username !== '' || url.password !== '') return 'credentials';
  return undefined;
}

/**
 * What makes two target URLs the same endpoint (a create with a URL in use is a 409): the parsed
 * URL, so scheme and host compare case-insensitively and a default port does not count; path and
 * query stay case-sensitive; the fragment does not count, since no delivery ever sends it.
 */
export function targetUrlIdentity(targetUrl: string): string {
  try {
    const url = new URL(targetUrl.trim());
    return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  } catch {
    return targetUrl.trim();
  }
}

/** Standard Webhooks: `whsec_` and the base64 of the secret's bytes (24 to 64 of them). */
export const SIGNING_SECRET_PREFIX = 'whsec_';
const SIGNING_SECRET = /^whsec_(?:[A-Za-z0-9+/]{4}){8,22}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isSigningSecret(value: string): boolean {
  return SIGNING_SECRET.test(value);
}

/** The fields of a subscription's create or update that an error can concern. */
export type SubscriptionField = 'target_url' | 'subscribed_events' | 'phone_numbers';

/**
 * Which field an error concerns, by its documented code or status (CONTRACT.md, "Errors"): 1002 is
 * a phone number that is not E.164; a 409 is a target URL already in use. Every other refusal
 * concerns the request as a whole: its message is shown as Linq wrote it, never parsed.
 */
export const ERROR_FIELD_BY_CODE: Readonly<Record<number, SubscriptionField>> = { 1002: 'phone_numbers' };
export const ERROR_FIELD_BY_STATUS: Readonly<Record<number, SubscriptionField>> = { 409: 'target_url' };

export function errorField(status: number, code: number | undefined): SubscriptionField | undefined {
  return (code === undefined ? undefined : ERROR_FIELD_BY_CODE[code]) ?? ERROR_FIELD_BY_STATUS[status];
}
