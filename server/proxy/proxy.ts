import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BODY_LIMIT_BYTES, ERRORS, sendEnvelope } from '../errors.ts';
import { SERVE_PAGE_CSP, setSecurityHeaders } from '../security-headers.ts';
import { allowedHosts, refuseHost, type HostPolicy } from '../hosts.ts';
import { allowedOrigins, crossSiteReason, isJsonContentType } from './guards.ts';
import { upstreamRequestHeaders } from './headers.ts';
import { resolveTarget, type TargetDecision } from './target.ts';
import { kindOf } from '../request-path.ts';
import { AUTH_PATHS } from '../../contract/endpoints.ts';
import { UPSTREAM_REQUESTS_HEADER, WRITE_REQUESTS_HEADER } from '../../contract/console.ts';
import { createUpstream, type UpstreamResult } from './upstream.ts';
import type { Send, WriteMethod } from '../journal/recorder.ts';

/**
 * The key-carrying proxy: same-origin `/v3/...` in, `${LINQ_API_V3_BASE_URL}/v3/...` out, with
 * `Authorization: Bearer <key>` added here and nowhere else. Every refusal is an envelope from
 * the one catalog in server/errors.ts.
 *
 * Order of checks (all before the body is read, except 413 and 400):
 *   Host → request target → endpoint (404/405) → Origin / Sec-Fetch-Site → Content-Type
 *   → body size and JSON → forward → the answer's checks (upstream.ts: deadline, status, JSON,
 *   size, the key redacted).
 */

export interface ProxyOptions {
  /** LINQ_API_V3_BASE_URL: the only source of the upstream origin and base path. */
  baseUrl: string;
  /** Sent upstream as `Authorization: Bearer <key>`; never logged, never answered. */
  apiKey: string;
  timeoutMs: number;
  /** Read per request: the bound port is known only once the server listens. */
  hostPolicy: () => HostPolicy;
  /** Log each forwarded request at info (tests turn it on to prove the key stays out). */
  requestLogging?: boolean;
  /**
   * Forwards a write (POST, PUT, DELETE) through the change journal (journal/recorder.ts), which
   * calls `send` for the read before and the write itself, or refuses it. Reads go straight out.
   */
  /** How many requests to Linq a PUT or DELETE costs through `forwardWrite`, announced on every answer. */
  requestsPerWrite: number;
  forwardWrite: (
    request: FastifyRequest,
    write: { method: WriteMethod; path: string; body: Buffer | undefined },
    send: Send,
  ) => Promise<UpstreamResult>;
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

/**
 * Registers the guards (a root onRequest hook, so they cover the page too), the JSON body
 * parser and the forwarding route. Call it on the root instance, before any page middleware.
 */
/** What the proxy offers the rest of the console: a read from Linq with the key, on the forwarding path. */
export interface LinqReader {
  /** GET `path` (an endpoint path below the base URL, already checked) for this request's client. */
  read(request: FastifyRequest, path: string): Promise<UpstreamResult>;
}

export async function registerProxy(app: FastifyInstance, options: ProxyOptions): Promise<LinqReader> {
  const { origin, basePath } = parseUpstream(options.baseUrl);
  assertHeaderSafeKey(options.apiKey);
  const upstream = createUpstream({ origin, apiKey: options.apiKey, timeoutMs: options.timeoutMs });
  app.addHook('onClose', async () => {
    await upstream.close();
  });
  const targets = new WeakMap<FastifyRequest['raw'], Forward>();

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

    const decision = resolveTarget(request.method, request.raw.url ?? '');
    switch (decision.kind) {
      case 'page': {
        const consolePath = kindOf(request) === 'console';
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
        return sendEnvelope(reply.header('allow', decision.allow), ERRORS.methodNotAllowed(decision.allow));
      case 'forward':
        if (crossSiteReason(request.headers, origins) !== undefined) {
          return sendEnvelope(reply, ERRORS.crossSite());
        }
        if (
          (decision.method === 'POST' || decision.method === 'PUT') &&
          !isJsonContentType(request.headers['content-type'])
        ) {
          return sendEnvelope(reply, ERRORS.unsupportedMediaType());
        }
        targets.set(request.raw, decision);
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
        done(Object.assign(new Error('invalid JSON body'), { statusCode: 400, code: 'LINQ_INVALID_JSON' }), undefined);
      }
    },
  );

  // Every method on /v3/*: the hook above has already answered everything that is not a forward.
  app.all('/v3/*', { exposeHeadRoute: false }, async (request, reply) => {
    const target = targets.get(request.raw);
    if (!target) return sendEnvelope(reply, ERRORS.notFound());
    let body: Buffer | undefined;
    if (target.method === 'POST' || target.method === 'PUT') {
      if (!Buffer.isBuffer(request.body)) return sendEnvelope(reply, ERRORS.invalidJson());
      body = request.body;
    }

    let upstreamRequests = 0;
    const send: Send = (method, path, sent) => {
      upstreamRequests += 1;
      const upstreamPath = `${basePath}${path}`;
      if (options.requestLogging) request.log.info({ method, path: upstreamPath }, 'fetching from remote server');
      return upstream.forward(
        {
          method,
          // No endpoint takes a query string; none is sent.
          path: upstreamPath,
          // The journal's read before a write takes none of the client's headers.
          headers: upstreamRequestHeaders(method === target.method ? request.headers : {}, {
            apiKey: options.apiKey,
            body: sent,
          }),
          body: sent,
        },
        request.raw.socket,
      );
    };
    const result =
      target.method === 'GET'
        ? await send('GET', target.path, undefined)
        : await options.forwardWrite(request, { method: target.method, path: target.path, body }, send);

    // Nobody is left to read it, but Fastify still wants an answer: this one goes nowhere.
    if (result.kind === 'gone') return sendEnvelope(reply, ERRORS.upstreamUnreachable(origin));
    if (result.kind === 'refused') {
      request.log.warn({ cause: result.cause }, 'upstream request failed');
      return sendEnvelope(reply, result.envelope);
    }
    reply
      .code(result.status)
      .headers(result.headers)
      .header('cache-control', 'no-store')
      .header(UPSTREAM_REQUESTS_HEADER, String(upstreamRequests))
      .header(WRITE_REQUESTS_HEADER, String(options.requestsPerWrite));
    // An empty answer (a 204) goes without a body and without a made-up Content-Type.
    return result.body.length === 0 ? reply.send() : reply.send(result.body);
  });

  return {
    read: (request, path) =>
      upstream.forward(
        {
          method: 'GET',
          path: `${basePath}${path}`,
          headers: upstreamRequestHeaders({}, { apiKey: options.apiKey, body: undefined }),
          body: undefined,
        },
        request.raw.socket,
      ),
  };
}
