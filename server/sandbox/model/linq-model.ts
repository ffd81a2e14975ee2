import { LINQ_ENDPOINTS, type LinqEndpointName } from '../../../contract/endpoints.ts';
import { LINQ_ERRORS } from '../../../contract/errors.ts';
import { SIGNING_SECRET_PREFIX, targetUrlIdentity } from '../../../contract/rules.ts';
import type { Catalog, ErrorEnvelope, PhoneNumber, Subscription } from '../../../contract/schemas.ts';
import { CATALOG_DOC_URL, CATALOG_EVENT_TYPES } from './event-types.ts';
import { createRateLimiter } from './rate-limit.ts';
import { checkCreateBody, checkUpdateBody } from './validation.ts';

/**
 * Linq's webhook endpoints without a transport: what each endpoint answers to a parsed request
 * (validation, conflicts, unknown ids), the state it keeps, its rate limit and injected failures.
 * The sandbox serves it over HTTP and keeps its state on disk (../app.ts, ../routes.ts); the unit
 * tests' fake serves it as `fetch` (src/test/fake-linq.ts). It imports only contract/ and
 * libphonenumber-js, so it runs in Node and in jsdom alike; time, ids and chance are injectable.
 */

/** A subscription as kept: the secret too, which is sent only once, in the create answer. */
export type StoredSubscription = Subscription & { signing_secret: string };

export interface LinqState {
  subscriptions: StoredSubscription[];
  phone_numbers: PhoneNumber[];
}

/** Fault injection (the sandbox's `/__sandbox/faults`); 0 is off for each. */
export interface Faults {
  /** Added to every API request, in milliseconds (the transport waits it: a model answers at once). */
  latency_ms: number;
  /** Share of API requests answered 500/3006, from 0 to 1; they change nothing. */
  failure_rate: number;
  /** API requests a second per key before 429s (a token bucket with a small burst, rate-limit.ts). */
  rate_limit: number;
  /** Subscriptions whose writes (PUT, DELETE) are answered 500/3006 every time: a failure a test can count on. */
  failing_ids: string[];
}

/** What an endpoint answers: no body for a 204. */
export interface LinqAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface LinqRequest {
  endpoint: LinqEndpointName;
  /** The `{id}` of item paths, decoded. */
  id?: string | undefined;
  /** The parsed JSON body of a POST or PUT. */
  body?: unknown;
}

export interface Handled {
  answer: LinqAnswer;
  /** Present when the request changed the state: takes the change back unless a later one replaced it. */
  undo?: () => void;
}

export interface LinqModelOptions {
  /** Held, not copied: the model replaces `state.subscriptions` on every change. */
  state: LinqState;
  /** What `GET /v3/webhook-events` answers; the documented 18 by default. */
  catalog?: Catalog;
  faults?: Partial<Faults>;
  /** Wall-clock milliseconds, for `created_at` and `updated_at`. */
  now?: () => number;
  /** Monotonic milliseconds, for the rate limit's bucket. */
  elapsed?: () => number;
  /** From 0 to 1, for `failure_rate`. */
  random?: () => number;
  newId?: () => string;
  newSigningSecret?: () => string;
}

/** Standard Webhooks (contract/rules.ts): `whsec_` and the base64 of 32 random bytes. */
function randomSigningSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `${SIGNING_SECRET_PREFIX}${btoa(String.fromCharCode(...bytes))}`;
}

/** The wire shape: everything but the secret. */
export function toWire(stored: StoredSubscription): Subscription {
  const { signing_secret: _secret, ...subscription } = stored;
  return subscription;
}

const refusal = (envelope: ErrorEnvelope, headers: Record<string, string> = {}): LinqAnswer => ({
  status: envelope.error.status,
  headers,
  body: envelope,
});
const success = (status: number, body?: unknown): LinqAnswer => ({ status, headers: {}, body });

export class LinqModel {
  readonly state: LinqState;
  catalog: Catalog;
  readonly faults: Faults;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly newId: () => string;
  private readonly newSigningSecret: () => string;
  private readonly takeToken: (key: string, rate: number) => number | undefined;
  private lastTimestamp = 0;
  // Stored subscriptions are replaced, never changed, so a key computed once stays right.
  private readonly urlKeys = new WeakMap<StoredSubscription, string>();

  constructor(options: LinqModelOptions) {
    this.state = options.state;
    this.catalog = options.catalog ?? { events: [...CATALOG_EVENT_TYPES], doc_url: CATALOG_DOC_URL };
    this.faults = { latency_ms: 0, failure_rate: 0, rate_limit: 0, failing_ids: [], ...options.faults };
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? (() => Math.random());
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    this.newSigningSecret = options.newSigningSecret ?? randomSigningSecret;
    this.takeToken = createRateLimiter(options.elapsed);
    for (const subscription of this.state.subscriptions) {
      this.lastTimestamp = Math.max(this.lastTimestamp, Date.parse(subscription.updated_at) || 0);
    }
  }

  /** Headers every API answer carries: with a limit on, it is announced (RateLimit-Policy, IETF draft). */
  apiHeaders(): Record<string, string> {
    return this.faults.rate_limit > 0 ? { 'ratelimit-policy': `${this.faults.rate_limit};w=1` } : {};
  }

  /** Before anything else an API request costs: over the rate limit, Linq's 429 (changing nothing). */
  admit(key: string): LinqAnswer | undefined {
    const retryAfter = this.takeToken(key, this.faults.rate_limit);
    if (retryAfter === undefined) return undefined;
    this.rateLimitedCount += 1;
    return this.rateLimited(retryAfter);
  }

  /** How many requests the rate limit has refused since start (tests and the bench read it). */
  rateLimitedCount = 0;

  /** Linq's 429 for a wait of `seconds`: the Retry-After header and `retry_after` agree. */
  rateLimited(seconds: number): LinqAnswer {
    return refusal(LINQ_ERRORS.rateLimited(seconds), { ...this.apiHeaders(), 'retry-after': String(seconds) });
  }

  /**
   * The injected failure, for a `failure_rate` share of API requests (after the latency), and for
   * every write to one of `failing_ids` (`write`: the subscription a PUT or DELETE is for).
   */
  injectedFailure(write?: { id: string | undefined }): LinqAnswer | undefined {
    if (write?.id !== undefined && this.faults.failing_ids.includes(write.id)) return this.failure();
    return this.faults.failure_rate > 0 && this.random() < this.faults.failure_rate ? this.failure() : undefined;
  }

  /** What a failing Linq answers: 500/3006, and nothing is applied. */
  failure(): LinqAnswer {
    return refusal(LINQ_ERRORS.internal(), this.apiHeaders());
  }

  /** Answers one request to an endpoint, applying its change to the state at once. */
  handle(request: LinqRequest): Handled {
    const handled = this.handlers[request.endpoint](request);
    return { ...handled, answer: { ...handled.answer, headers: { ...this.apiHeaders(), ...handled.answer.headers } } };
  }

  find(id: string | undefined): StoredSubscription | undefined {
    return this.state.subscriptions.find((entry) => entry.id === id);
  }

  /** Keyed by the endpoint table's names: an endpoint added there is a type error here until answered. */
  private readonly handlers: Record<LinqEndpointName, (request: LinqRequest) => Handled> = {
    listSubscriptions: () => ({ answer: success(200, { subscriptions: this.state.subscriptions.map(toWire) }) }),
    createSubscription: (request) => this.create(request.body),
    getSubscription: (request) => {
      const found = this.find(request.id);
      return { answer: found ? success(200, toWire(found)) : refusal(LINQ_ERRORS.notFound()) };
    },
    updateSubscription: (request) => this.update(request.id, request.body),
    deleteSubscription: (request) => {
      const found = this.find(request.id);
      if (!found) return { answer: refusal(LINQ_ERRORS.notFound()) };
      const undo = this.commit(this.state.subscriptions.filter((entry) => entry !== found));
      return { answer: success(LINQ_ENDPOINTS.deleteSubscription.status), undo };
    },
    listEventTypes: () => ({
      answer: success(200, { events: [...this.catalog.events], doc_url: this.catalog.doc_url }),
    }),
    listPhoneNumbers: () => ({ answer: success(200, { phone_numbers: this.state.phone_numbers }) }),
  };

  private create(body: unknown): Handled {
    const checked = checkCreateBody(body);
    if (!checked.ok) return { answer: refusal(checked.error) };
    if (this.urlInUse(checked.value.target_url)) return { answer: refusal(LINQ_ERRORS.conflict()) };
    const now = this.timestamp();
    const created: StoredSubscription = {
      id: this.newId(),
      target_url: checked.value.target_url,
      subscribed_events: checked.value.subscribed_events,
      phone_numbers: checked.value.phone_numbers,
      is_active: true,
      created_at: now,
      updated_at: now,
      signing_secret: this.newSigningSecret(),
    };
    const undo = this.commit([...this.state.subscriptions, created]);
    const answer = success(LINQ_ENDPOINTS.createSubscription.status, {
      ...toWire(created),
      signing_secret: created.signing_secret,
    });
    return { answer, undo };
  }

  private update(id: string | undefined, body: unknown): Handled {
    const found = this.find(id);
    if (!found) return { answer: refusal(LINQ_ERRORS.notFound()) };
    const checked = checkUpdateBody(body);
    if (!checked.ok) return { answer: refusal(checked.error) };
    const input = checked.value;
    if (input.target_url !== undefined && this.urlInUse(input.target_url, found.id)) {
      return { answer: refusal(LINQ_ERRORS.conflict()) };
    }
    if (Object.keys(input).length === 0) return { answer: success(200, toWire(found)) };
    // Replace, never mutate: a list answer being serialised keeps its own snapshot.
    const updated: StoredSubscription = { ...found, ...input, updated_at: this.timestamp() };
    const undo = this.commit(this.state.subscriptions.map((entry) => (entry === found ? updated : entry)));
    return { answer: success(200, toWire(updated)), undo };
  }

  /** Replaces the list; the undo restores the one before unless a later change has replaced it since. */
  private commit(next: StoredSubscription[]): () => void {
    const before = this.state.subscriptions;
    this.state.subscriptions = next;
    return () => {
      if (this.state.subscriptions === next) this.state.subscriptions = before;
    };
  }

  /** Strictly increasing, so every change is visible in `updated_at` even within one millisecond. */
  private timestamp(): string {
    this.lastTimestamp = Math.max(this.now(), this.lastTimestamp + 1);
    return new Date(this.lastTimestamp).toISOString();
  }

  private urlInUse(targetUrl: string, exceptId?: string): boolean {
    const key = targetUrlIdentity(targetUrl);
    return this.state.subscriptions.some((entry) => entry.id !== exceptId && this.keyOf(entry) === key);
  }

  private keyOf(entry: StoredSubscription): string {
    let key = this.urlKeys.get(entry);
    if (key === undefined) this.urlKeys.set(entry, (key = targetUrlIdentity(entry.target_url)));
    return key;
  }
}
