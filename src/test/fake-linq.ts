import {
  CONSOLE_ENDPOINTS,
  LINQ_ENDPOINTS,
  matchPath,
  type ConsoleEndpointName,
  type Endpoint,
  type LinqEndpointName,
} from '@contract/endpoints';
import { LINQ_ERRORS } from '@contract/errors';
import type { Catalog, PhoneNumber, Subscription } from '@contract/schemas';
import { WIRE } from '@contract/wire';
import { LinqModel, toWire, type Faults, type StoredSubscription } from '../../server/sandbox/model/linq-model.ts';
import { installFakeApi, type FakeResponse, type RecordedRequest } from './fake-api';
import { createFakeConsole, type ConsoleRequest, type FakeConsoleOptions } from './fake-console';
import { createFakeJobs } from './fake-jobs';
import { makeCatalog, TEST_SIGNING_SECRET } from './factories';

/**
 * The one fake Linq of the unit tests: the proxy and Linq behind it, installed as `fetch`. Linq's
 * endpoints are answered by the sandbox's own model of Linq (server/sandbox/model/linq-model.ts),
 * so a test meets its validation, 404s, 409s, rate limit and failures exactly; the console's own
 * endpoints (session, labels, activity) by fake-console.ts. Every answer (the fake's and a
 * test's interceptor's) is checked against the contract's schemas, so a test cannot pass on an
 * answer the real API would never give.
 */

export interface FakeLinqRequest extends RecordedRequest {
  headers: Headers;
  query: URLSearchParams;
  /** The endpoint the request is for, if any: Linq's, or the console's own ("console.session"…). */
  endpoint: EndpointName | undefined;
  /** The `{id}` of item paths. */
  id: string | undefined;
}

/**
 * Answers a request in the test's own way, or returns undefined to let the fake answer it.
 * `next()` is the fake's own answer (applying the change), for an interceptor that only delays
 * or watches it; `next({ body })` the answer to that body instead, for a test where Linq reads a
 * request otherwise than the console does (the model's refusal is then the one a test meets).
 */
export type Interceptor = (
  request: FakeLinqRequest,
  next: (instead?: { body: unknown }) => FakeResponse,
) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

/** Linq's state, and the console's own (fake-console.ts): who is signed in, labels, the journal's entries. */
export interface FakeLinqOptions extends FakeConsoleOptions {
  subscriptions?: Subscription[];
  catalog?: Catalog;
  phoneNumbers?: PhoneNumber[];
  /** The model's fault injection, as the sandbox's `/__sandbox/faults` sets it (latency is not waited). */
  faults?: Partial<Faults>;
}

export { LOCAL_SESSION } from './fake-console';

type EndpointName = LinqEndpointName | `console.${ConsoleEndpointName}`;
const ENDPOINTS = {
  ...LINQ_ENDPOINTS,
  ...Object.fromEntries(Object.entries(CONSOLE_ENDPOINTS).map(([name, endpoint]) => [`console.${name}`, endpoint])),
} as Record<EndpointName, Endpoint>;

const isConsoleEndpoint = (name: EndpointName): name is ConsoleRequest['endpoint'] => name.startsWith('console.');

function route(method: string, path: string): { endpoint: EndpointName; id: string | undefined } | undefined {
  for (const [name, endpoint] of Object.entries(ENDPOINTS) as [EndpointName, Endpoint][]) {
    const parameters = endpoint.method === method ? matchPath(endpoint.path, path) : undefined;
    if (parameters) return { endpoint: name, id: parameters.id && decodeURIComponent(parameters.id) };
  }
  return undefined;
}

/** Throws (failing the test) when an answer is not what the contract says this endpoint answers. */
function checkAnswer(request: FakeLinqRequest, answer: FakeResponse): FakeResponse {
  const endpoint: Endpoint | undefined = request.endpoint && ENDPOINTS[request.endpoint];
  if (answer.status >= 400) {
    const result = WIRE.errorEnvelope.safeParse(answer.body);
    if (!result.success) throw new Error(`fake Linq: ${request.method} ${request.path} answered a non-envelope error`);
  } else if (endpoint?.response) {
    const result = WIRE[endpoint.response].safeParse(answer.body);
    if (!result.success) {
      throw new Error(`fake Linq: ${request.method} ${request.path} answered a body the contract rejects`);
    }
  }
  return answer;
}

/** The key the proxy would send: the model's rate limit counts per key. */
const PROXY_KEY = 'fake-linq';

const withSecret = (subscriptions: Subscription[]): StoredSubscription[] =>
  subscriptions.map((subscription) => ({ ...subscription, signing_secret: TEST_SIGNING_SECRET }));

/** A valid Standard Webhooks secret of 33 bytes, its own for each created subscription. */
const fakeSigningSecret = (sequence: number): string =>
  `whsec_${btoa(`fake-linq-signing-secret-${String(sequence).padStart(8, '0')}`)}`;

/** The model of Linq the fake serves: numbered ids and secrets, so a test reads the same ones every run. */
function fakeModel(options: FakeLinqOptions): LinqModel {
  let created = 0;
  return new LinqModel({
    state: { subscriptions: withSecret(options.subscriptions ?? []), phone_numbers: options.phoneNumbers ?? [] },
    catalog: options.catalog ?? makeCatalog(),
    faults: options.faults,
    newId: () => `created-${(created += 1)}`,
    newSigningSecret: () => fakeSigningSecret(created),
  });
}

export function installFakeLinq(options: FakeLinqOptions = {}) {
  const model = fakeModel(options);
  // The console server's bulk jobs send their writes through the same path as a page's request.
  const jobs = createFakeJobs({
    subscriptions: () => model.state.subscriptions.map(toWire),
    send: (method, id, body, headers) => {
      const path = LINQ_ENDPOINTS.updateSubscription.path.replace('{id}', encodeURIComponent(id));
      return handle({ method, path, body }, new Headers(headers), new URL(path, 'http://console.test'));
    },
  });
  const consoleSide = createFakeConsole(options, jobs);
  const interceptors: Interceptor[] = [];

  /** The console's own endpoints by fake-console.ts; Linq's by the model, its rate limit and injected failure first, as in the sandbox. */
  const answer = (request: FakeLinqRequest): FakeResponse => {
    const { endpoint } = request;
    if (endpoint === undefined) return { status: 404, body: LINQ_ERRORS.notFound() };
    if (isConsoleEndpoint(endpoint)) return consoleSide.answer({ ...request, endpoint });
    const write = request.method === 'PUT' || request.method === 'DELETE' ? { id: request.id } : undefined;
    const refused = model.admit(PROXY_KEY) ?? model.injectedFailure(write);
    return refused ?? model.handle({ endpoint, id: request.id, body: request.body }).answer;
  };

  /** One request through the fake: routed, offered to the interceptors, answered, checked. */
  const handle = async (recorded: RecordedRequest, headers: Headers, url: URL): Promise<FakeResponse> => {
    const request: FakeLinqRequest = {
      ...recorded,
      headers,
      query: url.searchParams,
      endpoint: undefined,
      id: undefined,
      ...route(recorded.method, recorded.path),
    };
    for (const intercept of [...interceptors]) {
      const intercepted = await intercept(request, (instead) => answer({ ...request, ...instead }));
      if (intercepted) return checkAnswer(request, intercepted);
    }
    return checkAnswer(request, answer(request));
  };
  const api = installFakeApi(handle);

  return {
    requests: api.requests,
    fetchMock: api.fetchMock,
    /** Requests other than GET, in the order they arrived. */
    writes: () => api.requests.filter((request) => request.method !== 'GET'),
    /** The model behind Linq's endpoints: its answers (a failure, a 429) are the ones a test meets. */
    model,
    /** The model's fault injection, changed at run time as the sandbox's `/__sandbox/faults` is. */
    faults: model.faults,
    subscriptions: () => model.state.subscriptions.map(toWire),
    subscription: (id: string) => {
      const found = model.find(id);
      return found && toWire(found);
    },
    /** Changes the stored state as another tab or person would. */
    setSubscriptions: (next: Subscription[]) => {
      model.state.subscriptions = withSecret(next);
    },
    remove: (id: string) => {
      model.state.subscriptions = model.state.subscriptions.filter((subscription) => subscription.id !== id);
    },
    setCatalog: (next: Catalog) => {
      model.catalog = next;
    },
    setSession: consoleSide.setSession,
    setActivity: consoleSide.setActivity,
    labels: consoleSide.labels,
    /** Adds an interceptor (tried before the fake's own answers, latest first); returns its removal. */
    intercept: (interceptor: Interceptor) => {
      interceptors.unshift(interceptor);
      return () => {
        const index = interceptors.indexOf(interceptor);
        if (index !== -1) interceptors.splice(index, 1);
      };
    },
  };
}

export type FakeLinq = ReturnType<typeof installFakeLinq>;
export { envelope } from './fake-api';
