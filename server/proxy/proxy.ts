import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import replyFrom from '@fastify/reply-from';
import { BODY_LIMIT_BYTES, ERRORS, errorEnvelope, sendEnvelope } from '../errors.ts';
import {
  allowedHosts,
  allowedOrigins,
  crossSiteReason,
  isHostAllowed,
  isJsonContentType,
  type HostPolicy,
} from './guards.ts';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers.ts';
import { resolveTarget, type TargetDecision } from './target.ts';

/**
 * The key-carrying proxy: same-origin `/v3/...` in, `${LINQ_API_V3_BASE_URL}/v3/...` out, with
 * `Authorization: Bearer <key>` added here and nowhere else.
 *
 * Order of checks (all before the body is read, except 413 and 400):
 *   Host → request target → endpoint (404/405) → Origin / Sec-Fetch-Site → Content-Type
 *   → body size and JSON → forward.
 *
 * Answers the console gives itself, all in the Linq envelope. CONTRACT.md documents 400/1002,
 * 401/2004, 403/2005, 404/2001 and 500/3006; the rest are undocumented, so they follow the
 * code families of the documented ones (1xxx request, 2xxx access and resources, 3xxx server)
 * and clients rely on status and message only:
 *
 * | status | code | when                                                                       |
 * | ------ | ---- | -------------------------------------------------------------------------- |
 * | 400    | 1001 | target not a plain path (absolute-form, `//`, `..`, `\`, bad %-encoding)   |
 * | 400    | 1001 | write body is not valid JSON                                               |
 * | 400    | 1001 | more than one Host header (Node would silently keep the first)             |
 * | 403    | 2005 | Host header is not one of the console's (DNS rebinding)                    |
 * | 403    | 2005 | Origin is another site's, or Sec-Fetch-Site is cross-site/same-site (CSRF) |
 * | 404    | 2001 | any path under /v3 or /api that is not one of the seven endpoints          |
 * | 405    | 2002 | known endpoint, other method (OPTIONS preflights too); with `Allow`        |
 * | 413    | 1003 | request body over 1 MiB (before anything is sent upstream)                 |
 * | 415    | 1004 | POST/PUT whose Content-Type is not application/json                        |
 * | 500    | 3006 | the console itself failed                                                  |
 * | 502    | 3002 | upstream unreachable, reset, or answered with a redirect (never followed)  |
 * | 504    | 3004 | upstream gave no answer within LINQ_PROXY_TIMEOUT_MS                       |
 */
export const REFUSALS = {
  badTarget: () =>
    errorEnvelope(
      400,
      1001,
      'The request path is not a plain path (no full URLs, "//", "..", backslashes or encoded slashes).',
    ),
  invalidJson: () => errorEnvelope(400, 1001, 'The request body is not valid JSON.'),
  badRequest: () => ERRORS.badRequest('The console could not read this request.'),
  hostNotAllowed: () =>
    ERRORS.forbidden(
      'Access denied - this console only answers on its own address. To reach it under another name, add it to LINQ_CONSOLE_ALLOWED_HOSTS.',
    ),
  crossSite: () =>
    ERRORS.forbidden('Access denied - requests from other sites are refused. Use the console page itself.'),
  notFound: () => ERRORS.notFound(),
  methodNotAllowed: (allow: string) => ERRORS.methodNotAllowed(allow),
  payloadTooLarge: () => ERRORS.payloadTooLarge(),
  unsupportedMediaType: () => ERRORS.unsupportedMediaType(),
  internal: () => ERRORS.internal(),
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
  upstreamTimeout: (timeoutMs: number) =>
    errorEnvelope(504, 3004, `The Linq API did not answer within ${timeoutMs} ms. Try again in a moment.`),
} as const;

/** On every answer, page included: no framing by other sites, no sniffing, no cross-origin reads. */
export function setSecurityHeaders(response: ServerResponse): void {
  // Set on the raw response so answers written by the Vite middleware carry them too.
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('content-security-policy', "frame-ancestors 'none'");
  response.setHeader('cross-origin-resource-policy', 'same-origin');
  response.setHeader('referrer-policy', 'no-referrer');
}

export interface ProxyOptions {
  /** LINQ_API_V3_BASE_URL: the only source of the upstream origin and base path. */
  baseUrl: string;
  /** Sent upstream as `Authorization: Bearer <key>`; never logged, never answered. */
  apiKey: string;
  timeoutMs: number;
  /** Read per request: the bound port is known only once the server listens. */
  hostPolicy: () => HostPolicy;
  /** Let @fastify/reply-from log each forwarded request (tests turn it on to prove the key stays out). */
  requestLogging?: boolean;
}

interface Upstream {
  origin: string;
  basePath: string;
}

export function parseUpstream(baseUrl: string): Upstream {
  const url = new URL(baseUrl);
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    // The value is not echoed: a mistyped one may hold a credential.
    throw new Error(
      'LINQ_API_V3_BASE_URL must be a plain http(s) URL such as https://api.linqapp.com/api/partner (no credentials, query or fragment).',
    );
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function assertHeaderSafeKey(apiKey: string): void {
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new Error(
      'LINQ_API_V3_API_KEY contains characters that cannot be sent in an HTTP header (spaces, line breaks or non-ASCII).',
    );
  }
}

type Forward = Extract<TargetDecision, { kind: 'forward' }>;

/** Node keeps the first of repeated Host headers; RFC 9112 §3.2 says to refuse such a request. */
function hasRepeatedHost(rawHeaders: readonly string[]): boolean {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === 'host') count += 1;
  }
  return count > 1;
}

function isTimeout(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === 'FST_REPLY_FROM_GATEWAY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'FST_REPLY_FROM_TIMEOUT'
  );
}

/**
 * Registers the guards (a root onRequest hook, so they cover the page too), the JSON body
 * parser and the forwarding route. Call it on the root instance, before any page middleware.
 */
export async function registerProxy(app: FastifyInstance, options: ProxyOptions): Promise<void> {
  const upstream = parseUpstream(options.baseUrl);
  assertHeaderSafeKey(options.apiKey);
  const targets = new WeakMap<FastifyRequest['raw'], Forward>();

  await app.register(replyFrom, {
    base: upstream.origin,
    disableCache: true,
    disableRequestLogging: !options.requestLogging,
    undici: {
      connections: 32,
      pipelining: 1,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      // reply-from defaults rejectUnauthorized to false; the key must only ever go to a verified server.
      connect: { timeout: options.timeoutMs, rejectUnauthorized: true },
    },
  });

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
    if (hasRepeatedHost(request.raw.rawHeaders)) return sendEnvelope(reply, REFUSALS.badRequest());
    if (!isHostAllowed(request.headers.host, hosts)) return sendEnvelope(reply, REFUSALS.hostNotAllowed());

    const decision = resolveTarget(request.method, request.raw.url ?? '');
    switch (decision.kind) {
      case 'page':
        return;
      case 'bad-target':
        return sendEnvelope(reply, REFUSALS.badTarget());
      case 'not-found':
        return sendEnvelope(reply, REFUSALS.notFound());
      case 'method-not-allowed':
        return sendEnvelope(reply.header('allow', decision.allow), REFUSALS.methodNotAllowed(decision.allow));
      case 'forward':
        if (crossSiteReason(request.headers, origins) !== undefined) {
          return sendEnvelope(reply, REFUSALS.crossSite());
        }
        if (
          (decision.method === 'POST' || decision.method === 'PUT') &&
          !isJsonContentType(request.headers['content-type'])
        ) {
          return sendEnvelope(reply, REFUSALS.unsupportedMediaType());
        }
        targets.set(request.raw, decision);
    }
  });

  // The body is kept as the client's bytes (forwarded unchanged) and only checked for being JSON here.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => {
      try {
        JSON.parse(body.toString('utf8'));
        done(null, body);
      } catch {
        done(Object.assign(new Error('invalid JSON body'), { statusCode: 400, code: 'LINQ_INVALID_JSON' }), undefined);
      }
    },
  );

  // Every method on /v3/*: the hook above has already answered everything that is not a forward.
  app.all('/v3/*', { exposeHeadRoute: false }, async (request, reply) => {
    const target = targets.get(request.raw);
    if (!target) return sendEnvelope(reply, REFUSALS.notFound());
    let body: Buffer | undefined;
    if (target.method === 'POST' || target.method === 'PUT') {
      if (!Buffer.isBuffer(request.body)) return sendEnvelope(reply, REFUSALS.invalidJson());
      body = request.body;
    }

    reply.header('cache-control', 'no-store');
    return reply.from(`${upstream.basePath}${target.path}`, {
      method: target.method,
      // No endpoint takes a query string; none is sent.
      queryString: () => '',
      // null: GET and DELETE go without a body, whatever the client attached.
      body: body ?? null,
      contentType: body ? 'application/json' : undefined,
      rewriteRequestHeaders: (clientRequest) =>
        upstreamRequestHeaders(clientRequest.headers, { apiKey: options.apiKey, body }),
      rewriteHeaders: (headers) => clientResponseHeaders(headers),
      // Pass answers through as they are: no retries (reply-from retries GETs on 503 by default).
      retryDelay: () => null,
      // The callbacks' reply is this route's `reply` (typed there for http2 as well).
      onResponse: (_request, _proxyReply, response) => {
        const status = response.statusCode ?? 502;
        if (status >= 300 && status < 400) {
          // Never followed, never passed on (a Location to elsewhere would make the browser follow it).
          response.stream.destroy();
          for (const name of Object.keys(reply.getHeaders())) reply.removeHeader(name);
          // The loop also removed the console's own security headers (they live on the raw response).
          setSecurityHeaders(reply.raw);
          sendEnvelope(reply, REFUSALS.upstreamRedirect(upstream.origin, status));
          return;
        }
        reply.send(response.stream);
      },
      onError: (_proxyReply, { error }) => {
        const cause = (error as { cause?: { code?: unknown } }).cause;
        reply.log.warn({ code: (error as { code?: unknown }).code, cause: cause?.code }, 'upstream request failed');
        for (const name of Object.keys(reply.getHeaders())) reply.removeHeader(name);
        setSecurityHeaders(reply.raw);
        sendEnvelope(
          reply,
          isTimeout(error)
            ? REFUSALS.upstreamTimeout(options.timeoutMs)
            : REFUSALS.upstreamUnreachable(upstream.origin),
        );
      },
    });
  });
}
