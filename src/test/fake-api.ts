import { vi } from 'vitest';

/**
 * A stand-in for the network in component tests: replaces global fetch with a function that
 * answers from `handler` and records every request, so tests can assert what was sent.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `headers`: the request's headers, for a handler that checks what the page sent beside the body. */
export type FakeHandler = (
  request: RecordedRequest,
  headers: Headers,
  url: URL,
) => FakeResponse | Promise<FakeResponse>;

export function installFakeApi(handler: FakeHandler) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://console.test',
    );
    const request: RecordedRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const answer = await handler(request, new Headers(init.headers), url);
    const text = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(text, {
      status: answer.status,
      headers: { ...(text === null ? {} : { 'Content-Type': 'application/json' }), ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock, restore: () => vi.unstubAllGlobals() };
}

/**
 * An error envelope of the console's own (a refusal of sign-in or roles, which no model of Linq
 * answers). Linq's refusals come from the model: `installFakeLinq().model`, or its validation.
 */
export function envelope(status: number, code: number, message: string): FakeResponse {
  return { status, body: { error: { status, code, message }, success: false } };
}
