import type { IncomingHttpHeaders } from 'node:http';
import { single } from '../http/headers.ts';

/**
 * Header allowlists, both ways. Each direction builds a fresh object from named headers, so a
 * header nobody thought of (cookies, the client's Authorization, hop-by-hop, x-forwarded-*,
 * set-cookie, location, server banners) is dropped by default rather than by a deny list.
 */

export const USER_AGENT = 'linq-webhook-console';

// Visible ASCII only: an idempotency key is an opaque token, never a place for CR/LF.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface UpstreamRequest {
  apiKey: string;
  /** The body that will be sent (POST/PUT), or undefined for GET/DELETE. */
  body: Buffer | undefined;
}

export function upstreamRequestHeaders(
  client: IncomingHttpHeaders,
  { apiKey, body }: UpstreamRequest,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: single(client.accept) ?? 'application/json',
    'user-agent': USER_AGENT,
    authorization: `Bearer ${apiKey}`,
  };
  if (body !== undefined) {
    // The guards let only application/json (with parameters) this far.
    headers['content-type'] = single(client['content-type']) ?? 'application/json';
    headers['content-length'] = String(body.byteLength);
  }
  const idempotencyKey = single(client['idempotency-key']);
  if (idempotencyKey !== undefined && IDEMPOTENCY_KEY.test(idempotencyKey)) headers['idempotency-key'] = idempotencyKey;
  return headers;
}

// Content-Length is the console's own (the body may be redacted); a Content-Encoding is refused (upstream.ts).
const RESPONSE_HEADERS = new Set([
  'content-type',
  'retry-after',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
]);

function isForwardedResponseHeader(name: string): boolean {
  return RESPONSE_HEADERS.has(name) || name.startsWith('x-ratelimit-');
}

export function clientResponseHeaders(upstream: IncomingHttpHeaders): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [rawName, value] of Object.entries(upstream)) {
    const name = rawName.toLowerCase();
    if (value === undefined || !isForwardedResponseHeader(name)) continue;
    headers[name] = value;
  }
  return headers;
}
