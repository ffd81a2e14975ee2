import type { ActivityEntry, Label, Session } from '@contract/console';
import {
  CONSOLE_ENDPOINTS,
  LINQ_ENDPOINTS,
  matchPath,
  type ConsoleEndpointName,
  type Endpoint,
  type LinqEndpointName,
} from '@contract/endpoints';
import type { Catalog, CreatedSubscription, PhoneNumber, Subscription } from '@contract/schemas';
import { WIRE } from '@contract/wire';
import { envelope, installFakeApi, type FakeResponse, type RecordedRequest } from './fake-api';
import { makeCatalog } from './factories';

/**
 * The one fake Linq of the unit tests: a stateful stand-in for the proxy and Linq behind it,
 * installed as `fetch`. It answers the endpoints of contract/endpoints.ts like the sandbox does
 * (PUT is partial and moves `updated_at` forward, unknown ids are 404s), and every answer (its
 * own and a test's interceptor's) is checked against the contract's schemas, so a test cannot
 * pass on an answer the real API would never give.
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
 * or watches it.
 */
export type Interceptor = (
  request: FakeLinqRequest,
  next: () => FakeResponse,
) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

export interface FakeLinqOptions {
  subscriptions?: Subscription[];
  catalog?: Catalog;
  phoneNumbers?: PhoneNumber[];
  /** The console's own state: who is signed in, labels, the journal's entries. */
  session?: Session;
  labels?: Label[];
  activity?: ActivityEntry[];
}

export const LOCAL_SESSION: Session = { auth: 'none', user: null, role: 'editor', sign_out_url: null };

type EndpointName = LinqEndpointName | `console.${ConsoleEndpointName}`;
const ENDPOINTS = {
  ...LINQ_ENDPOINTS,
  ...Object.fromEntries(Object.entries(CONSOLE_ENDPOINTS).map(([name, endpoint]) => [`console.${name}`, endpoint])),
} as Record<EndpointName, Endpoint>;

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

export function installFakeLinq(options: FakeLinqOptions = {}) {
  let stored = (options.subscriptions ?? []).map((subscription) => ({ ...subscription }));
  let catalog = options.catalog ?? makeCatalog();
  const phoneNumbers = options.phoneNumbers ?? [];
  let session = options.session ?? LOCAL_SESSION;
  const labels = new Map((options.labels ?? []).map((label) => [label.subscription_id, label]));
  let activity = options.activity ?? [];
  const interceptors: Interceptor[] = [];
  let lastStamp = Math.max(0, ...stored.map((subscription) => Date.parse(subscription.updated_at)));
  /** Strictly increasing, as the sandbox's. */
  const stamp = () => new Date((lastStamp = Math.max(Date.now(), lastStamp + 1))).toISOString();
  const find = (id: string | undefined) => stored.find((subscription) => subscription.id === id);
  const notFound = () => envelope(404, 2001, 'Resource not found');

  const answer = (request: FakeLinqRequest): FakeResponse => {
    switch (request.endpoint) {
      case 'listSubscriptions':
        return { status: 200, body: { subscriptions: stored } };
      case 'getSubscription': {
        const found = find(request.id);
        return found ? { status: 200, body: found } : notFound();
      }
      case 'createSubscription': {
        const body = request.body as Pick<Subscription, 'target_url' | 'subscribed_events' | 'phone_numbers'>;
        const now = stamp();
        const created: Subscription = {
          id: `created-${stored.length + 1}`,
          target_url: body.target_url,
          subscribed_events: body.subscribed_events,
          phone_numbers: body.phone_numbers ?? null,
          is_active: true,
          created_at: now,
          updated_at: now,
        };
        stored = [...stored, created];
        const withSecret: CreatedSubscription = {
          ...created,
          signing_secret: 'whsec_dGVzdC1zaWduaW5nLXNlY3JldC1vZi0zMi1ieXRlcyE=',
        };
        return { status: 201, body: withSecret };
      }
      case 'updateSubscription': {
        const found = find(request.id);
        if (!found) return notFound();
        const updated = { ...found, ...(request.body as Partial<Subscription>), updated_at: stamp() };
        stored = stored.map((subscription) => (subscription === found ? updated : subscription));
        return { status: 200, body: updated };
      }
      case 'deleteSubscription': {
        if (!find(request.id)) return notFound();
        stored = stored.filter((subscription) => subscription.id !== request.id);
        return { status: 204 };
      }
      case 'listEventTypes':
        return { status: 200, body: catalog };
      case 'listPhoneNumbers':
        return { status: 200, body: { phone_numbers: phoneNumbers } };
      case 'console.upstream':
        return { status: 200, body: { kind: 'sandbox', origin: 'http://127.0.0.1:4010' } };
      case 'console.session':
        return { status: 200, body: session };
      case 'console.listLabels':
        return { status: 200, body: { labels: [...labels.values()], next_cursor: null } };
      case 'console.getLabel': {
        const label = labels.get(request.id ?? '');
        return label ? { status: 200, body: label } : notFound();
      }
      case 'console.putLabel': {
        const body = request.body as { name: string; note: string };
        const label: Label = {
          subscription_id: request.id ?? '',
          name: body.name.trim(),
          note: body.note.trim(),
          updated_at: stamp(),
          updated_by: session.user?.email ?? null,
        };
        if (label.name === '' && label.note === '') labels.delete(label.subscription_id);
        else labels.set(label.subscription_id, label);
        return { status: 200, body: label };
      }
      case 'console.activity': {
        const id = request.query.get('subscription_id');
        const entries = id ? activity.filter((entry) => entry.subscription_id === id) : activity;
        return { status: 200, body: { entries, next_cursor: null } };
      }
      case undefined:
        return notFound();
    }
  };

  const api = installFakeApi(async (recorded, headers, url) => {
    const request: FakeLinqRequest = {
      ...recorded,
      headers,
      query: url.searchParams,
      endpoint: undefined,
      id: undefined,
      ...route(recorded.method, recorded.path),
    };
    for (const intercept of [...interceptors]) {
      const intercepted = await intercept(request, () => answer(request));
      if (intercepted) return checkAnswer(request, intercepted);
    }
    return checkAnswer(request, answer(request));
  });

  return {
    requests: api.requests,
    fetchMock: api.fetchMock,
    /** Requests other than GET, in the order they arrived. */
    writes: () => api.requests.filter((request) => request.method !== 'GET'),
    subscriptions: () => stored,
    subscription: (id: string) => find(id),
    /** Changes the stored state as another tab or person would. */
    setSubscriptions: (next: Subscription[]) => {
      stored = next.map((subscription) => ({ ...subscription }));
    },
    remove: (id: string) => {
      stored = stored.filter((subscription) => subscription.id !== id);
    },
    setCatalog: (next: Catalog) => {
      catalog = next;
    },
    setSession: (next: Session) => {
      session = next;
    },
    setActivity: (next: ActivityEntry[]) => {
      activity = next;
    },
    labels: () => [...labels.values()],
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
export { envelope, rateLimited } from './fake-api';
