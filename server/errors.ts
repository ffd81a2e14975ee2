import type { FastifyReply } from 'fastify';
import { errorEnvelope, LINQ_ERRORS } from '../contract/errors.ts';
import type { ErrorEnvelope } from '../contract/schemas.ts';

/** Both servers refuse request bodies over 1 MiB. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The Linq error envelope, which the sandbox and the console answer for every failure. */
export { errorEnvelope };

/**
 * Every failure either server answers, once. contract/CONTRACT.md documents 400/1002, 401/2004,
 * 403/2005, 404/2001, 429/1007 and 500/3006; the rest are undocumented, so they follow the code
 * families of the documented ones (1xxx request, 2xxx access and resources, 3xxx server) and
 * clients rely on status and message only:
 *
 * | status | code | when                                                                        |
 * | ------ | ---- | --------------------------------------------------------------------------- |
 * | 400    | 1001 | a body that fails validation; a target that is not a plain path; bad JSON    |
 * | 400    | 1002 | a phone number that is not E.164                                            |
 * | 400    | 1001 | the console: a bad activity query, label or journal hint header; a sign-in  |
 * |        |      | callback that does not match the sign-in it ends                            |
 * | 401    | 2004 | the sandbox: no or wrong Bearer key; the console: not signed in             |
 * | 403    | 2005 | a foreign Host header (DNS rebinding); a write from another site (CSRF);    |
 * |        |      | a viewer's write; someone in neither role; a request not through the trusted |
 * |        |      | authenticating proxy                                                        |
 * | 404    | 2001 | any path that is not an endpoint; an unknown id; a subscription unlabelled  |
 * | 405    | 2002 | a known endpoint asked with another method; with `Allow`                    |
 * | 408    | 1001 | the request (headers or body) did not arrive within its deadline            |
 * | 409    | 2006 | the sandbox: `target_url` already used by another subscription; the        |
 * |        |      | console: a bulk job asked what its state does not allow                     |
 * | 413    | 1003 | a request body over 1 MiB                                                   |
 * | 415    | 1004 | a POST or PUT whose Content-Type is not application/json                    |
 * | 417    | 1001 | an `Expect` header other than 100-continue                                  |
 * | 429    | 1007 | the sandbox: over its rate limit; with `Retry-After` and `retry_after`      |
 * | 431    | 1001 | request headers over Node's limit (16 KiB)                                  |
 * | 500    | 3006 | the server itself failed                                                    |
 * | 502    | 3002 | the console: upstream unreachable or reset; or it answered a redirect, a    |
 * |        |      | status outside 200–599, a body that is not JSON, compressed or over 32 MiB; |
 * |        |      | the identity provider unreachable                                           |
 * | 503    | 3003 | the console: its database (journal, labels, sessions) cannot be used; a     |
 * |        |      | write that cannot be journaled is not forwarded                             |
 * | 504    | 3004 | the console: upstream gave no answer within LINQ_PROXY_TIMEOUT_MS           |
 */
export const ERRORS = {
  /** Linq's own refusals (contract/errors.ts): what the sandbox answers, and the console where it stands in front. */
  ...LINQ_ERRORS,
  badTarget: () =>
    errorEnvelope(
      400,
      1001,
      'The request path is not a plain path (no full URLs, "//", "..", backslashes or encoded slashes).',
    ),
  requestTimeout: () => errorEnvelope(408, 1001, 'The request did not arrive in time. Send it again.'),
  expectationFailed: () =>
    errorEnvelope(417, 1001, 'This server only understands "Expect: 100-continue". Send the request without it.'),
  headersTooLarge: () => errorEnvelope(431, 1001, 'The request headers are too large.'),
  hostNotAllowed: () =>
    errorEnvelope(
      403,
      2005,
      'Access denied - this console only answers on its own address. To reach it under another name, add it to LINQ_CONSOLE_ALLOWED_HOSTS.',
    ),
  sandboxHostNotAllowed: () =>
    errorEnvelope(
      403,
      2005,
      'Access denied - this sandbox only answers on its own address: 127.0.0.1, localhost or [::1] with its port.',
    ),
  crossSite: () =>
    errorEnvelope(403, 2005, 'Access denied - requests from other sites are refused. Use the console page itself.'),
  upstreamUnreachable: (origin: string) =>
    errorEnvelope(
      502,
      3002,
      `The console could not reach the Linq API at ${origin}. Check the network and LINQ_API_V3_BASE_URL, then try again.`,
    ),
  upstreamRedirect: (origin: string, status: number) =>
    errorEnvelope(
      502,
      3002,
      `The Linq API at ${origin} answered with a redirect (${status}), which the console does not follow. Check LINQ_API_V3_BASE_URL.`,
    ),
  upstreamBadAnswer: (origin: string, what: string) =>
    errorEnvelope(
      502,
      3002,
      `The Linq API at ${origin} answered ${what}, which the console does not pass on. Try again in a moment; if it persists, check LINQ_API_V3_BASE_URL.`,
    ),
  /** Sign-in and roles (server/auth/). */
  signInRequired: () =>
    errorEnvelope(401, 2004, 'Sign in to use the console: open it in the browser, or sign in again at /auth/login.'),
  proxyIdentityMissing: (header: string) =>
    errorEnvelope(
      401,
      2004,
      `Sign in to use the console: the authenticating proxy did not say who you are (no valid ${header} header).`,
    ),
  untrustedProxy: () =>
    errorEnvelope(
      403,
      2005,
      'Access denied - this console only takes requests through its authenticating proxy (LINQ_CONSOLE_TRUSTED_PROXIES).',
    ),
  viewerWrite: (email: string) =>
    errorEnvelope(
      403,
      2005,
      `Access denied - you are signed in as ${email}, a viewer; only editors can change subscriptions.`,
    ),
  notAMember: (email: string) =>
    errorEnvelope(
      403,
      2005,
      `Access denied - you are signed in as ${email}, who is neither an editor nor a viewer of this console. Ask its operator to add you to LINQ_CONSOLE_EDITORS or LINQ_CONSOLE_VIEWERS.`,
    ),
  signInFailed: (why: string) =>
    errorEnvelope(400, 1001, `Sign-in did not complete: ${why} Sign in again at /auth/login.`),
  identityProviderUnreachable: () =>
    errorEnvelope(
      502,
      3002,
      'The console could not reach its identity provider (OIDC_ISSUER_URL). Try again in a moment.',
    ),
  /** The journal and the console's other tables (server/journal/). */
  journalUnavailable: () =>
    errorEnvelope(
      503,
      3003,
      "The change journal is unavailable (the console's database could not record this change), so nothing was sent to Linq. Try again in a moment; if it persists, check the console's database.",
    ),
  databaseUnavailable: () =>
    errorEnvelope(503, 3003, "The console's database is unavailable. Try again in a moment; if it persists, check it."),
  upstreamTimeout: (timeoutMs: number) =>
    errorEnvelope(504, 3004, `The Linq API did not answer within ${timeoutMs} ms. Try again in a moment.`),
  /** A bulk job asked to do what its state does not allow (stop a finished one, undo a running one). */
  jobConflict: (message: string) => errorEnvelope(409, 2006, message),
} as const;

/** Answers with an envelope: its status, JSON, never cached. */
export function sendEnvelope(reply: FastifyReply, envelope: ErrorEnvelope): FastifyReply {
  return reply.code(envelope.error.status).header('cache-control', 'no-store').type('application/json').send(envelope);
}
