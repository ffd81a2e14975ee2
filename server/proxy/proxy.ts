import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UPSTREAM_REQUESTS_HEADER } from '../../contract/console.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import type { ForwardWrite, ReadLinq, Send, UpstreamResult } from '../forwarding.ts';
import { upstreamRequestHeaders } from './headers.ts';
import { createUpstream } from './upstream.ts';

/**
 * The key-carrying proxy: same-origin `/v3/...` in, `${LINQ_API_V3_BASE_URL}/v3/...` out, with
 * `Authorization: Bearer <key>` added here and nowhere else. Every refusal is an envelope from
 * the one catalog in server/errors.ts.
 *
 * The app-wide guards (http/guards.ts: Host, request target, 404/405, Origin, Content-Type, body
 * size and JSON) and sign-in have answered everything that is not an allowed forward before the
 * route here runs; then: forward → the answer's checks (upstream.ts: deadline, status, JSON,
 * size, the key redacted). Who records a write is not known here: `forwardWrite` (forwarding.ts)
 * is plugged in by the entry.
 */

export interface LinqOptions {
  /** LINQ_API_V3_BASE_URL: the only source of the upstream origin and base path. */
  baseUrl: string;
  /** Sent upstream as `Authorization: Bearer <key>`; never logged, never answered. */
  apiKey: string;
  timeoutMs: number;
  /** Log each forwarded request at info (tests turn it on to prove the key stays out). */
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

/** Linq behind the key: one connection pool and one 429 hold (upstream.ts) for every caller. */
export interface Linq {
  origin: string;
  /** A `send` on the forwarding path of this client request (its Accept, its Idempotency-Key on the write itself). */
  sendFor(request: FastifyRequest, clientMethod: string): Send;
  /** A GET for the console's own routes, with none of the client's headers. */
  read: ReadLinq;
  /** A request of the console's own, on no client's behalf (a bulk job the server runs). */
  send: Send;
  close(): Promise<void>;
}

export function createLinq(options: LinqOptions): Linq {
  const { origin, basePath } = parseUpstream(options.baseUrl);
  assertHeaderSafeKey(options.apiKey);
  const upstream = createUpstream({ origin, apiKey: options.apiKey, timeoutMs: options.timeoutMs });
  const sendFor = (request: FastifyRequest, clientMethod: string): Send => {
    return (method, path, sent) => {
      const upstreamPath = `${basePath}${path}`;
      if (options.requestLogging) request.log.info({ method, path: upstreamPath }, 'fetching from remote server');
      return upstream.forward(
        {
          method,
          // No endpoint takes a query string; none is sent.
          path: upstreamPath,
          // The journal's read before a write takes none of the client's headers.
          headers: upstreamRequestHeaders(method === clientMethod ? request.headers : {}, {
            apiKey: options.apiKey,
            body: sent,
          }),
          body: sent,
        },
        request.raw.socket,
      );
    };
  };
  const send: Send = (method, path, sent) =>
    upstream.forward({
      method,
      path: `${basePath}${path}`,
      headers: upstreamRequestHeaders({}, { apiKey: options.apiKey, body: sent }),
      body: sent,
    });
  return {
    origin,
    sendFor,
    send,
    read: (request, path) => sendFor(request, '')('GET', path, undefined),
    close: () => upstream.close(),
  };
}

export interface ProxyRoutesOptions {
  linq: Linq;
  forwardWrite: ForwardWrite;
}

/** The forwarding route, an encapsulated plugin: every method on /v3/*. */
export async function proxyRoutes(app: FastifyInstance, options: ProxyRoutesOptions): Promise<void> {
  const { linq } = options;
  app.all('/v3/*', { exposeHeadRoute: false }, async (request, reply) => {
    const { target } = request.requestClass;
    // The guards have answered everything that is not a forward.
    if (target.kind !== 'forward') return sendEnvelope(reply, ERRORS.notFound());
    let body: Buffer | undefined;
    if (target.method === 'POST' || target.method === 'PUT') {
      if (!Buffer.isBuffer(request.body)) return sendEnvelope(reply, ERRORS.invalidJson());
      body = request.body;
    }

    let upstreamRequests = 0;
    const sendUpstream = linq.sendFor(request, target.method);
    const send: Send = (method, path, sent) => {
      upstreamRequests += 1;
      return sendUpstream(method, path, sent);
    };
    const result: UpstreamResult =
      target.method === 'GET'
        ? await send('GET', target.path, undefined)
        : await options.forwardWrite(request, { method: target.method, path: target.path, body }, send);

    // Nobody is left to read it, but Fastify still wants an answer: this one goes nowhere.
    if (result.kind === 'gone') return sendEnvelope(reply, ERRORS.upstreamUnreachable(linq.origin));
    if (result.kind === 'refused') {
      request.log.warn({ cause: result.cause }, 'upstream request failed');
      return sendEnvelope(reply, result.envelope);
    }
    reply
      .code(result.status)
      .headers(result.headers)
      .header('cache-control', 'no-store')
      .header(UPSTREAM_REQUESTS_HEADER, String(upstreamRequests));
    // An empty answer (a 204) goes without a body and without a made-up Content-Type.
    return result.body.length === 0 ? reply.send() : reply.send(result.body);
  });
}
