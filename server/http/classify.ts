import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AUTH_PATHS, CONSOLE_PREFIX } from '../../contract/endpoints.ts';
import { isApiNamespace } from './paths.ts';
import { resolveTarget, type TargetDecision } from './target.ts';

/**
 * What a request is, worked out once per request (the first onRequest hook) and read by every
 * room as `request.requestClass`: the guards, sign-in and roles, the proxy's route, the page. It
 * is decided on the URL the router dispatches (paths.ts has rewritten a console or page path to
 * its one spelling) and the route the router chose, so `/%5F%5Fconsole/activity` is a console
 * request exactly as `/__console/activity` is.
 */

/**
 * - linq: under /v3 or /api (any case), or dispatched to the proxy's route: Linq's API.
 * - console: the console's own JSON API, `/__console/...`.
 * - auth: the sign-in routes, `/auth/...`.
 * - page: a route of the single-page app (no file extension).
 * - asset: any other path (the bundle's files, favicon, a missing file).
 */
export type RequestKind = 'linq' | 'console' | 'auth' | 'page' | 'asset';

export interface RequestClass {
  kind: RequestKind;
  /** Which Linq endpoint a request forwards to, or why it does not (target.ts); `page` for anything else. */
  target: TargetDecision;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the classification plugin before any other hook runs. */
    requestClass: RequestClass;
  }
}

const AUTH_ROUTES = new Set<string>(Object.values(AUTH_PATHS));

const under = (prefix: string, value: string) => {
  const lower = value.toLowerCase();
  return lower === prefix || lower.startsWith(`${prefix}/`);
};

/**
 * The kind of a request, from the routed URL and the route the router chose (`routePattern`,
 * Fastify's `request.routeOptions.url`; undefined before routing, as in page middleware). The API
 * and console prefixes are matched in any case (stricter than the router, never looser).
 */
export function requestKind(routedTarget: string, routePattern: string | undefined): RequestKind {
  const path = routedTarget.split(/[?#]/, 1)[0] ?? '';
  const route = routePattern ?? '';
  if (isApiNamespace(path) || under('/v3', route)) return 'linq';
  if (under(CONSOLE_PREFIX, path) || under(CONSOLE_PREFIX, route)) return 'console';
  if (AUTH_ROUTES.has(path) || AUTH_ROUTES.has(route)) return 'auth';
  return path.slice(path.lastIndexOf('/') + 1).includes('.') ? 'asset' : 'page';
}

export const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/** A GET or HEAD of a route of the single-page app: the page is the answer (or the sign-in before it). */
export function isPageRoute(method: string, routedTarget: string): boolean {
  return isRead(method) && requestKind(routedTarget, undefined) === 'page';
}

export function classify(method: string, routedTarget: string, routePattern: string | undefined): RequestClass {
  return { kind: requestKind(routedTarget, routePattern), target: resolveTarget(method, routedTarget) };
}

/** Registered first, on the root: every later hook and handler reads `request.requestClass`. */
export const classification = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('requestClass', null as unknown as RequestClass);
    app.addHook('onRequest', async (request) => {
      request.requestClass = classify(request.method, request.raw.url ?? '/', request.routeOptions.url);
    });
  },
  { name: 'console-classification', fastify: '5.x' },
);
