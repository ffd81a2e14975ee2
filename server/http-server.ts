import { STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyHttpOptions } from 'fastify';
import type { ErrorEnvelope } from '../contract/schemas.ts';
import { BODY_LIMIT_BYTES, ERRORS } from './errors.ts';
import { SECURITY_HEADERS } from './http/security-headers.ts';

/**
 * What the console and the sandbox share as HTTP servers: socket deadlines, and the Linq envelope
 * for the requests Node answers itself before Fastify sees them.
 */

export interface Deadlines {
  /** From the connection (or the previous answer) until the request's headers are complete. */
  headersMs: number;
  /** From the connection (or the previous answer) until the whole request, body included, is in. */
  requestMs: number;
  /** How long an idle keep-alive connection stays open after an answer. */
  keepAliveMs: number;
  /** How often Node checks the two above: a request may outlive its deadline by up to this much. */
  checkIntervalMs: number;
}

/** README, "Security": every stuck socket is closed within 35 s at most. */
export const DEFAULT_DEADLINES: Deadlines = {
  headersMs: 15_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 5_000,
};

/** Status line, headers and body of an envelope answered outside Fastify (always closing the connection). */
function rawEnvelope(envelope: ErrorEnvelope): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(envelope);
  return {
    headers: {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      connection: 'close',
    },
    body,
  };
}

/**
 * Requests Node's HTTP parser refuses (malformed request line or headers, header overflow, a
 * deadline passed) never reach Fastify's routing; they get the envelope too, not Fastify's
 * default `{"error":"Bad Request",...}` body.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const envelope =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ERRORS.requestTimeout()
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? ERRORS.headersTooLarge()
        : ERRORS.badRequest();
  const { headers, body } = rawEnvelope(envelope);
  if (socket.writable) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `HTTP/1.1 ${envelope.error.status} ${STATUS_CODES[envelope.error.status]}\r\n${lines.join('')}\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The Fastify options both servers are built with. */
export function serverOptions(deadlines: Partial<Deadlines> = {}) {
  const { headersMs, requestMs, keepAliveMs, checkIntervalMs } = { ...DEFAULT_DEADLINES, ...deadlines };
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    keepAliveTimeout: keepAliveMs,
    requestTimeout: requestMs,
    http: {
      headersTimeout: headersMs,
      connectionsCheckingInterval: checkIntervalMs,
      // A request without Host reaches the Host check (403 envelope) instead of Node's bare 400.
      requireHostHeader: false,
    },
    clientErrorHandler: answerClientError,
  } satisfies FastifyHttpOptions<Server>;
}

/**
 * Node answers an `Expect` other than 100-continue with a bare 417 unless someone listens for
 * it; this answers it in the envelope instead. Call once per server.
 */
export function answerUnknownExpectations(server: Server): void {
  server.on('checkExpectation', (_request, response: ServerResponse) => {
    const { headers, body } = rawEnvelope(ERRORS.expectationFailed());
    response.writeHead(417, headers).end(body);
  });
}
