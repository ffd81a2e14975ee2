import { fillPath, type Endpoint, type PathParameters, type RequestBody, type ResponseBody } from '@contract/endpoints';
import type { Wire, WireName } from '@contract/wire';

/**
 * The only place the browser calls `fetch`. It speaks same-origin paths from the endpoint
 * tables of `contract/`; the Node proxy adds the API key, so nothing here ever knows it. One
 * client is created with the app's providers (lib/services.ts) and reached through them; what
 * its answers say of the rate limit is its own (RateLimitPolicy).
 */

/** The wire schemas (and zod) load with the first request, in parallel with it, not in the first bundle. */
const loadWire = () => import('@contract/wire');

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    /** Linq error code from the envelope, when there was one. */
    readonly code: number | undefined,
    message: string,
    /** A 429's wait before the next request, in ms (`Retry-After`, else the body's `retry_after`). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Linq's rate limit (429, code 1007): wait `retryAfterMs`, then send again. */
  get isRateLimited(): boolean {
    return this.status === 429;
  }
}

/** The shortest wait after a 429, whatever it named (`Retry-After: 0`, negative, unreadable or a past date). */
export const MIN_RATE_LIMIT_WAIT_MS = 1_000;
/** The longest: a wait past this is taken as this (a broken header must not stall the page for days). */
export const MAX_RATE_LIMIT_WAIT_MS = 10 * 60_000;

/** A 429's wait in ms: what it named, within the floor and the cap above; the floor when it named none. */
export function rateLimitWaitMs(named: number | undefined): number {
  if (named === undefined || !Number.isFinite(named)) return MIN_RATE_LIMIT_WAIT_MS;
  return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(MIN_RATE_LIMIT_WAIT_MS, named));
}

/** `Retry-After` as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type ParametersInput<E extends Endpoint> = [keyof PathParameters<E['path']>] extends [never]
  ? { params?: undefined }
  : { params: PathParameters<E['path']> };
type BodyInput<E extends Endpoint> = [RequestBody<E>] extends [never] ? { body?: undefined } : { body: RequestBody<E> };

export type CallInput<E extends Endpoint> = ParametersInput<E> &
  BodyInput<E> & {
    signal?: AbortSignal;
    /** A query string (the console's own endpoints only: Linq's take none). */
    query?: Record<string, string | number | undefined>;
    /** Extra request headers (the console's journal hints, contract/console.ts JOURNAL_HEADERS). */
    headers?: Record<string, string>;
  };

export interface ApiClient {
  /** Calls one endpoint and parses its answer with the endpoint's schema; failures become ApiError. */
  call: <E extends Endpoint>(endpoint: E, input: CallInput<E>) => Promise<ResponseBody<E>>;
}

export function createApiClient(): ApiClient {
  return { call: callEndpoint };
}

async function callEndpoint<E extends Endpoint>(endpoint: E, input: CallInput<E>): Promise<ResponseBody<E>> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) if (value !== undefined) search.set(key, String(value));
  const query = search.toString();
  const path = `${input.params ? fillPath(endpoint.path, input.params) : endpoint.path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = { Accept: 'application/json', ...input.headers };
  const init: RequestInit = { method: endpoint.method, signal: input.signal, headers };
  if (input.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(input.body);
  }
  const wire = loadWire();
  // Awaited below on every path that reads an answer; a failed load is reported there, not unhandled.
  wire.catch(() => undefined);
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, undefined, 'Could not reach the console server. Check that it is running, then try again.');
  }
  if (!response.ok) throw await toApiError(response, (await wire).WIRE);
  if (!endpoint.response) return undefined as ResponseBody<E>;
  const body: unknown = await response.json().catch(() => undefined);
  const data = readAnswer(await wire, endpoint.response, body);
  if (data === undefined) {
    throw new ApiError(response.status, undefined, 'The server sent an answer the console does not understand.');
  }
  return data as ResponseBody<E>;
}

/** The answer read with its shape's quick reader if it has one, else (or when that declines) with zod. */
function readAnswer(wire: typeof import('@contract/wire'), name: WireName, body: unknown): unknown {
  const quick = wire.QUICK_READS[name]?.(body);
  if (quick !== undefined) return quick;
  const result = wire.WIRE[name].safeParse(body);
  return result.success ? result.data : undefined;
}

async function toApiError(response: Response, wire: Wire): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  const headerWait = parseRetryAfter(response.headers.get('retry-after'));
  try {
    const envelope = wire.errorEnvelope.parse(JSON.parse(text));
    const bodyWait = envelope.retry_after === undefined ? undefined : Math.max(0, envelope.retry_after * 1000);
    const named = headerWait ?? bodyWait;
    const wait = response.status === 429 ? rateLimitWaitMs(named) : named;
    return new ApiError(response.status, envelope.error.code, envelope.error.message, wait);
  } catch {
    return new ApiError(
      response.status,
      undefined,
      `The server answered ${response.status} ${response.statusText}`.trim() + '.',
      response.status === 429 ? rateLimitWaitMs(headerWait) : headerWait,
    );
  }
}
