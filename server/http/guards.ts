import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AUTH_PATHS } from '../../contract/endpoints.ts';
import { BODY_LIMIT_BYTES, ERRORS, sendEnvelope } from '../errors.ts';
import { single } from './headers.ts';
import { allowedHosts, refuseHost, type HostPolicy } from './hosts.ts';
import { SERVE_PAGE_CSP, setSecurityHeaders } from './security-headers.ts';

/**
 * The console's app-wide guards, one root onRequest hook that covers every path (the page, its
 * assets, the console's API, sign-in and the forwarded Linq API), before anything is read,
 * identified or forwarded, in this order:
 *   security headers → Host (hosts.ts) → request target (target.ts: 400, 404, 405 for /v3)
 *   → Origin / Sec-Fetch-Site on writes → Content-Type on writes
 * and the one JSON body parser (size, then JSON), which keeps the client's bytes.
 *
 * - Origin / Sec-Fetch-Site: a page on another site must not drive the proxy (CSRF). Requests
 *   without either header (curl, the SDK, scripts) are not browsers and pass.
 * - Content-Type: writes are JSON, which a cross-site form cannot send without a preflight.
 */

/** The console's own origins: http on every allowed host, https only for the extra ones (a TLS tunnel in front). */
export function allowedOrigins(policy: HostPolicy): Set<string> {
  const origins = new Set<string>();
  for (const host of allowedHosts(policy)) origins.add(`http://${host}`);
  for (const extra of policy.extraHosts) origins.add(`https://${extra}`);
  return origins;
}

/** Why a browser request comes from another site, or undefined when it does not. */
export function crossSiteReason(headers: IncomingHttpHeaders, origins: ReadonlySet<string>): string | undefined {
  const fetchSite = single(headers['sec-fetch-site'])?.trim().toLowerCase();
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return `Sec-Fetch-Site is ${fetchSite}`;
  const origin = single(headers.origin)?.trim().toLowerCase();
  // `Origin: null` (sandboxed frames, file://, redirects) is not the console either.
  if (origin !== undefined && !origins.has(origin)) return 'Origin is not the console';
  return undefined;
}

/** `application/json`, parameters such as charset allowed; nothing else (no `+json`, no text/plain). */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const mediaType = value.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

export interface GuardOptions {
  /** Read per request: the bound port is known only once the server listens. */
  hostPolicy: () => HostPolicy;
}

/** Registered right after the classification (classify.ts), before sign-in and every room. */
export const guards = fp(
  async (app: FastifyInstance, options: GuardOptions) => {
    // The allowed hosts and origins depend on the bound port only: computed once per port, not per request.
    let allowed: { port: number; hosts: Set<string>; origins: Set<string> } | undefined;
    const allowedFor = (policy: HostPolicy) => {
      if (allowed?.port !== policy.port) {
        allowed = { port: policy.port, hosts: allowedHosts(policy), origins: allowedOrigins(policy) };
      }
      return allowed;
    };

    app.addHook('onRequest', async (request, reply) => {
      setSecurityHeaders(reply.raw);
      const { hosts, origins } = allowedFor(options.hostPolicy());
      const refused = refuseHost(request, reply, hosts, ERRORS.hostNotAllowed());
      if (refused) return refused;

      const { kind, target } = request.requestClass;
      switch (target.kind) {
        case 'page': {
          const consolePath = kind === 'console';
          if (request.method !== 'GET' && request.method !== 'HEAD') {
            // The console's own writes (a label, signing out) are held to the forwarded ones' rules.
            if (crossSiteReason(request.headers, origins) !== undefined) return sendEnvelope(reply, ERRORS.crossSite());
            if (consolePath && !isJsonContentType(request.headers['content-type'])) {
              return sendEnvelope(reply, ERRORS.unsupportedMediaType());
            }
          }
          // The page's policy (the dev page replaces it with its own, server/dev-page.ts); the
          // console's own JSON endpoints keep the API one.
          if (!consolePath) reply.raw.setHeader('content-security-policy', SERVE_PAGE_CSP);
          return;
        }
        case 'bad-target':
          return sendEnvelope(reply, ERRORS.badTarget());
        case 'not-found':
          return sendEnvelope(reply, ERRORS.notFound());
        case 'method-not-allowed':
          return sendEnvelope(reply.header('allow', target.allow), ERRORS.methodNotAllowed(target.allow));
        case 'forward':
          if (crossSiteReason(request.headers, origins) !== undefined) return sendEnvelope(reply, ERRORS.crossSite());
          if (
            (target.method === 'POST' || target.method === 'PUT') &&
            !isJsonContentType(request.headers['content-type'])
          ) {
            return sendEnvelope(reply, ERRORS.unsupportedMediaType());
          }
      }
    });

    // The body is kept as the client's bytes (forwarded unchanged) and only checked for being JSON here.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
      (request, body, done) => {
        // GET and DELETE go without a body, whatever the client attached: nothing to check.
        if (request.method !== 'POST' && request.method !== 'PUT') return done(null, undefined);
        // Signing out takes no body: a client that labels its empty one JSON is not refused.
        if (body.length === 0 && request.url.split('?', 1)[0] === AUTH_PATHS.logout) return done(null, undefined);
        try {
          JSON.parse(body.toString('utf8'));
          done(null, body);
        } catch {
          done(
            Object.assign(new Error('invalid JSON body'), { statusCode: 400, code: 'LINQ_INVALID_JSON' }),
            undefined,
          );
        }
      },
    );
  },
  { name: 'console-guards', fastify: '5.x', dependencies: ['console-classification'] },
);
