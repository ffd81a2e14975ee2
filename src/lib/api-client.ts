import type { z } from 'zod/mini';
import { errorEnvelopeSchema } from '@/features/subscriptions/api/schemas';

/**
 * The only place the browser calls `fetch`. It speaks same-origin `/v3/...` paths; the
 * Node proxy adds the API key, so nothing here ever knows it.
 */

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    /** Linq error code from the envelope, when there was one. */
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

async function request(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const init: RequestInit = { method, signal: options.signal, headers: { Accept: 'application/json' } };
  if (options.body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, undefined, 'Could not reach the console server. Check that it is running, then try again.');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const envelope = errorEnvelopeSchema.parse(JSON.parse(text));
    return new ApiError(response.status, envelope.error.code, envelope.error.message);
  } catch {
    return new ApiError(
      response.status,
      undefined,
      `The server answered ${response.status} ${response.statusText}`.trim() + '.',
    );
  }
}

async function parseJson<S extends z.ZodMiniType>(response: Response, schema: S): Promise<z.infer<S>> {
  const result = schema.safeParse(await response.json().catch(() => undefined));
  if (!result.success) {
    throw new ApiError(response.status, undefined, 'The server sent an answer the console does not understand.');
  }
  return result.data;
}

export const apiClient = {
  async get<S extends z.ZodMiniType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
    return parseJson(await request('GET', path, { signal }), schema);
  },
  async post<S extends z.ZodMiniType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    return parseJson(await request('POST', path, { body }), schema);
  },
  async put<S extends z.ZodMiniType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    return parseJson(await request('PUT', path, { body }), schema);
  },
  async delete(path: string): Promise<void> {
    await request('DELETE', path);
  },
};
