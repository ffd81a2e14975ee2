import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { Pool, errors, type Dispatcher } from 'undici';
import type { ErrorEnvelope } from '../../contract/schemas.ts';
import type { UpstreamResult } from '../forwarding.ts';
import { ERRORS } from '../errors.ts';
import { isJsonContentType } from '../http/guards.ts';
import { clientResponseHeaders } from './headers.ts';
import { createPace } from './pace.ts';
import { keyRedactor } from './redact.ts';

/**
 * The console's one way to the upstream: an undici Pool, driven directly. @fastify/reply-from
 * (which also forwards with undici) streams the answer as it comes and bounds each wait on its
 * own; the proxy needs one deadline for the whole answer (time queued for a pooled connection and
 * the body included), an abort when the client leaves, and the whole body in hand before any of
 * it is sent, to check that it is JSON, bounded in size and free of the key.
 */

/** Pooled connections to the upstream; requests beyond them wait (inside the deadline). */
export const UPSTREAM_CONNECTIONS = 32;

/** The largest answer passed on: generous for 10,000 subscriptions (about 3.3 MB). */
export const UPSTREAM_BODY_LIMIT_BYTES = 32 * 1024 * 1024;
const TOO_LARGE = `with a body over ${UPSTREAM_BODY_LIMIT_BYTES / 1024 / 1024} MiB`;

export interface UpstreamOptions {
  /** The upstream origin (LINQ_API_V3_BASE_URL's). */
  origin: string;
  apiKey: string;
  timeoutMs: number;
  /** The clock a 429's hold is kept by (tests move it). */
  now?: () => number;
}

export interface UpstreamRequest {
  method: string;
  /** The full upstream path, base path included. */
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

type Body = Dispatcher.ResponseData['body'];

/** Stops reading an answer: an unfinished one closes its connection, so nothing of it is reused. */
function discard(body: Body): void {
  // undici's body emits an abort error on destroy; nobody reads it any more.
  body.on('error', () => undefined);
  body.destroy();
}

/** The whole body, or undefined (and no more read) past `limit` bytes. Events, not an async iterator: this runs per request. */
function readBody(body: Body, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        discard(body);
        resolve(undefined);
      }
    });
    // One chunk (the usual small answer) needs no copy.
    body.once('end', () => {
      const [only] = chunks;
      resolve(chunks.length === 1 && only ? only : Buffer.concat(chunks, size));
    });
    body.once('error', reject);
  });
}

/** The client's connection, whose end or close means the client has gone. */
export type ClientConnection = Pick<Duplex, 'once' | 'off' | 'destroyed' | 'readableEnded'>;

/** The shortest hold after a 429 (`Retry-After: 0`, negative, garbage or a past date all mean this). */
export const MIN_HOLD_MS = 1_000;
/** The longest: a larger Retry-After is taken as this. */
export const MAX_HOLD_MS = 10 * 60_000;

/** A 429's Retry-After (seconds or an HTTP date), else the envelope's `retry_after`, within the bounds above. */
export function holdAfter429(header: string | string[] | undefined, body: Buffer, now = Date.now()): number {
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  let named: number | undefined;
  if (/^\d+$/.test(value)) named = Number(value) * 1000;
  else if (value !== '' && !Number.isNaN(Date.parse(value))) named = Date.parse(value) - now;
  else {
    try {
      const retryAfter = (JSON.parse(body.toString('utf8')) as { retry_after?: unknown }).retry_after;
      if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) named = retryAfter * 1000;
    } catch {
      // No envelope to read it from: the floor.
    }
  }
  return Math.min(MAX_HOLD_MS, Math.max(MIN_HOLD_MS, named ?? MIN_HOLD_MS));
}

/** Waits `ms`, or less if the request is aborted meanwhile (its deadline, its client leaving). */
function paced(ms: number, abort: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      abort.off('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    abort.once('abort', done);
  });
}

const refused = (envelope: ErrorEnvelope, cause: string): UpstreamResult => ({ kind: 'refused', envelope, cause });

const TIMED_OUT = Symbol('upstream deadline');
const CLIENT_GONE = Symbol('client gone');

export function createUpstream(options: UpstreamOptions) {
  const { origin, timeoutMs } = options;
  const pool = new Pool(origin, {
    connections: UPSTREAM_CONNECTIONS,
    pipelining: 1,
    // The key must only ever go to a verified server (undici's default, stated on purpose).
    connect: { timeout: timeoutMs, rejectUnauthorized: true },
  });
  const redactor = keyRedactor(options.apiKey);
  const now = options.now ?? Date.now;
  /**
   * After a 429 nothing goes to this upstream until its wait is over, whoever asks: the team shares
   * one key, so one operator's 429 is everybody's. Meanwhile the console answers the 429 itself.
   */
  let heldUntil = 0;
  const held = (): UpstreamResult | undefined => {
    const left = heldUntil - now();
    if (left <= 0) return undefined;
    const seconds = Math.ceil(left / 1000);
    const envelope = ERRORS.rateLimited(seconds);
    envelope.error.message = `Linq asked this console to slow down: nothing is sent to it for ${seconds} s more. Try again after that.`;
    return {
      kind: 'answer',
      status: 429,
      headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(seconds) },
      body: Buffer.from(JSON.stringify(envelope)),
    };
  };
  const pace = createPace(now);
  const badAnswer = (what: string) => refused(ERRORS.upstreamBadAnswer(origin, what), what);

  /**
   * Sends one request and reads its whole answer, all within `timeoutMs` from now. The client's
   * connection ending (FIN) or closing aborts it, queued or in flight: a client that has gone
   * gets nothing sent upstream in its name (and Node answers a half-closed client nothing either).
   * Without a client (a bulk job the server runs) only the deadline ends it.
   */
  async function forward(request: UpstreamRequest, client?: ClientConnection): Promise<UpstreamResult> {
    // undici takes an EventEmitter as the abort signal (documented): far lighter per request than
    // an AbortController, and `why` says which of the two ended it.
    const abort = new EventEmitter();
    let why: typeof TIMED_OUT | typeof CLIENT_GONE | undefined;
    const stop = (reason: typeof TIMED_OUT | typeof CLIENT_GONE) => {
      if (why !== undefined) return;
      why = reason;
      abort.emit('abort');
    };
    const holding = held();
    if (holding) return holding;
    const timer = setTimeout(() => stop(TIMED_OUT), timeoutMs);
    const leave = () => stop(CLIENT_GONE);
    client?.once('end', leave);
    client?.once('close', leave);
    try {
      if (client?.destroyed || client?.readableEnded) return { kind: 'gone' };
      const wait = pace.reserve();
      if (wait > 0) await paced(wait, abort);
      if (why === CLIENT_GONE) return { kind: 'gone' };
      if (why === TIMED_OUT) return refused(ERRORS.upstreamTimeout(timeoutMs), 'timeout');
      const waitedHold = held();
      if (waitedHold) return waitedHold;
      const response = await pool.request({
        method: request.method as 'GET',
        path: request.path,
        headers: request.headers,
        body: request.body ?? null,
        signal: abort,
      });
      const { statusCode: status, headers } = response;
      pace.learn(headers['ratelimit-policy']);
      const refusal =
        status >= 300 && status < 400
          ? refused(ERRORS.upstreamRedirect(origin, status), `redirect ${status}`)
          : status < 200 || status > 599
            ? badAnswer(`with status ${status}`)
            : headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity'
              ? badAnswer('with a compressed body')
              : Number(headers['content-length'] ?? 0) > UPSTREAM_BODY_LIMIT_BYTES
                ? badAnswer(TOO_LARGE)
                : undefined;
      if (refusal) {
        discard(response.body);
        return refusal;
      }
      const raw = await readBody(response.body, UPSTREAM_BODY_LIMIT_BYTES);
      if (raw === undefined) return badAnswer(TOO_LARGE);
      const contentType = headers['content-type'];
      // Only JSON is served from the console's origin; an empty answer (a 204) has no type to check.
      if (raw.length > 0 && !isJsonContentType(Array.isArray(contentType) ? contentType[0] : contentType)) {
        return badAnswer('with a body that is not JSON');
      }
      const body = redactor.body(raw);
      const passed = redactor.headers(clientResponseHeaders(headers));
      if (body === undefined || passed === undefined) return badAnswer('with the API key in a form it cannot remove');
      if (status === 429) {
        const hold = holdAfter429(headers['retry-after'], raw, now());
        heldUntil = Math.max(heldUntil, now() + hold);
        // The page waits what the console holds, never a wait under the floor.
        passed['retry-after'] = String(Math.ceil(hold / 1000));
      }
      return { kind: 'answer', status, headers: passed, body };
    } catch (error) {
      if (why === TIMED_OUT || error instanceof errors.ConnectTimeoutError) {
        return refused(ERRORS.upstreamTimeout(timeoutMs), 'timeout');
      }
      if (why === CLIENT_GONE) return { kind: 'gone' };
      const code = (error as { code?: unknown }).code;
      return refused(ERRORS.upstreamUnreachable(origin), typeof code === 'string' ? code : 'failed');
    } finally {
      clearTimeout(timer);
      client?.off('end', leave);
      client?.off('close', leave);
    }
  }

  return { forward, close: () => pool.close() };
}
