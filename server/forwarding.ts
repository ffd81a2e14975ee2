import type { FastifyRequest } from 'fastify';
import type { ErrorEnvelope } from '../contract/schemas.ts';

/**
 * The hand-over between forwarding and recording. The proxy (proxy/) sends requests to Linq with
 * the key; whoever wraps a write (the change journal, journal/recorder.ts) gets the write and a
 * `send` to call. Both import these types from here, so neither room imports the other: the entry
 * (app.ts) plugs one into the other.
 */

export type WriteMethod = 'POST' | 'PUT' | 'DELETE';

/** What one request to Linq came to, as the console will answer it. */
export type UpstreamResult =
  | { kind: 'answer'; status: number; headers: Record<string, string | string[]>; body: Buffer }
  /** Answered by the console instead; `cause` is for the log line (never a value from the request). */
  | { kind: 'refused'; envelope: ErrorEnvelope; cause: string }
  /** The client left: nobody to answer, nothing to report. */
  | { kind: 'gone' };

/** Sends one request to Linq with the key, on the forwarding path of the client's request. */
export type Send = (method: 'GET' | WriteMethod, path: string, body: Buffer | undefined) => Promise<UpstreamResult>;

export interface Write {
  method: WriteMethod;
  /** The checked upstream path below the base URL (http/target.ts), e.g. /v3/webhook-subscriptions/<id>. */
  path: string;
  body: Buffer | undefined;
}

/**
 * Forwards a write (POST, PUT, DELETE): calls `send` for whatever it needs (the journal: the read
 * before, then the write itself), or refuses it. Reads go straight out.
 */
export type ForwardWrite = (request: FastifyRequest, write: Write, send: Send) => Promise<UpstreamResult>;

/** A read from Linq with the key, for the console's own routes (a label checks its subscription exists). */
export type ReadLinq = (request: FastifyRequest, path: string) => Promise<UpstreamResult>;
