import type { z } from 'zod/mini';
import type { Wire, WireName } from './wire.ts';

/**
 * Every endpoint the console speaks, once: the seven Linq endpoints the proxy forwards (paths
 * below the base URL, contract/CONTRACT.md) and the console's own. The proxy's allowlist, the
 * sandbox's routes and the browser's fetchers are all built from these tables, so an endpoint is
 * added in one place. Bodies and answers are named by their wire shape (wire.ts).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Endpoint {
  readonly method: HttpMethod;
  /** A path pattern; `{name}` stands for one path segment (see PATH_PARAMETER). */
  readonly path: string;
  /** The JSON request body's wire shape, for POST and PUT. */
  readonly body?: WireName;
  /** The success answer's wire shape; absent when the answer has none (204). */
  readonly response?: WireName;
  readonly status: number;
}

const endpoint = <const E extends Endpoint>(definition: E): E => definition;

export const LINQ_ENDPOINTS = {
  listSubscriptions: endpoint({
    method: 'GET',
    path: '/v3/webhook-subscriptions',
    response: 'subscriptionList',
    status: 200,
  }),
  createSubscription: endpoint({
    method: 'POST',
    path: '/v3/webhook-subscriptions',
    body: 'createSubscriptionBody',
    response: 'createdSubscription',
    status: 201,
  }),
  getSubscription: endpoint({
    method: 'GET',
    path: '/v3/webhook-subscriptions/{id}',
    response: 'subscription',
    status: 200,
  }),
  updateSubscription: endpoint({
    method: 'PUT',
    path: '/v3/webhook-subscriptions/{id}',
    body: 'updateSubscriptionBody',
    response: 'subscription',
    status: 200,
  }),
  deleteSubscription: endpoint({ method: 'DELETE', path: '/v3/webhook-subscriptions/{id}', status: 204 }),
  listEventTypes: endpoint({ method: 'GET', path: '/v3/webhook-events', response: 'catalog', status: 200 }),
  listPhoneNumbers: endpoint({
    method: 'GET',
    path: '/v3/phone_numbers',
    response: 'phoneNumberList',
    status: 200,
  }),
} as const satisfies Record<string, Endpoint>;

export type LinqEndpointName = keyof typeof LINQ_ENDPOINTS;

/** The console's own endpoints: answered by its server, never forwarded. */
export const CONSOLE_PREFIX = '/__console';

export const CONSOLE_ENDPOINTS = {
  upstream: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/upstream`, response: 'upstreamInfo', status: 200 }),
  session: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/session`, response: 'session', status: 200 }),
  /** Query: subscription_id, actor, since, limit, cursor (ActivityQuery in console.ts). */
  activity: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/activity`, response: 'activityList', status: 200 }),
  listLabels: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/labels`, response: 'labelList', status: 200 }),
  getLabel: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/labels/{id}`, response: 'label', status: 200 }),
  putLabel: endpoint({
    method: 'PUT',
    path: `${CONSOLE_PREFIX}/labels/{id}`,
    body: 'labelBody',
    response: 'label',
    status: 200,
  }),
  /** Bulk jobs (contract/jobs.ts): the server runs them; the page submits, watches and steers. */
  listJobs: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/jobs`, response: 'jobList', status: 200 }),
  submitJob: endpoint({
    method: 'POST',
    path: `${CONSOLE_PREFIX}/jobs`,
    body: 'jobSubmit',
    response: 'job',
    status: 201,
  }),
  /** Query: since (a revision): only the items changed after it. */
  getJob: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/jobs/{id}`, response: 'jobDetail', status: 200 }),
  stopJob: endpoint({
    method: 'POST',
    path: `${CONSOLE_PREFIX}/jobs/{id}/stop`,
    body: 'jobControl',
    response: 'job',
    status: 200,
  }),
  resumeJob: endpoint({
    method: 'POST',
    path: `${CONSOLE_PREFIX}/jobs/{id}/resume`,
    body: 'jobControl',
    response: 'job',
    status: 200,
  }),
  retryJob: endpoint({
    method: 'POST',
    path: `${CONSOLE_PREFIX}/jobs/{id}/retry`,
    body: 'jobControl',
    response: 'job',
    status: 200,
  }),
  leaveJob: endpoint({
    method: 'POST',
    path: `${CONSOLE_PREFIX}/jobs/{id}/leave`,
    body: 'jobControl',
    response: 'job',
    status: 200,
  }),
  /** A new job that puts back what this one changed. */
  undoJob: endpoint({
    method: 'POST',
    path: `${CONSOLE_PREFIX}/jobs/{id}/undo`,
    body: 'jobControl',
    response: 'job',
    status: 201,
  }),
} as const satisfies Record<string, Endpoint>;

export type ConsoleEndpointName = keyof typeof CONSOLE_ENDPOINTS;

/** Sign-in with OpenID Connect (LINQ_CONSOLE_AUTH=oidc): pages and redirects, not JSON endpoints. */
export const AUTH_PATHS = {
  login: '/auth/login',
  /** The redirect URI registered with the identity provider: `<LINQ_CONSOLE_PUBLIC_URL>/auth/callback`. */
  callback: '/auth/callback',
  /** POST: ends the session. */
  logout: '/auth/logout',
} as const;

/**
 * What a `{name}` segment may hold. Linq ids are UUIDs; this is wider on purpose, but can never
 * carry `/`, `.`, `%` or `\`, so a filled-in path is always the path that was checked.
 */
export const PATH_PARAMETER = /^[A-Za-z0-9_-]{1,128}$/;

type ParameterNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParameterNames<Rest>
  : never;
export type PathParameters<P extends string> = Record<ParameterNames<P>, string>;

/** `/v3/webhook-subscriptions/{id}` with `{ id }` → `/v3/webhook-subscriptions/<id, encoded>`. */
export function fillPath<P extends string>(pattern: P, parameters: PathParameters<P>): string {
  return pattern.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent((parameters as Record<string, string>)[name] ?? ''),
  );
}

/**
 * The parameters of `path` (already split from its query) if it has the shape of `pattern`, else
 * undefined. Parameters come back as they appear in the path, still encoded.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name !== undefined) {
      if (value === '') return undefined;
      parameters[name] = value;
    } else if (segment !== value) {
      return undefined;
    }
  }
  return parameters;
}

export type RequestBody<E extends Endpoint> = E extends { body: infer B extends WireName } ? z.infer<Wire[B]> : never;
export type ResponseBody<E extends Endpoint> = E extends { response: infer R extends WireName }
  ? z.infer<Wire[R]>
  : void;
